/**
 * Where the agent workspace shows a record, as data (tested against tests/fixtures/hosts/zendesk/). Every
 * ticket, user or organization an agent opens stays in the DOM as a tab's workspace pane; the active pane
 * is marked `aria-current="page"` and the others are hidden. Alternatives are tried in order: the stable
 * `data-test-id`s first, then the mailto: and record links any release keeps.
 */
export const ZENDESK_SELECTORS = {
  /** One pane per open tab, naming its record. */
  workspace: '[data-entity-type][data-entity-id]',
  activeWorkspace: '[data-entity-type][data-entity-id][aria-current="page"]',
  /** The requester block of a ticket pane (the context panel, else the ticket's requester field). */
  requester: ['[data-test-id="ticket-context-panel"]', '[data-test-id="ticket-system-field-requester-select"]'],
  person: {
    name: ['[data-test-id="customer-context-user-name"]', 'a[href*="/agent/users/"]'],
    email: ['[data-test-id="customer-context-user-email"]', 'a[href^="mailto:"]'],
    organization: ['[data-test-id="customer-context-organization"]', 'a[href*="/agent/organizations/"]'],
  },
  /** A user's or an organization's profile pane. */
  profile: ['[data-test-id="user-profile"]', '[data-test-id="organization-profile"]', '.profile'],
  profileName: ['[data-test-id="profile-name"]', 'h1'],
  profileEmail: ['[data-test-id="user-identity-email"]', 'a[href^="mailto:"]'],
} as const;
