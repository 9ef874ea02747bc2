import pg from 'pg';
import { parseConfig } from '../../../../server/config/load.ts';

/**
 * A source with a full-refresh model (accounts) and an incremental one (events on occurred_at), and a way
 * to move it to its next generation: accounts deleted, added and renamed, events appended. So the store's
 * state before a run and after it differ for both models, and a half-written run would show.
 */
export function crashConfig(envName: string) {
  return parseConfig({
    sources: { app: { type: 'postgres', url: { env: envName }, system: 'product', app: 'product' } },
    models: [
      { name: 'crash_accounts', kind: 'accounts', source: 'app', sql: 'select id, name, gen from crash.accounts' },
      { name: 'crash_events', kind: 'events', source: 'app', sql: 'select id, account_id, name, occurred_at from crash.events', cursor: 'occurred_at' },
    ],
  });
}

export async function seedCrashSource(url: string, accounts: number, events: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      create schema crash;
      create table crash.accounts (id text primary key, name text not null, gen int not null);
      create table crash.events (id bigint primary key, account_id text not null, name text not null, occurred_at timestamptz not null);
      insert into crash.accounts select 'acc_' || i, 'Account ' || i, 0 from generate_series(1, ${accounts}) as i;
      insert into crash.events select i, 'acc_' || (1 + i % ${accounts}), 'login', timestamptz '2024-01-01' + i * interval '1 second' from generate_series(1, ${events}) as i;`);
  } finally {
    await client.end();
  }
}

/** The next generation: some accounts deleted, some added, some renamed; events appended past the last. */
export async function advanceCrashSource(url: string, gen: number, events: number): Promise<{ accounts: number; events: number; maxOccurredAt: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      delete from crash.accounts where id in (select id from crash.accounts order by md5(id || ${gen}) limit 300);
      insert into crash.accounts select 'acc_g${gen}_' || i, 'New ' || i, ${gen} from generate_series(1, 700) as i;
      update crash.accounts set name = name || ' v${gen}', gen = ${gen} where md5(id || ${gen}) < '3';
      insert into crash.events select m.id + i, 'acc_' || (1 + i % 1000), 'gen ${gen}', m.at + i * interval '1 second'
        from (select max(id) as id, max(occurred_at) as at from crash.events) as m, generate_series(1, ${events}) as i;`);
    const { rows } = await client.query<{ accounts: string; events: string; max: Date }>(
      `select (select count(*) from crash.accounts) as accounts, (select count(*) from crash.events) as events, (select max(occurred_at) from crash.events) as max`,
    );
    return { accounts: Number(rows[0]!.accounts), events: Number(rows[0]!.events), maxOccurredAt: rows[0]!.max.toISOString() };
  } finally {
    await client.end();
  }
}
