import type { Host, Identifier } from '../contract/identifiers.ts';
import type { HostAdapter, HostReading, PageExtras, PageIdentity } from './types.ts';

/** The parts every host provides; `defineHostAdapter` turns them into a `HostAdapter`. */
export interface HostParts {
  id: Host;
  matches: readonly string[];
  detectUrl(url: URL): PageIdentity | null;
  /** Reads the pane of the URL's record only; never throws for a page it does not recognise. */
  extract(doc: Document, page: PageIdentity): PageExtras;
  /** Said when the URL names no record: what kind of page the adapter understands. */
  missReason: string;
  lookedFor: readonly string[];
}

const MAX_LABEL = 200;
const MAX_IDENTIFIERS = 20;

/** URL identifiers first (the record's own id), then the DOM's, each once. */
function mergeIdentifiers(first: readonly Identifier[], more: readonly Identifier[]): Identifier[] {
  const seen = new Set<string>();
  const merged: Identifier[] = [];
  for (const identifier of [...first, ...more]) {
    const key = `${identifier.type}\n${identifier.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(identifier);
  }
  return merged.slice(0, MAX_IDENTIFIERS);
}

function labelOf(page: PageIdentity, details: readonly string[]): string {
  const label = details.length ? `${page.label} · ${details.join(', ')}` : page.label;
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

/**
 * URL first (ticket and record ids are stable and arrive with the navigation), DOM second (emails and
 * names, once the app has rendered the record's pane).
 */
export function defineHostAdapter(parts: HostParts): HostAdapter {
  const { id: host, matches, detectUrl, extract, missReason, lookedFor } = parts;
  function read(url: URL, doc: Document): HostReading {
    const page = detectUrl(url);
    if (!page) {
      return { result: { ok: false, host, url: url.href, reason: missReason, lookedFor: [...lookedFor] }, settled: true };
    }
    const extras = extract(doc, page);
    return {
      result: {
        ok: true,
        host,
        url: url.href,
        label: labelOf(page, extras.details),
        identifiers: mergeIdentifiers(page.identifiers, extras.identifiers),
      },
      settled: extras.settled,
    };
  }
  return { id: host, matches, lookedFor, read, detect: (url, doc) => read(url, doc).result };
}
