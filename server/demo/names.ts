/** Word lists for the demo company. Plain data: the generator draws from them with its seeded PRNG. */

/** First names; the ones people shorten carry their usual nicknames (Robert -> Bob). */
export const FIRST_NAMES: readonly (readonly [name: string, nicknames: readonly string[]])[] = [
  ['Robert', ['Bob', 'Rob', 'Bobby']], ['William', ['Will', 'Bill']], ['Elizabeth', ['Liz', 'Beth']],
  ['Katherine', ['Kate', 'Katie']], ['Michael', ['Mike']], ['Jennifer', ['Jen', 'Jenny']],
  ['Christopher', ['Chris']], ['Margaret', ['Maggie', 'Peggy']], ['Daniel', ['Dan', 'Danny']],
  ['Alexander', ['Alex']], ['Jonathan', ['Jon']], ['Patricia', ['Pat', 'Trish']], ['Thomas', ['Tom']],
  ['Samantha', ['Sam']], ['Nicholas', ['Nick']], ['Victoria', ['Vicky', 'Tori']], ['Anthony', ['Tony']],
  ['Rebecca', ['Becky']], ['Matthew', ['Matt']], ['Jessica', ['Jess']], ['Benjamin', ['Ben']],
  ['Stephanie', ['Steph']], ['Joseph', ['Joe']], ['Deborah', ['Debbie', 'Deb']], ['Richard', ['Rick', 'Dick']],
  ['Andrew', ['Andy', 'Drew']], ['Susan', ['Sue']], ['James', ['Jim', 'Jimmy']], ['Edward', ['Ed', 'Eddie']],
  ['Kimberly', ['Kim']], ['Timothy', ['Tim']], ['Gregory', ['Greg']], ['Natalie', ['Nat']],
  ['Maria', []], ['Priya', []], ['Wei', []], ['Aisha', []], ['Lucas', []], ['Sofia', []], ['Mateo', []],
  ['Yuki', []], ['Fatima', []], ['Olivia', []], ['Noah', []], ['Emma', []], ['Liam', []], ['Chloe', []],
  ['Hannah', []], ['Ethan', []], ['Grace', []], ['Arjun', []], ['Ingrid', []], ['Lars', []], ['Amara', []],
  ['Diego', []], ['Camila', []], ['Omar', []], ['Leila', []], ['Hiroshi', []], ['Mei', []], ['Kwame', []],
  ['Zoe', []], ['Ryan', []], ['Laura', []], ['Paul', []], ['Claire', []], ['Ravi', []], ['Nina', []],
  ['Oscar', []], ['Elena', []], ['Felix', []], ['Ines', []], ['Tariq', []], ['Sven', []], ['Anya', []],
];

export const LAST_NAMES: readonly string[] = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green',
  'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Patel',
  'Kim', 'Chen', 'Wang', 'Singh', 'Kumar', 'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Rossi',
  'Russo', 'Ferrari', 'Dubois', 'Moreau', 'Laurent', 'Tanaka', 'Suzuki', 'Sato', 'Okafor', 'Mensah',
  'Andersson', 'Johansson', 'Nielsen', 'Kowalski', 'Novak', "O'Brien", 'McCarthy', 'Murphy', 'Kelly',
  'Sullivan', 'Walsh', 'Byrne', 'Fitzgerald', 'Da Silva', 'Santos', 'Oliveira', 'Costa', 'Haddad', 'Khan',
  'Ahmed', 'Ali', 'Hassan', 'Ivanova', 'Petrov', 'Horvat', 'Van der Berg', 'De Vries', 'Jansen', 'Bakker',
];

export const COMPANY_STEMS: readonly string[] = [
  'Acorn', 'Apex', 'Arbor', 'Atlas', 'Aurora', 'Beacon', 'Birch', 'Bluefin', 'Boulder', 'Brightwater',
  'Cascade', 'Cedar', 'Citadel', 'Cobalt', 'Compass', 'Copper', 'Crescent', 'Delta', 'Driftwood', 'Ember',
  'Evergreen', 'Falcon', 'Fjord', 'Foxglove', 'Galaxy', 'Granite', 'Harbor', 'Hawthorn', 'Helix', 'Horizon',
  'Indigo', 'Iron', 'Juniper', 'Keystone', 'Kestrel', 'Lantern', 'Larkspur', 'Lumen', 'Maple', 'Meridian',
  'Monarch', 'Nimbus', 'Northwind', 'Nova', 'Oakridge', 'Onyx', 'Orbit', 'Pacific', 'Paragon', 'Pinnacle',
  'Pioneer', 'Polaris', 'Prairie', 'Quantum', 'Quarry', 'Radiant', 'Redwood', 'Ridge', 'Sapphire', 'Sequoia',
  'Sierra', 'Silverline', 'Solstice', 'Sparrow', 'Spruce', 'Summit', 'Tandem', 'Terra', 'Thistle', 'Tidal',
  'Timber', 'Trident', 'Tundra', 'Umber', 'Vanguard', 'Vertex', 'Willow', 'Zenith', 'Zephyr', 'Globex',
  'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Wonka', 'Tyrell', 'Cyberdyne', 'Soylent', 'Vandelay',
];

