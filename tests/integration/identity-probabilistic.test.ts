import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config/load.ts';
import { decideReview } from '../../server/identity/decide-review.ts';
import { flagRecord } from '../../server/identity/flag-record.ts';
import { withIdentityLock } from '../../server/identity/identity-lock.ts';
import { undoFlag } from '../../server/identity/undo-flag.ts';
import { syncModels } from '../../server/models/sync.ts';
import { ENGINES, openTestStore, type TestStore } from './support/databases.ts';
import { identitySnapshot } from './support/identity-snapshot.ts';

/**
 * A company large enough for the probabilistic pass to learn from (180 people, each a CRM contact and a
 * product user with one email, some known to Zendesk), with planted cases: a Zendesk user whose email has a
 * typo (same name, same phone, same organization) — a probable match; a product user with a personal
 * address and only the name and the workspace in common — uncertain, for a person to decide; and a
 * subsidiary whose CRM account shares its parent's domain.
 */
const FIRST = ['Amara', 'Bjorn', 'Chiara', 'Dmitri', 'Elif', 'Farid', 'Greta', 'Hiro', 'Ilse', 'Jonas', 'Kemal', 'Liesel', 'Mateus', 'Nadia', 'Oskar', 'Priya', 'Quentin', 'Rosalind'];
const LAST = ['Abernathy', 'Bergstrom', 'Castellano', 'Dufresne', 'Ekwueme', 'Fontaine', 'Gallagher', 'Haverkamp', 'Iwasaki', 'Jablonski'];
const COMPANIES = Array.from({ length: 12 }, (_, i) => ({ id: `a${i}`, name: `Company ${String.fromCharCode(65 + i)}${i} Ltd`, domain: `company${i}.com` }));

function csv(header: string[], rows: (string | null)[][]): string {
  return [header.join(','), ...rows.map((r) => r.map((v) => v ?? '').join(','))].join('\n');
}

async function writeCompany(dir: string): Promise<void> {
  const contacts: (string | null)[][] = [];
  const users: (string | null)[][] = [];
  const zendesk: (string | null)[][] = [];
  let n = 0;
  for (const last of LAST) {
    for (const first of FIRST) {
      const company = COMPANIES[n % COMPANIES.length]!;
      const email = `${first}.${last}@${company.domain}`.toLowerCase();
      const phone = n % 3 === 0 ? `+1 415 555 ${String(1000 + n)}` : null;
      contacts.push([`c${n}`, email, `${first} ${last}`, phone, company.id]);
      users.push([`u${n}`, email, `${first} ${last}`]);
      if (n % 4 === 0) zendesk.push([`${9000 + n}`, email, `${first} ${last}`, phone, `${500 + (n % COMPANIES.length)}`]);
      n++;
    }
  }
  // The probable match: one typo in the address, the same name, phone and organization.
  contacts.push(['c_hv', 'henrietta.vandersloot@company1.com', 'Henrietta Vandersloot', '+1 415 555 0199', 'a1']);
  users.push(['u_hv', 'henrietta.vandersloot@company1.com', 'Henrietta V.']);
  zendesk.push(['9999', 'henrietta.vandersloot@compnay1.com', 'Henrietta Vandersloot', '+1 415 555 0199', '501']);
  // The uncertain one: the name and the workspace's company in common, nothing else (a personal address).
  contacts.push(['c_bq', 'bartholomew.quist@company2.com', 'Bartholomew Quist', null, 'a2']);
  users.push(['u_bq', 'bquist1971@gmail.com', 'Bartholomew Quist']);
  const accounts = [...COMPANIES.map((c) => [c.id, c.name, c.domain, null]), ['parent', 'Northwind Holdings', 'northwind.io', null], ['emea', 'Northwind EMEA', 'https://www.northwind.io', 'parent']];
  await writeFile(path.join(dir, 'accounts.csv'), csv(['id', 'name', 'domain', 'parent_id'], accounts));
  await writeFile(path.join(dir, 'contacts.csv'), csv(['id', 'email', 'name', 'phone', 'account_id'], contacts));
  await writeFile(path.join(dir, 'orgs.csv'), csv(['id', 'name', 'external_id'], COMPANIES.map((c, i) => [`${500 + i}`, c.name.toUpperCase(), c.id])));
  await writeFile(path.join(dir, 'zendesk-users.csv'), csv(['id', 'email', 'name', 'phone', 'account_id'], zendesk));
  await writeFile(path.join(dir, 'users.csv'), csv(['id', 'email', 'name'], users));
  const memberships = users.map((u, i) => [u[0]!, u[0] === 'u_bq' ? 'ws2' : u[0] === 'u_hv' ? 'ws1' : `ws${i % COMPANIES.length}`]);
  await writeFile(path.join(dir, 'memberships.csv'), csv(['user_id', 'account_id'], memberships));
  await writeFile(path.join(dir, 'workspaces.csv'), csv(['id', 'name', 'crm_id'], COMPANIES.map((c, i) => [`ws${i}`, c.name, c.id])));
  await writeFile(path.join(dir, 'billing.csv'), csv(['id', 'name', 'domain', 'crm_account_id'], [['cus_emea', 'Northwind EMEA GmbH', 'northwind.io', 'emea']]));
}

