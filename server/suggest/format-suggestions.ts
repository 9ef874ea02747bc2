import type { SuggestResult } from './suggest-result.ts';

/** `sidelight suggest` on a terminal: each proposal with its reasons and preview, then the snippet to paste. */
export function formatSuggestions(result: SuggestResult): string {
  const lines: string[] = [`source ${result.source} (${result.type}): ${result.scope}; ${result.tables} table(s) read`];
  for (const skipped of result.skipped) lines.push(`  could not read ${skipped.table}: ${skipped.reason}`);
  lines.push('');
  for (const p of result.proposals) {
    lines.push(`${p.kind} <- ${p.table}   confidence ${p.confidence.toFixed(2)}`);
    for (const field of p.fields) lines.push(`  ${field.field.padEnd(16)} ${field.reason}`);
    if (p.cursor) lines.push(`  ${'cursor'.padEnd(16)} ${p.model.cursor} (${p.cursor.reason})`);
    if (p.softDelete) lines.push(`  ${'softDelete'.padEnd(16)} ${p.model.softDelete} (${p.softDelete.reason})`);
    for (const same of p.sameAs) lines.push(`  ${'sameAs'.padEnd(16)} ${same.reason}`);
    const preview = p.preview;
    if (preview.error) lines.push(`  preview failed: ${preview.error}`);
    else lines.push(`  preview          ${preview.passed} of ${preview.rows} rows pass the contract${preview.deleted ? `, ${preview.deleted} marked deleted` : ''}`);
    for (const failure of preview.failures) lines.push(`    ${failure.count} × ${failure.reason} (e.g. ${failure.examples.join(', ')})`);
    lines.push(`  why              ${p.reasons.slice(0, -1).join('; ')}`);
    for (const note of p.notes) lines.push(`  note             ${note}`);
    if (p.alternatives.length) lines.push(`  also possible    ${p.alternatives.map((a) => `${a.table} (${a.score.toFixed(2)})`).join(', ')}`);
    lines.push('');
  }
  if (result.unmatched.length) {
    lines.push('not proposed:');
    for (const u of result.unmatched) lines.push(`  ${u.kind.padEnd(14)} ${u.reason}`);
    lines.push('');
  }
  if (result.proposals.length) lines.push('paste into sidelight.config.ts:', '', result.snippet);
  else lines.push('nothing to propose: no table looks like any kind');
  return lines.join('\n');
}
