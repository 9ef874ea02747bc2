import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describeRule } from '../identity/fuzzy/blocking-keys.ts';
import { evaluateLinkage, truthIndexes } from '../identity/fuzzy/evaluate-linkage.ts';
import { explainPair, formatExplanation } from '../identity/fuzzy/explain-pair.ts';
import { linkRecords, type LinkageRun } from '../identity/fuzzy/link-records.ts';
import { linkageRules, type LinkageRules } from '../identity/fuzzy/linkage-spec.ts';
import { readCsvTable, readPairsCsv, recordSetOf } from '../identity/fuzzy/read-record-csv.ts';
import type { RecordSet } from '../identity/fuzzy/record-set.ts';

/**
 * `sidelight identity evaluate|explain`: the probabilistic engine on CSV files, with no server and no store,
 * so it can be measured on any labelled data set. Human-readable lines first; `evaluate` ends with one JSON line.
 */
export interface IdentityInputOptions {
  left: string;
  right?: string;
  idColumn: string;
  config?: string;
  threshold?: string;
  ignoreColumn?: string[];
}

export interface IdentityEvaluateOptions extends IdentityInputOptions {
  truth: string;
  supervised?: boolean;
  clusters?: boolean;
}

export interface IdentityExplainOptions extends IdentityInputOptions {
  leftId: string;
  rightId: string;
  json?: boolean;
}

function readRules(file: string | undefined, options: IdentityInputOptions): LinkageRules {
  let rules: LinkageRules = {};
  if (file) {
    const parsed = linkageRules.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}:\n${z.prettifyError(parsed.error)}`);
    rules = parsed.data;
  }
  if (options.ignoreColumn?.length) rules = { ...rules, ignoreColumns: [...(rules.ignoreColumns ?? []), ...options.ignoreColumn] };
  if (options.threshold !== undefined) {
    const t = Number(options.threshold);
    if (!(t >= 0 && t <= 1)) throw new Error(`--threshold must be a probability between 0 and 1, not "${options.threshold}"`);
    rules = { ...rules, threshold: t };
  }
  return rules;
}

function readRecords(options: IdentityInputOptions): RecordSet {
  const left = readCsvTable(options.left, options.idColumn);
  return recordSetOf(left, options.right ? readCsvTable(options.right, options.idColumn) : undefined);
}

/** One rewritten line on stderr while a person watches; nothing when output goes to a file or pipe. */
function progressLine(): { update: (stage: string, detail?: string) => void; done: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, done: () => {} };
  let last = 0;
  return {
    update: (stage, detail) => {
      const now = Date.now();
      if (detail !== undefined && now - last < 200) return;
      last = now;
      process.stderr.write(`\r\x1b[K${stage}${detail ? `: ${detail}` : ''}`);
    },
    done: () => process.stderr.write('\r\x1b[K'),
  };
}

function describeRun(run: LinkageRun, records: RecordSet): string[] {
  const { plan, candidates } = run;
  const lines = [
    records.leftCount === null
      ? `deduplicating ${records.ids.length} records`
      : `linking ${records.leftCount} left records with ${records.ids.length - records.leftCount} right records`,
    `columns: ${[...plan.kinds].map(([name, kind]) => (name === kind ? name : `${name} (${kind})`)).join(', ')}`,
    `comparisons: ${plan.comparisons.map((c) => `${c.column} [${c.levels.map((l) => l.kind).join(', ')}]${c.termFrequency ? ' +tf' : ''}`).join('; ')}`,
    'blocking rules (pairs each added):',
    ...plan.blocking.map((rule, r) => `  ${describeRule(rule)}: ${candidates.pairsPerRule[r]}`),
    `candidate pairs: ${candidates.count}`,
  ];
  if (candidates.skippedBlocks.length > 0) {
    const biggest = [...candidates.skippedBlocks].sort((a, b) => b.size - a.size).slice(0, 5);
    lines.push(
      `skipped ${candidates.skippedBlocks.length} block(s) over ${plan.maxBlockSize} records, largest: ${biggest.map((b) => `${describeRule(plan.blocking[b.rule]!)}="${b.key}" (${b.size})`).join(', ')}`,
    );
  }
  lines.push(`estimated P(two random records match) = ${run.model.prior.toExponential(3)}; EM sessions: ${run.sessions.length}`);
  lines.push(`timings (ms): ${Object.entries(run.timings).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  return lines;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

export async function identityEvaluate(options: IdentityEvaluateOptions): Promise<void> {
  const started = performance.now();
  const progress = progressLine();
  progress.update('reading');
  const rules = readRules(options.config, options);
  const records = readRecords(options);
  const truth = truthIndexes(records, readPairsCsv(options.truth));
  const run = linkRecords(records, { rules, onProgress: progress.update, ...(options.supervised ? { labelledMatches: truth } : {}) });
  const counted = options.clusters ? 'clusters' : 'pairs';
  const result = evaluateLinkage(run, records, truth, run.plan.threshold, counted);
  const seconds = (performance.now() - started) / 1000;
  progress.done();
  for (const line of describeRun(run, records)) console.log(line);
  console.log(
    `at probability >= ${run.plan.threshold}${options.clusters ? ', pairs within clusters' : ''}: ${result.truePositives} of ${result.predicted} predicted pairs are true, of ${result.truePairs} true pairs (${(result.blockingRecall * 100).toFixed(2)}% of them were compared)`,
  );
  console.log(
    JSON.stringify({
      precision: round(result.precision),
      recall: round(result.recall),
      f1: round(result.f1),
      pairs_predicted: result.predicted,
      records: records.ids.length,
      seconds: Math.round(seconds * 1000) / 1000,
      true_pairs: result.truePairs,
      candidate_pairs: run.candidates.count,
      blocking_recall: round(result.blockingRecall),
      threshold: run.plan.threshold,
      mode: records.leftCount === null ? 'dedupe' : 'link',
      training: options.supervised ? 'labelled' : 'em',
      counted,
    }),
  );
}

export async function identityExplain(options: IdentityExplainOptions): Promise<void> {
  const progress = progressLine();
  const rules = readRules(options.config, options);
  const records = readRecords(options);
  const [[a, b]] = truthIndexes(records, [[options.leftId, options.rightId]]) as [[number, number]];
  const run = linkRecords(records, { rules, onProgress: progress.update });
  progress.done();
  const explanation = explainPair(run.model, run.comparisons, a, b);
  let compared = false;
  for (let p = 0; p < run.candidates.count && !compared; p++) compared = (run.candidates.left[p] === a && run.candidates.right[p] === b) || (run.candidates.left[p] === b && run.candidates.right[p] === a);
  if (options.json) {
    console.log(JSON.stringify({ left_id: options.leftId, right_id: options.rightId, compared, threshold: run.plan.threshold, ...explanation }, null, 2));
    return;
  }
  console.log(`${options.leftId} vs ${options.rightId}`);
  console.log(formatExplanation(explanation));
  console.log(
    `${explanation.probability >= run.plan.threshold ? 'a predicted link' : 'not a link'} at threshold ${run.plan.threshold}` +
      (compared ? '' : '; note: no blocking rule puts these two records together, so a run never scores this pair'),
  );
}
