import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The gate every build passes before it ships (run by `npm run test:e2e` after `build:chrome`): no code
 * evaluated from strings, no script fetched from the network, and no permission beyond the checked-in
 * allow-list. Chrome Web Store and AMO reject the first two for MV3; the third is our own promise.
 */
const OUTPUT = fileURLToPath(new URL('../../.output/chrome-mv3/', import.meta.url));
const ALLOWLIST_FILE = fileURLToPath(new URL('../fixtures/manifest-allowlist.json', import.meta.url));
const TEXT_FILES = /\.(m?js|html|json|css)$/;

interface Allowlist {
  permissions: string[];
  optional_permissions: string[];
  host_permissions: string[];
  optional_host_permissions: string[];
  web_accessible_resources: string[];
  contentScriptGzipBudgetBytes: number;
}

/** What must never be in a built file, with how it reads (minified code quotes with ', " or `). */
const FORBIDDEN: { what: string; pattern: RegExp }[] = [
  { what: 'eval(', pattern: /(?<![\w$.])eval\s*\(/ },
  { what: 'new Function', pattern: /\bnew\s+Function\b/ },
  { what: 'a remote <script src>', pattern: /<script\b[^>]*\bsrc\s*=\s*["'`]?\s*(https?:)?\/\//i },
  { what: 'a remote import()', pattern: /\bimport\s*\(\s*["'`]\s*(https?:)?\/\//i },
  { what: 'a remote static import', pattern: /\bfrom\s*["'`]\s*(https?:)?\/\//i },
  { what: 'a remote importScripts()', pattern: /\bimportScripts\s*\(\s*["'`]\s*(https?:)?\/\//i },
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

const read = (path: string) => readFileSync(join(OUTPUT, path), 'utf8');
/** `path` relative to the output, with forward slashes: how the manifest and the pages name files. */
const named = (file: string) => relative(OUTPUT, file).split('\\').join('/');

let files: string[];
let manifest: Record<string, unknown>;
let allowlist: Allowlist;

beforeAll(() => {
  if (!existsSync(join(OUTPUT, 'manifest.json'))) {
    throw new Error('No built extension in .output/chrome-mv3: run `npm run test:e2e` (it builds first).');
  }
  files = filesUnder(OUTPUT).map(named);
  manifest = JSON.parse(read('manifest.json')) as Record<string, unknown>;
  allowlist = JSON.parse(readFileSync(ALLOWLIST_FILE, 'utf8')) as Allowlist;
});

/** The parts of `values` the allow-list does not have. */
const beyond = (values: unknown, allowed: readonly string[]) => ((values as string[] | undefined) ?? []).filter((v) => !allowed.includes(v));

describe('the built extension', () => {
  it('evaluates no strings and loads no remote code', () => {
    const found = files
      .filter((file) => TEXT_FILES.test(file))
      .flatMap((file) => {
        const text = read(file);
        return FORBIDDEN.flatMap(({ what, pattern }) => {
          const match = pattern.exec(text);
          return match ? [`${file}: ${what} in …${text.slice(Math.max(0, match.index - 60), match.index + 60)}…`] : [];
        });
      });
    expect(found).toEqual([]);
  });

  it('asks for no permission beyond the allow-list', () => {
    expect({
      permissions: beyond(manifest.permissions, allowlist.permissions),
      optional_permissions: beyond(manifest.optional_permissions, allowlist.optional_permissions),
      host_permissions: beyond(manifest.host_permissions, allowlist.host_permissions),
      optional_host_permissions: beyond(manifest.optional_host_permissions, allowlist.optional_host_permissions),
    }).toEqual({ permissions: [], optional_permissions: [], host_permissions: [], optional_host_permissions: [] });
    // Nothing outside the extension may message it, and its pages' CSP stays the default (no unsafe-eval, no remote sources).
    expect(manifest).not.toHaveProperty('externally_connectable');
    expect(manifest).not.toHaveProperty('content_security_policy');
  });

  it('runs content scripts only on the allowed hosts, and exposes only the sidebar to them', () => {
    const scripts = (manifest.content_scripts ?? []) as { matches: string[] }[];
    expect(scripts.flatMap((script) => beyond(script.matches, allowlist.host_permissions))).toEqual([]);
    const exposed = (manifest.web_accessible_resources ?? []) as { resources: string[]; matches: string[] }[];
    expect(exposed.flatMap((entry) => beyond(entry.resources, allowlist.web_accessible_resources))).toEqual([]);
    expect(exposed.flatMap((entry) => beyond(entry.matches, allowlist.host_permissions))).toEqual([]);
  });

  it('keeps content scripts small: no zod, no WXT storage items, within the gzip budget', () => {
    const scripts = files.filter((file) => file.startsWith('content-scripts/') && file.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    const report = scripts.map((file) => {
      const text = read(file);
      return { file, gzip: gzipSync(text, { level: 9 }).length, zod: text.includes('$ZodType'), storageItems: text.includes('defineItem') };
    });
    for (const script of report) {
      expect(script, script.file).toMatchObject({ zod: false, storageItems: false });
      expect(script.gzip, `${script.file} gzipped`).toBeLessThanOrEqual(allowlist.contentScriptGzipBudgetBytes);
    }
  });

  it('switches zod to jitless wherever it is bundled, so it never probes for eval under the CSP', () => {
    // Each page and the worker is its own JavaScript realm: zod's setting must be made in every one that loads it.
    const realms = [
      { name: 'background.js', entries: ['background.js'] },
      ...files
        .filter((file) => file.endsWith('.html'))
        .map((page) => ({ name: page, entries: [...read(page).matchAll(/<script[^>]*\bsrc="\/?([^"]+)"/g)].map((m) => m[1]!) })),
    ];
    const withZod = realms
      .map(({ name, entries }) => ({ name, code: reachableFrom(entries).map(read).join('\n') }))
      .filter(({ code }) => code.includes('$ZodType'));
    expect(withZod.map(({ name }) => name)).toContain('background.js');
    for (const { name, code } of withZod) expect(/\bjitless\s*:\s*(!0|true)\b/.test(code), `${name} sets zod's jitless`).toBe(true);
  });
});

/** The built files a realm loads: its entries and, transitively, every relative import of theirs. */
function reachableFrom(entries: string[]): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !files.includes(file)) return;
    seen.add(file);
    for (const [, specifier] of read(file).matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'`](\.{1,2}\/[^"'`]+)["'`]/g)) {
      visit(posix.normalize(posix.join(posix.dirname(file), specifier!)));
    }
  };
  entries.forEach(visit);
  return [...seen];
}
