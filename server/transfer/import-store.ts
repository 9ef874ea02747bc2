import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { Manifest } from './export-store.ts';
import { tableChecksum } from './read-table.ts';
import { STORE_TABLES } from './tables.ts';

const BATCH = 2000;

/**
 * Loads an export into an empty store (migrated to the same version) in one transaction, moves identity
 * sequences past the imported ids, then checks every table's row count and checksum against the manifest.
 */
export async function importStore(db: Kysely<Database>, fromDir: string, onProgress?: (message: string) => void): Promise<Manifest['tables']> {
  const manifest = JSON.parse(await readFile(path.join(fromDir, 'manifest.json'), 'utf8')) as Manifest;
  if (manifest.format !== 'sidelight-export/1') throw new Error(`${fromDir} is not a Sidelight export (format ${String(manifest.format)})`);
  const applied = (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)).rows.map((r) => r.name);
  const missing = manifest.migrations.filter((m) => !applied.includes(m));
  if (missing.length) throw new Error(`the target store lacks migrations ${missing.join(', ')}: upgrade Sidelight before importing`);

  await db.transaction().execute(async (trx) => {
    for (const table of STORE_TABLES) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table.name)}`.execute(trx);
      if ((rows[0]?.n ?? 0) > 0) throw new Error(`the target store is not empty (${table.name} has rows): import needs a new store`);
    }
    for (const table of STORE_TABLES) {
      const entry = manifest.tables[table.name];
      if (!entry) continue;
      const lines = createInterface({ input: createReadStream(path.join(fromDir, entry.file)), crlfDelay: Infinity });
      let batch: string[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const overriding = table.identity ? sql`overriding system value` : sql``;
        await sql`insert into ${sql.table(table.name)} ${overriding}
          select * from jsonb_populate_recordset(null::${sql.table(table.name)}, ${`[${batch.join(',')}]`}::jsonb)`.execute(trx);
        batch = [];
      };
      for await (const line of lines) {
        if (!line) continue;
        batch.push(line);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      if (table.identity) {
        await sql`select setval(pg_get_serial_sequence(${table.name}, 'id'), coalesce((select max(id) from ${sql.table(table.name)}), 0) + 1, false)`.execute(trx);
      }
      onProgress?.(`${table.name}: ${entry.rows} rows`);
    }
  });

  const verified: Manifest['tables'] = {};
  for (const table of STORE_TABLES) {
    const expected = manifest.tables[table.name];
    if (!expected) continue;
    const actual = await tableChecksum(db, table);
    if (actual.rows !== expected.rows || actual.sha256 !== expected.sha256) {
      throw new Error(`${table.name}: imported ${actual.rows} rows (checksum ${actual.sha256.slice(0, 12)}), the export holds ${expected.rows} (${expected.sha256.slice(0, 12)})`);
    }
    verified[table.name] = { ...expected };
  }
  return verified;
}
