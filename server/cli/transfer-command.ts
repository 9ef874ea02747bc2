import path from 'node:path';
import { exportStore } from '../transfer/export-store.ts';
import { importStore } from '../transfer/import-store.ts';
import { runningServer, withStore, type CliEnv } from './environment.ts';

function refuseWhileServing(env: CliEnv, verb: string): void {
  if (runningServer(env)) throw new Error(`a server holds the store at ${env.dataDir}: stop it before you ${verb}`);
}

/** `sidelight export --out DIR`: the whole store as JSON lines plus a manifest of counts and checksums. */
export async function exportCommand(env: CliEnv, options: { out: string }): Promise<void> {
  refuseWhileServing(env, 'export');
  const out = path.resolve(options.out);
  const manifest = await withStore(env, (store) =>
    exportStore(store.db, out, { engine: store.engine, location: store.location }, (message) => process.stderr.write(`  ${message}\n`)),
  );
  const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
  console.log(`exported ${rows} rows from ${manifest.source.engine} to ${out}`);
}

/** `sidelight import --from DIR`: into the store DATABASE_URL (or SIDELIGHT_DATA_DIR) names, which must be new. */
export async function importCommand(env: CliEnv, options: { from: string }): Promise<void> {
  refuseWhileServing(env, 'import');
  const verified = await withStore(env, (store) => importStore(store.db, path.resolve(options.from), (message) => process.stderr.write(`  ${message}\n`)));
  for (const [table, { rows, sha256 }] of Object.entries(verified)) console.log(`  ${table.padEnd(20)} ${String(rows).padStart(9)} rows  sha256 ${sha256.slice(0, 16)}  verified`);
  console.log('import complete: every table matches the export');
}
