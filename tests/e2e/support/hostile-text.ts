import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { DemoListing } from '../../../server/demo/listing.ts';

/**
 * Script-like text, as a hostile page or a poisoned source row holds it. Rendered as markup, each would run
 * and push its name onto `window.__pwned`; rendered as text, it reads exactly as written.
 */
export const SCRIPT_LIKE = {
  img: `<img src=x onerror="(window.__pwned||=[]).push('img')">`,
  script: `<script>(window.__pwned||=[]).push('script')</script>`,
  svg: `"><svg onload="(window.__pwned||=[]).push('svg')">`,
  javascriptUrl: `javascript:(window.__pwned||=[]).push('url')//`,
  iframe: `<iframe srcdoc="<script>parent.__pwned.push('srcdoc')</script>"></iframe>`,
  /** Right-to-left override: the text after it shows reversed ("moc.live@nimda" reads "admin@evil.com"). */
  rtl: '\u202Emoc.live@nimda\u202C',
} as const;

/** `length` characters of script-like text (a 10 KB name), every payload inside. */
export function longScriptLike(length: number): string {
  const unit = `${Object.values(SCRIPT_LIKE).join(' ')} `;
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** What `plantHostileRows` wrote, to find in the sidebar. */
export interface PlantedRows {
  /** The poisoned person's Zendesk ticket and email, for the replica page. */
  ticketId: number;
  email: string;
  accountName: string;
  personName: string;
  properties: { owner: string; industry: string; segment: string; country: string; title: string };
}

/**
 * Poisons the demo company's CRM before its sync: the clean-match account and its person get script-like
 * names and properties (a 9,000-character job title among them), kept close enough to the real values
 * that identity still resolves them as before.
 */
export async function plantHostileRows(dataDir: string): Promise<PlantedRows> {
  const sources = join(dataDir, 'demo-sources');
  const listing = DemoListing.parse(JSON.parse(await readFile(join(sources, 'listing.json'), 'utf8')));
  const scenario = listing.scenarios.clean_match;
  const account = listing.accounts.find((a) => a.id === scenario.account)!;
  const people = [...account.people].sort((a, b) => Number(b.id === scenario.person) - Number(a.id === scenario.person));
  const person = people.find((p) => p.tickets.length > 0 && p.email && p.ids.salesforce);
  if (!account.ids.salesforce || !person) throw new Error('The clean_match account has no CRM contact with a ticket to poison.');
  const db = new PGlite(join(sources, 'db'));
  try {
    const crmAccount = (await db.query<{ name: string }>('select name from crm.accounts where id = $1', [account.ids.salesforce])).rows[0]!;
    const contact = (await db.query<{ first_name: string | null; last_name: string | null }>(
      'select first_name, last_name from crm.contacts where id = $1',
      [person.ids.salesforce!],
    )).rows[0]!;
    const lastName = [contact.last_name, SCRIPT_LIKE.script].filter(Boolean).join(' ');
    const planted: PlantedRows = {
      ticketId: person.tickets[0]!,
      email: person.email!,
      accountName: `${crmAccount.name} ${SCRIPT_LIKE.img}`,
      personName: [contact.first_name, lastName].filter(Boolean).join(' '),
      properties: {
        owner: `${SCRIPT_LIKE.svg} Owner`,
        industry: SCRIPT_LIKE.javascriptUrl,
        segment: SCRIPT_LIKE.iframe,
        country: `Sweden ${SCRIPT_LIKE.rtl}`,
        title: longScriptLike(9_000),
      },
    };
    const { owner, industry, segment, country, title } = planted.properties;
    await db.query(
      'update crm.accounts set name = $2, owner_name = $3, industry = $4, segment = $5, billing_country = $6 where id = $1',
      [account.ids.salesforce, planted.accountName, owner, industry, segment, country],
    );
    await db.query('update crm.contacts set last_name = $2, title = $3 where id = $1', [person.ids.salesforce!, lastName, title]);
    return planted;
  } finally {
    await db.close();
  }
}
