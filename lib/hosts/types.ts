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

/** A host's pure URL detector with the URLs it must understand beside it (github-url-detection's way). */
export interface UrlDetector {
  host: Host;
  detect(url: URL): PageIdentity | null;
  examples: readonly UrlExample[];
}

/**
 * What the DOM adds to the URL's record, read only from the pane that shows that record: more identifiers
 * (a requester's email), words for the label (a name), and whether that pane was found at all. A pane not
 * found yet (the app renders it late, or still shows the previous record) is `settled: false`.
 */
export interface PageExtras {
  identifiers: Identifier[];
  details: string[];
  settled: boolean;
}

/** One reading of a page: the detection (or miss) and whether the DOM may still add to it. */
export interface HostReading {
  result: DetectionResult;
  settled: boolean;
}

/**
 * One host app: where it runs and how to read the record on screen. `detect` and `read` are pure over
 * their inputs (URL first, DOM second) so they can be tested against saved pages.
 */
export interface HostAdapter {
  id: Host;
  matches: readonly string[];
  /** What the adapter looks for, as a person reads it (the sidebar lists it when nothing is found). */
  lookedFor: readonly string[];
  detect(url: URL, doc: Document): DetectionResult;
  read(url: URL, doc: Document): HostReading;
}
