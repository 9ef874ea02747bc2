import type { DetectionResult, Host, Identifier } from '../contract/index.ts';

/** What a URL detector finds: the identifiers of the record on screen and how to name it to a person. */
export interface PageIdentity {
  identifiers: Identifier[];
  label: string;
}

/** A URL a detector must understand, and what it must find there (null: it must find nothing). */
export interface UrlExample {
  url: string;
  expected: PageIdentity | null;
}

/**
 * One host app: where it runs and how to read the record on screen. `detect` is pure over its inputs
 * (URL first, DOM second) so it can be tested against saved pages.
 */
export interface HostAdapter {
  id: Host;
  matches: readonly string[];
  detect(url: URL, doc: Document): DetectionResult;
}
