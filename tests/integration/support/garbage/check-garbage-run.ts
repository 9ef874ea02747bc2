import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../../../server/store/schema.ts';
import type { Expectation } from './write-garbage-source.ts';

export interface GarbageVerdict {
  stored: number;
  quarantined: number;
  /** The first problems found (a good row missing or changed, a bad row stored, a reason that is wrong). */
  problems: string[];
}

/**
 * Compares what a run left in the store with what each row required: every good row stored once with its
 * id and its note unchanged, every bad row in the quarantine once with the reason that names its fault.
 */
export async function checkGarbageRun(db: Kysely<Database>, model: string, expected: Map<number, Expectation>): Promise<GarbageVerdict> {
  const problems: string[] = [];
  const problem = (text: string) => {
    if (problems.length < 20) problems.push(text);
  };
  const { rows: stored } = await sql<{ n: string; source_id: string; note: string | null }>`
    select properties->>'n' as n, source_id, properties->>'note' as note from source_records where model = ${model}`.execute(db);
  const seen = new Set<number>();
  for (const row of stored) {
    const n = Number(row.n);
    const want = expected.get(n);
    if (!want) problem(`stored a row that was never in the source: n=${row.n}`);
    else if (want.reason) problem(`stored bad row n=${n} (should be quarantined: ${want.reason})`);
    else if (row.source_id !== want.id || row.note !== want.note) problem(`row n=${n} changed: ${JSON.stringify([row.source_id, row.note])} != ${JSON.stringify([want.id, want.note])}`);
    if (seen.has(n)) problem(`row n=${n} stored twice`);
    seen.add(n);
  }
  const { rows: held } = await sql<{ n: string | null; reason: string }>`
    select row->>'n' as n, reason from quarantine where model = ${model} and resolved_at is null`.execute(db);
  for (const row of held) {
    const n = Number(row.n);
    const want = expected.get(n);
    if (!want) problem(`quarantined a row that was never in the source: n=${row.n}`);
    else if (!want.reason) problem(`quarantined good row n=${n}: ${row.reason.slice(0, 200)}`);
    else if (!row.reason.startsWith(want.reason)) problem(`row n=${n}: reason "${row.reason.slice(0, 200)}" should start "${want.reason}"`);
    if (seen.has(n)) problem(`row n=${n} both stored and quarantined, or quarantined twice`);
    seen.add(n);
  }
  for (const [n, want] of expected) if (!seen.has(n)) problem(`row n=${n} lost (${want.reason ? `bad: ${want.reason}` : 'good'})`);
  return { stored: stored.length, quarantined: held.length, problems };
}
