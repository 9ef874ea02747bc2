/**
 * Trigram similarity as PostgreSQL's pg_trgm computes it, so a score here means what `similarity()` means in
 * the store: lower-case words of letters and digits, each padded with two spaces before and one after, cut
 * into distinct 3-character pieces; the score is shared / (all distinct of both) — Jaccard on those sets.
 */

/** Sorted distinct trigrams of a text, each packed into one number (three UTF-16 units, 16 bits each). */
export function trigramsOf(text: string): Float64Array {
  const found = new Set<number>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (word.length === 0) continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) {
      found.add(padded.charCodeAt(i) * 4294967296 + padded.charCodeAt(i + 1) * 65536 + padded.charCodeAt(i + 2));
    }
  }
  return Float64Array.from(found).sort();
}

/** Jaccard of two sorted trigram sets, by one merge pass. */
export function trigramSetSimilarity(a: Float64Array, b: Float64Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}

export const trigramSimilarity = (a: string, b: string): number => trigramSetSimilarity(trigramsOf(a), trigramsOf(b));
