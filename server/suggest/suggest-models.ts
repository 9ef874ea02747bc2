import type { SidelightConfig } from '../config/schema.ts';
import { connectSource } from '../sources/connect.ts';
import { describeSource } from './describe-source.ts';
import { formatSnippet } from './format-snippet.ts';
import { planSuggestions, type PlannedModel } from './plan-suggestions.ts';
import { previewModel } from './preview-model.ts';
import type { Preview, Proposal, SuggestRequest, SuggestResult } from './suggest-result.ts';

export type SuggestOptions = SuggestRequest & { baseDir?: string };

/** How sure a proposal is: the fit of names and types, then how much of the preview the contract accepts. */
export function confidenceOf(score: number, preview: Preview): number {
  const judged = preview.rows - preview.deleted;
  const passRate = judged > 0 ? preview.passed / judged : 0;
  return Math.round((0.7 * score + 0.3 * passRate) * 100) / 100;
}

function previewReason(preview: Preview): string {
  if (preview.error) return `the preview query failed: ${preview.error}`;
  if (preview.rows === 0) return 'the preview returned no rows';
  const deleted = preview.deleted ? `, ${preview.deleted} marked deleted` : '';
  return `${preview.passed} of ${preview.rows} preview rows pass the contract${deleted}`;
}

function toProposal(planned: PlannedModel, preview: Preview): Proposal {
  const { match, built } = planned;
  return {
    kind: match.kind,
    table: match.table.label,
    confidence: confidenceOf(match.score, preview),
    reasons: [...match.reasons, previewReason(preview)],
    fields: match.fields.map(({ field, columns, score, reason }) => ({ field, columns, score: Math.round(score * 100) / 100, reason })),
    cursor: planned.cursor,
    softDelete: planned.softDelete,
    sameAs: planned.sameAs,
    notes: [...built.notes, ...(built.model.fullRefreshHours ? ['fullRefreshHours: 24 so a daily full read notices rows deleted at the source'] : [])],
    model: built.model,
    preview,
    alternatives: planned.alternatives.map((m) => ({ table: m.table.label, score: m.score })),
  };
}

/**
 * Reads a source's schema and sampled rows and proposes a model per kind, each with a validated preview of
 * its first rows. Rules over names, types and values; no network, no model weights.
 */
export async function suggestModels(config: SidelightConfig, sourceName: string, options: SuggestOptions = {}): Promise<SuggestResult> {
  const source = config.sources[sourceName];
  if (!source) throw new Error(`unknown source "${sourceName}"; known: ${Object.keys(config.sources).join(', ')}`);
  const connection = connectSource(config, sourceName, options.baseDir);
  try {
    const description = await describeSource(connection, {
      sampleRows: options.sampleRows ?? 100,
      ...(options.schema ? { schema: options.schema } : {}),
      ...(options.baseDir ? { baseDir: options.baseDir } : {}),
    });
    const dialect = source.type === 'csv' ? 'csv' : source.type === 'mysql' ? 'mysql' : 'postgres';
    const plan = planSuggestions(description.tables, sourceName, config.sources, dialect);
    const proposals: Proposal[] = [];
    const existing = new Set(config.models.map((m) => m.name));
    for (const planned of plan.models) {
      const proposal = toProposal(planned, await previewModel(connection, planned.built.model, options.previewRows ?? 20));
      if (existing.has(proposal.model.name)) proposal.notes.push(`the config already has a model named ${proposal.model.name}: rename this one, or compare the two`);
      proposals.push(proposal);
    }
    return {
      source: sourceName,
      type: source.type,
      schemas: description.schemas,
      scope: description.reason,
      tables: description.tables.length,
      skipped: description.skipped,
      proposals,
      unmatched: plan.unmatched,
      snippet: formatSnippet(proposals.map((p) => p.model)),
    };
  } finally {
    await connection.close();
  }
}
