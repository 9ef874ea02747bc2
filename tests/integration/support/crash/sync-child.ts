/**
 * A sync in its own process, to be killed: runs every model of the crash company against the store in
 * DATABASE_URL, printing a line after each written batch and each finished run, and "done" at the end.
 */
import { syncModels } from '../../../../server/models/sync.ts';
import { openStore } from '../../../../server/store/open.ts';
import { crashConfig } from './crash-company.ts';

const store = await openStore({ databaseUrl: process.env.DATABASE_URL! });
const result = await syncModels(store.db, crashConfig('CRASH_SOURCE_URL'), {
  batchSize: Number(process.env.CRASH_BATCH_SIZE ?? 500),
  onProgress: ({ model, rowsRead }) => console.log(`batch ${model} ${rowsRead}`),
  onRun: (run) => console.log(`batch ${run.model} committed: ${run.status}`),
});
console.log(`done ${result.runs.map((r) => `${r.model}:${r.status}`).join(' ')}`);
await store.close();