export const COMPANY_SUFFIXES: readonly string[] = [
  'Labs', 'Systems', 'Analytics', 'Logistics', 'Health', 'Foods', 'Robotics', 'Capital', 'Media', 'Energy',
  'Software', 'Networks', 'Bio', 'Retail', 'Motors', 'Studios', 'Partners', 'Group', 'Technologies', 'Works',
];

export const LEGAL_FORMS: readonly string[] = ['Inc.', 'LLC', 'Ltd', 'GmbH', 'Corp.', 'Co.', 'S.A.', 'B.V.', 'AB', 'plc'];

export const TLDS: readonly string[] = ['com', 'com', 'com', 'io', 'co', 'ai', 'de', 'co.uk', 'net', 'fr', 'nl'];

export const COUNTRIES: readonly string[] = ['United States', 'United Kingdom', 'Germany', 'France', 'Netherlands', 'Canada', 'Australia', 'Sweden', 'Japan', 'Brazil', 'India', 'Spain'];

/** Regional subsidiaries of a parent company, with the country their name carries. */
export const SUBSIDIARY_REGIONS: readonly string[] = ['Germany', 'UK', 'France', 'Japan', 'Brasil', 'Nordics', 'Iberia', 'APAC'];

export const INDUSTRIES: readonly string[] = [
  'Software', 'Financial Services', 'Healthcare', 'Retail', 'Manufacturing', 'Logistics', 'Education',
  'Media', 'Energy', 'Telecommunications', 'Real Estate', 'Hospitality', 'Non-profit', 'Government',
];

export const FREE_MAIL_DOMAINS: readonly string[] = ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'proton.me', 'gmx.de'];

export const ACCOUNT_OWNERS: readonly string[] = ['Hannah Cole', 'Marcus Webb', 'Priya Raman', 'Diego Alvarez', 'Sophie Laurent', 'Tom Becker', 'Aiko Mori', 'Grace Okonkwo'];

export const TITLES_BY_SENIORITY = {
  executive: ['CEO', 'CTO', 'COO', 'VP Engineering', 'VP Operations', 'Head of Customer Success', 'Chief Revenue Officer'],
  manager: ['Engineering Manager', 'Operations Manager', 'IT Manager', 'Product Manager', 'Finance Manager', 'Team Lead', 'Procurement Manager'],
  staff: ['Software Engineer', 'Data Analyst', 'Support Specialist', 'Account Coordinator', 'Designer', 'Marketing Specialist', 'Operations Analyst', 'Accountant'],
} as const;

/** The demo vendor's own help-desk agents (Zendesk users with role "agent", not customers). */
export const SUPPORT_AGENTS: readonly string[] = ['Riley Park', 'Morgan Shaw', 'Casey Nguyen', 'Jamie Fox', 'Alex Romero', 'Taylor Brooks'];

export const TICKET_SUBJECTS: readonly string[] = [
  'Cannot log in after password reset', 'SSO configuration question', 'Invoice shows wrong amount',
  'How do I add more seats?', 'Export to CSV is timing out', 'Dashboard not loading', 'API rate limit exceeded',
  'Request to delete a workspace', 'Integration with Slack stopped syncing', 'Feature request: dark mode',
  'Billing address change', 'User cannot accept invite', 'Webhook deliveries failing', 'Data import stuck at 90%',
  'Question about data retention', 'Two-factor authentication lost device', 'Report numbers look wrong',
  'Upgrade to Business plan', 'Cancel our subscription', 'Permissions for read-only users', 'Slow search results',
  'GDPR data processing agreement', 'Charge failed but card is valid', 'Mobile app crashes on start',
];

export const CONVERSATION_TITLES: readonly string[] = [
  'Quick question about pricing', 'Where is the export button?', 'Trial extension', 'Onboarding call?',
  'Can we change our workspace name?', 'Bug: chart colours', 'Help inviting teammates', 'Is there an API?',
  'Discount for non-profits', 'Love the new release!', 'Problem with the Zapier integration', 'Need an invoice copy',
];

export const CASE_SUBJECTS: readonly string[] = [
  'Renewal paperwork', 'Security questionnaire', 'Escalation: outage impact', 'Contract amendment',
  'Executive business review request', 'Procurement vendor form', 'SLA credit request', 'Seat true-up',
];

export const PRODUCT_FEATURES: readonly string[] = ['dashboards', 'reports', 'alerts', 'automations', 'api', 'exports', 'integrations', 'segments', 'forecasts', 'audit_log'];
export const PRODUCT_PAGES: readonly string[] = ['/home', '/dashboards', '/reports', '/settings', '/settings/billing', '/settings/members', '/alerts', '/automations', '/integrations', '/help'];