describe.each(ENGINES)('probable matches and verified domains on %s', (engine) => {
  let t: TestStore;
  let dir: string;
  let config: ReturnType<typeof parseConfig>;

  const linkOf = async (source: string, sourceId: string) =>
    t.store.db
      .selectFrom('source_records as r')
      .innerJoin('entity_links as l', 'l.record_id', 'r.id')
      .select(['l.entity_id', 'l.rule', 'l.score', 'l.explanation'])
      .where('r.source', '=', source)
      .where('r.source_id', '=', sourceId)
      .where('r.kind', 'in', ['users', 'accounts'])
      .executeTakeFirstOrThrow();
  const uncertainItems = () => t.store.db.selectFrom('review_items').selectAll().where('kind', '=', 'uncertain').orderBy('created_at').execute();

  beforeAll(async () => {
    t = await openTestStore(engine);
    dir = await mkdtemp(path.join(os.tmpdir(), 'sidelight-probable-'));
    await writeCompany(dir);
    config = parseConfig({
      sources: {
        crm: { type: 'csv', dir, system: 'crm' },
        zendesk: { type: 'csv', dir, system: 'support' },
        product: { type: 'csv', dir, system: 'product' },
        billing: { type: 'csv', dir, system: 'billing' },
      },
      models: [
        { name: 'crm_accounts', kind: 'accounts', source: 'crm', file: 'accounts.csv' },
        { name: 'crm_contacts', kind: 'users', source: 'crm', file: 'contacts.csv' },
        { name: 'zendesk_orgs', kind: 'accounts', source: 'zendesk', file: 'orgs.csv', sameAs: [{ column: 'external_id', source: 'crm' }] },
        { name: 'zendesk_users', kind: 'users', source: 'zendesk', file: 'zendesk-users.csv' },
        { name: 'workspaces', kind: 'accounts', source: 'product', file: 'workspaces.csv', sameAs: [{ column: 'crm_id', source: 'crm' }] },
        { name: 'product_users', kind: 'users', source: 'product', file: 'users.csv' },
        { name: 'memberships', kind: 'memberships', source: 'product', file: 'memberships.csv' },
        { name: 'billing_customers', kind: 'accounts', source: 'billing', file: 'billing.csv', sameAs: [{ column: 'crm_account_id', source: 'crm' }] },
      ],
      properties: [{ key: 'name', entity: 'person', label: 'Name' }],
      // A lower review threshold than the default 0.6: the name and the company alone score about 0.5 here.
      identity: { thresholds: { auto: 0.95, review: 0.3 } },
    });
    await syncModels(t.store.db, config);
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('links a duplicate with a typo in the email as a probable match, with the score and its explanation', async () => {
    const contact = await linkOf('crm', 'c_hv');
    const typo = await linkOf('zendesk', '9999');
    expect(typo.entity_id).toBe(contact.entity_id);
    expect(typo.rule).toBe('probable_match');
    expect(typo.score).toBeGreaterThanOrEqual(0.95);
    expect(typo.explanation).toMatch(/^probable match \(\d\.\d{4}\) with crm record "c_hv": /);
    for (const attribute of ['first_name "henrietta" vs "henrietta": exact match', 'last_name "vandersloot" vs "vandersloot": exact match', 'phone "14155550199" vs "14155550199": exact match']) {
      expect(typo.explanation).toContain(attribute);
    }
    expect(typo.explanation).toMatch(/prior −\d+\.\d bits$/);
  });

  it('queues a weaker pair for review once, and a rejection keeps it apart on the next syncs', async () => {
    const items = (await uncertainItems()).filter((i) => i.entity_kind === 'person');
    expect(items).toHaveLength(1);
    const [item] = items;
    expect(item!.records.map((r) => `${r.source}|${r.sourceId}`).sort()).toEqual(['crm|c_bq', 'product|u_bq']);
    expect(item!.evidence.rule).toBe('probable_match');
    expect(item!.evidence.score).toBeGreaterThanOrEqual(0.3);
    expect(item!.evidence.score).toBeLessThan(0.95);
    expect((await linkOf('product', 'u_bq')).entity_id).not.toBe((await linkOf('crm', 'c_bq')).entity_id);

    await syncModels(t.store.db, config);
    expect((await uncertainItems()).filter((i) => i.entity_kind === 'person')).toHaveLength(1);

    const decided = await withIdentityLock(t.store.db, (trx) => decideReview(trx, config, item!.id, { decision: 'reject' }, { name: 'Rita Rep', role: 'cs_rep' }));
    expect(decided.ok).toBe(true);
    await syncModels(t.store.db, config);
    expect((await linkOf('product', 'u_bq')).entity_id).not.toBe((await linkOf('crm', 'c_bq')).entity_id);
    const after = (await uncertainItems()).filter((i) => i.entity_kind === 'person');
    expect(after.map((i) => [i.id, i.status])).toEqual([[item!.id, 'decided']]);
  });

  it('does not merge a subsidiary into its parent on their shared domain, and asks a person instead', async () => {
    const parent = await linkOf('crm', 'parent');
    const emea = await linkOf('crm', 'emea');
    expect(emea.entity_id).not.toBe(parent.entity_id);
    expect((await linkOf('billing', 'cus_emea')).entity_id).toBe(emea.entity_id);
    const items = (await uncertainItems()).filter((i) => i.entity_kind === 'account');
    expect(items.map((i) => [i.evidence.rule, i.records.map((r) => r.sourceId).sort()])).toEqual([['verified_domain', ['emea', 'parent']]]);
    expect(items[0]!.evidence.explanation).toContain('crm record emea names crm record parent as its parent');
    // Accounts that do own their domain link on it.
    expect((await linkOf('crm', 'a3')).rule).not.toBe('single_record');
  });

  it('keeps a flagged probable link split, through the next syncs', async () => {
    const entityId = (await linkOf('crm', 'c_hv')).entity_id;
    const outcome = await withIdentityLock(t.store.db, (trx) =>
      flagRecord(trx, config, { record: { source: 'zendesk', sourceId: '9999' }, entity: { kind: 'person', id: entityId } }, { name: 'Ada Agent' }),
    );
    if (!outcome.ok) throw new Error(outcome.detail);
    expect((await linkOf('zendesk', '9999')).entity_id).toBe(outcome.flag.splitEntityId);
    const flagged = await identitySnapshot(t.store.db);
    await syncModels(t.store.db, config);
    expect((await linkOf('zendesk', '9999')).entity_id).toBe(outcome.flag.splitEntityId);
    expect((await linkOf('crm', 'c_hv')).entity_id).toBe(entityId);
    expect(await identitySnapshot(t.store.db)).toEqual(flagged);
  });

  it('keeps a probable link when a flag re-resolves its entity, and undos give back the exact links', async () => {
    const undo = (flagId: string) => withIdentityLock(t.store.db, (trx) => undoFlag(trx, config, flagId, { name: 'Ada Agent', role: 'admin' }));
    const applied = await t.store.db.selectFrom('identity_flags').select('id').where('status', '=', 'applied').execute();
    for (const f of applied) expect((await undo(f.id)).ok).toBe(true);
    const typo = await linkOf('zendesk', '9999');
    expect(typo.rule).toBe('probable_match');
    const before = await identitySnapshot(t.store.db);

    // The product user shares the contact's email; flagging it re-resolves the entity's records only.
    const entityId = (await linkOf('crm', 'c_hv')).entity_id;
    expect((await linkOf('product', 'u_hv')).entity_id).toBe(entityId);
    const outcome = await withIdentityLock(t.store.db, (trx) =>
      flagRecord(trx, config, { record: { source: 'product', sourceId: 'u_hv' }, entity: { kind: 'person', id: entityId } }, { name: 'Ada Agent' }),
    );
    if (!outcome.ok) throw new Error(outcome.detail);
    expect(await linkOf('zendesk', '9999')).toEqual(typo);
    expect((await linkOf('product', 'u_hv')).entity_id).toBe(outcome.flag.splitEntityId);
    expect((await undo(outcome.flag.id)).ok).toBe(true);
    expect(await identitySnapshot(t.store.db)).toEqual(before);
  });
});
