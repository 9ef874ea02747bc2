import { replayQuarantine, type ReplaySummary } from '../models/replay-quarantine.ts';
import { listQuarantine } from '../models/status.ts';
import { callServer, cliConfig, runningServer, withStore, type CliEnv } from './environment.ts';

type Row = Awaited<ReturnType<typeof listQuarantine>>[number];

export async function quarantineList(env: CliEnv, options: { model?: string; json?: boolean }): Promise<void> {
  const server = runningServer(env);
  const query = options.model ? `?model=${encodeURIComponent(options.model)}&limit=1000` : '?limit=1000';
  const rows: Row[] = server
    ? (await callServer<{ rows: Row[] }>(server, 'GET', `/v1/quarantine${query}`)).rows
    : await withStore(env, (store) => listQuarantine(store.db, { ...(options.model ? { model: options.model } : {}), limit: 1000 }));
  if (options.json) {
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  for (const row of rows) console.log(`${row.model.padEnd(24)} ${row.rowKey.padEnd(28)} run ${row.firstRunId}..${row.lastRunId}  ${row.reason}`);
  console.log(`${rows.length} quarantined row(s)`);
}

export async function quarantineReplay(env: CliEnv, options: { model: string }): Promise<void> {
  const server = runningServer(env);
  const summary: ReplaySummary = server
    ? await callServer<ReplaySummary>(server, 'POST', '/v1/quarantine/replay', { model: options.model })
    : await withStore(env, async (store) => replayQuarantine(store.db, await cliConfig(env), options.model));
  console.log(`replayed ${summary.replayed} row(s) of ${summary.model}: ${summary.accepted} accepted, ${summary.stillQuarantined} still quarantined (run ${summary.runId})`);
}
