import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HOSTS } from '../../lib/contract/index.ts';
import { HOST_ADAPTERS, URL_DETECTORS } from '../../lib/hosts/all-hosts.ts';
import { HOST_MATCHES } from '../../lib/hosts/matches.ts';
import { FIXTURE_CASES } from '../fixtures/hosts/cases.ts';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const HOST_FILES = ['detect.ts', 'selectors.ts', 'extract.ts', 'index.ts'];
const hostFolders = readdirSync(root('lib/hosts')).filter((name) => statSync(root(`lib/hosts/${name}`)).isDirectory());

/** Every .ts file under lib/hosts, with its text. */
function hostSources(dir = 'lib/hosts'): { path: string; text: string }[] {
  return readdirSync(root(dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(root(path)).isDirectory()) return hostSources(path);
    return name.endsWith('.ts') ? [{ path, text: readFileSync(root(path), 'utf8') }] : [];
  });
}

// A new host is a new folder with the same four files, examples, fixtures and a content script.
describe.each(HOSTS.map((host) => [host]))('the %s host', (host) => {
  it('has one folder under lib/hosts with detect, selectors, extract and index', () => {
    expect(hostFolders).toContain(host);
    for (const file of HOST_FILES) expect(existsSync(root(`lib/hosts/${host}/${file}`)), file).toBe(true);
  });

  it('has an adapter and a URL detector in the list every convention test reads', () => {
    expect(HOST_ADAPTERS.map((a) => a.id)).toContain(host);
    expect(URL_DETECTORS.map((d) => d.host)).toContain(host);
    expect(HOST_ADAPTERS.find((a) => a.id === host)?.matches).toEqual(HOST_MATCHES[host]);
  });

  it('lists URLs its detector must accept and URLs it must reject', () => {
    const { examples } = URL_DETECTORS.find((d) => d.host === host)!;
    expect(examples.filter((e) => e.expected !== null).length).toBeGreaterThanOrEqual(3);
    expect(examples.filter((e) => e.expected === null).length).toBeGreaterThanOrEqual(3);
  });

  it('has saved pages, each read by a case, including a page with nothing to detect and a page still rendering', () => {
    const dir = `tests/fixtures/hosts/${host}`;
    const saved = readdirSync(root(dir)).filter((name) => name.endsWith('.html'));
    const cases = FIXTURE_CASES[host];
    expect(saved.length).toBeGreaterThanOrEqual(3);
    expect([...new Set(cases.map((c) => c.fixture))].sort()).toEqual(saved.sort());
    expect(cases.some((c) => !c.expected.ok)).toBe(true);
    expect(cases.some((c) => c.expected.ok && !c.expected.settled)).toBe(true);
    expect(cases.some((c) => c.expected.ok && c.expected.identifiers.length > 1)).toBe(true);
  });

  it('has a thin content script registered on its own matches', () => {
    const entry = readFileSync(root(`entrypoints/${host}.content/index.ts`), 'utf8');
    expect(entry).toContain(`HOST_MATCHES.${host}`);
    expect(entry).toContain(`lib/hosts/${host}/index.ts`);
    expect(entry).toContain('runHostPage');
  });
});

describe('lib/hosts', () => {
  it('has no folder that is not a host', () => {
    expect(hostFolders.sort()).toEqual([...HOSTS].sort());
  });

  // Content scripts carry detection only: the contract's zod schemas stay in the background and pages.
  it.each(hostSources().map((s) => [s.path, s.text]))('%s imports values from lib/contract only from its zod-free normalise.ts', (_path, text) => {
    const valueImports = [...text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
    for (const from of valueImports.filter((f) => f.includes('/contract/'))) expect(from).toMatch(/\/contract\/normalise\.ts$/);
    expect(valueImports).not.toContain('zod');
  });
});
