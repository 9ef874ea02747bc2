import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { readTable, rowText } from './read-table.ts';
import { STORE_TABLES } from './tables.ts';

export interface Manifest {
  format: 'sidelight-export/1';
  exportedAt: string;
  source: { engine: string; location: string };
  migrations: string[];
  tables: Record<string, { rows: number; sha256: string; file: string }>;
}

/**
 * Writes every store table as JSON lines in key order, with a manifest of row counts and checksums,
 * so `importStore` can prove the copy is exact.
 */
export async function exportStore(db: Kysely<Database>, outDir: string, source: Manifest['source'], onProgress?: (message: string) => void): Promise<Manifest> {
  await mkdir(outDir, { recursive: true });
  const manifest: Manifest = { format: 'sidelight-export/1', exportedAt: new Date().toISOString(), source, migrations: [], tables: {} };
  manifest.migrations = (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)).rows.map((m) => m.name);
  for (const table of STORE_TABLES) {
    const file = `${table.name}.jsonl`;
    const out = createWriteStream(path.join(outDir, file));
    const hash = createHash('sha256');
    let rows = 0;
    for await (const page of readTable(db, table)) {
      let chunk = '';
      for (const row of page) {
        const line = `${rowText(row)}\n`;
        hash.update(line);
        chunk += line;
      }
      rows += page.length;
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    manifest.tables[table.name] = { rows, sha256: hash.digest('hex'), file };
    onProgress?.(`${table.name}: ${rows} rows`);
  }
  await writeFile(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
