import { ModelConfig } from '../config/schema.ts';
import { renameColumns } from '../config/rename-columns.ts';
import { validateRow } from '../models/validate-row.ts';
import { cursorOf } from '../sources/cursor.ts';
import type { SourceConnection, SourceRow } from '../sources/types.ts';
import type { ModelInput, Preview } from './suggest-result.ts';

// The runner's reading of a soft-delete flag (server/models/write-batch.ts), so the preview counts what a run would.
const isDeleted = (value: unknown) =>
  value === true || value === 1 || (typeof value === 'string' && ['1', 'true', 't', 'yes', 'y'].includes(value.trim().toLowerCase())) || value instanceof Date;

const keyOf = (row: SourceRow) => (row.id !== undefined && row.id !== null ? String(row.id) : `${String(row.user_id ?? '')}|${String(row.account_id ?? '')}`);

async function firstRows(connection: SourceConnection, model: ModelConfig, limit: number): Promise<SourceRow[]> {
  const limited = model.sql ? { ...model, sql: `select * from (${model.sql.trim().replace(/;\s*$/, '')}) as sidelight_preview limit ${limit}` } : model;
  for await (const batch of connection.readBatches(limited, { batchSize: limit })) return batch.slice(0, limit);
  return [];
}

/** What the contract says of a row as the runner would see it: accepted, failed (why), or deleted at the source. */
export function judgeRow(model: ModelConfig, row: SourceRow): { verdict: 'passed' | 'deleted' } | { verdict: 'failed'; reason: string } {
  const raw = renameColumns(model, row);
  if (model.cursor && !cursorOf(raw[model.cursor])) return { verdict: 'failed', reason: `${model.cursor}: cursor column is empty` };
  if (model.softDelete && isDeleted(raw[model.softDelete])) return { verdict: 'deleted' };
  const result = validateRow(model.kind, raw);
  return result.ok ? { verdict: 'passed' } : { verdict: 'failed', reason: result.reason };
}

/** Runs the proposed model for its first rows and checks each against the kind's contract. */
export async function previewModel(connection: SourceConnection, input: ModelInput, limit: number): Promise<Preview> {
  const model = ModelConfig.parse(input);
  let rows: SourceRow[];
  try {
    rows = await firstRows(connection, model, limit);
  } catch (error) {
    return { rows: 0, passed: 0, failed: 0, deleted: 0, failures: [], error: (error as Error).message };
  }
  const failures = new Map<string, { reason: string; count: number; examples: string[] }>();
  const counts = { passed: 0, failed: 0, deleted: 0 };
  for (const row of rows) {
    const judged = judgeRow(model, row);
    counts[judged.verdict]++;
    if (judged.verdict !== 'failed') continue;
    const entry = failures.get(judged.reason) ?? { reason: judged.reason, count: 0, examples: [] };
    entry.count++;
    if (entry.examples.length < 3) entry.examples.push(keyOf(renameColumns(model, row)));
    failures.set(judged.reason, entry);
  }
  return { rows: rows.length, ...counts, failures: [...failures.values()].sort((a, b) => b.count - a.count) };
}
