import type { ModelInput } from './suggest-result.ts';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const KEY_ORDER = ['name', 'kind', 'source', 'file', 'cursor', 'softDelete', 'fullRefreshHours', 'sameAs', 'columns', 'sql'];

const quote = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
const key = (name: string) => (IDENTIFIER.test(name) ? name : quote(name));

function literal(value: unknown, indent: string): string {
  if (typeof value === 'string') {
    if (!value.includes('\n')) return quote(value);
    const body = value.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${');
    return `\`${body.split('\n').join(`\n${indent}  `)}\``;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, indent)).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    const inline = `{ ${entries.map(([k, v]) => `${key(k)}: ${literal(v, indent)}`).join(', ')} }`;
    if (inline.length <= 100 && !inline.includes('\n')) return inline;
    return `{\n${entries.map(([k, v]) => `${indent}  ${key(k)}: ${literal(v, `${indent}  `)},`).join('\n')}\n${indent}}`;
  }
  return 'null';
}

/** The models as a `models: [...]` block to paste into sidelight.config.ts. */
export function formatSnippet(models: readonly ModelInput[]): string {
  const blocks = models.map((model) => {
    const entries = Object.entries(model)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => KEY_ORDER.indexOf(a) - KEY_ORDER.indexOf(b));
    return `    {\n${entries.map(([k, v]) => `      ${key(k)}: ${literal(v, '      ')},`).join('\n')}\n    },`;
  });
  return `  models: [\n${blocks.join('\n')}\n  ],`;
}
