import type { ModelRunSummary } from '../../lib/contract/index.ts';
import { syncModels } from '../models/sync.ts';
import { callServer, cliConfig, runningServer, withStore, type CliEnv } from './environment.ts';
import { formatRun } from './print-runs.ts';

/** `sidelight sync [--model NAME...]`: runs models now, through the server when one holds the store. */
export async function syncCommand(env: CliEnv, options: { model?: string[]; fullRefresh?: boolean }): Promise<boolean> {
  const server = runningServer(env);
  if (server) {
    const runs: ModelRunSummary[] = [];
    for (const name of options.model?.length ? options.model : ['all']) {
      const result = await callServer<{ runs: ModelRunSummary[] }>(server, 'POST', `/v1/models/${encodeURIComponent(name)}/run${options.fullRefresh ? '?fullRefresh=true' : ''}`);
      runs.push(...result.runs);
    }
    for (const run of runs) console.log(formatRun(run));
    return runs.every((r) => r.status === 'succeeded');
  }
  const config = await cliConfig(env);
  const tty = process.stderr.isTTY;
  return withStore(env, async (store) => {
    const result = await syncModels(store.db, config, {
      ...(options.model?.length ? { models: options.model } : {}),
      ...(options.fullRefresh ? { fullRefresh: true } : {}),
      onProgress: ({ model, rowsRead }) => {
        if (tty) process.stderr.write(`\r  ${model}: ${rowsRead} rows read…`);
      },
      onRun: (run) => {
        if (tty) process.stderr.write('\r\x1b[K');
        console.log(formatRun(run));
      },
    });
    const read = result.runs.reduce((n, r) => n + r.rowsRead, 0);
    console.log(
      `synced ${result.runs.length} models, ${read} rows in ${result.durationMs} ms (${Math.round((read / result.durationMs) * 1000)} rows/s); ` +
        `entities: ${result.entities.accounts} accounts, ${result.entities.people} people (${result.entities.durationMs} ms); ` +
        `contexts: ${result.contexts.entities} precomputed (${result.contexts.durationMs} ms)`,
    );
    const { probable, refused, reviews } = result.entities;
    const probableLinks = Object.values(probable).reduce((n, p) => n + p.aboveAuto, 0);
    const compared = Object.values(probable).reduce((n, p) => n + p.candidatePairs, 0);
    const refusedLinks = Object.values(refused.counts).reduce((n, count) => n + count, 0);
    console.log(
      `identity: ${probableLinks} probable links from ${compared} compared pairs; ${reviews.opened} new review item(s)` +
        (reviews.waiting > 0 ? ` (${reviews.waiting} more past this run's cap, queued next run)` : '') +
        (refusedLinks > 0 ? `; ${refusedLinks} automatic links refused (${Object.entries(refused.counts).filter(([, n]) => n > 0).map(([why, n]) => `${why}: ${n}`).join(', ')})` : ''),
    );
    const warnings = result.quality.filter((q) => q.status === 'warn');
    console.log(warnings.length === 0 ? 'quality: every check passed' : `quality: ${warnings.length} warning(s)`);
    for (const q of warnings) console.log(`  ${q.check.padEnd(34)} ${(q.model ?? '').padEnd(26)} ${String(q.count).padStart(6)}  e.g. ${q.samples.slice(0, 3).join(', ')}`);
    return result.runs.every((r) => r.status === 'succeeded');
  });
}
