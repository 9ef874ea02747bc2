import type { ModelRunSummary } from '../../lib/contract/index.ts';

/** One line per run, aligned, for the terminal. */
export function formatRun(run: Pick<ModelRunSummary, 'model' | 'status' | 'rowsRead' | 'rowsAccepted' | 'rowsQuarantined' | 'durationMs' | 'error'>): string {
  const rate = run.durationMs ? Math.round((run.rowsRead / run.durationMs) * 1000) : 0;
  const head = `${run.status === 'succeeded' ? 'ok  ' : 'FAIL'} ${run.model.padEnd(26)}`;
  const numbers = `${String(run.rowsRead).padStart(8)} read ${String(run.rowsAccepted).padStart(8)} ok ${String(run.rowsQuarantined).padStart(5)} quarantined ${String(run.durationMs ?? 0).padStart(6)} ms ${String(rate).padStart(7)} rows/s`;
  return run.error ? `${head} ${numbers}\n     ${run.error}` : `${head} ${numbers}`;
}
