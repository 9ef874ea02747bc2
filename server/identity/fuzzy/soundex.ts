/**
 * American Soundex (the US census rules): a blocking key that puts Smith and Smyth, Robert and Rupert in one
 * block. H and W do not separate letters with the same code; vowels do. Empty for text without letters.
 */
const CODES: Record<string, string> = {
  b: '1', f: '1', p: '1', v: '1',
  c: '2', g: '2', j: '2', k: '2', q: '2', s: '2', x: '2', z: '2',
  d: '3', t: '3',
  l: '4',
  m: '5', n: '5',
  r: '6',
};

export function soundex(text: string): string {
  const letters = text.toLowerCase().replace(/[^a-z]/g, '');
  if (letters.length === 0) return '';
  let code = letters[0]!.toUpperCase();
  let last = CODES[letters[0]!] ?? '';
  for (let i = 1; i < letters.length && code.length < 4; i++) {
    const c = letters[i]!;
    const digit = CODES[c];
    if (digit !== undefined && digit !== last) code += digit;
    if (c !== 'h' && c !== 'w') last = digit ?? '';
  }
  return code.padEnd(4, '0');
}
