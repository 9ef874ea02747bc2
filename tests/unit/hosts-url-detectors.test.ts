import { describe, expect, it } from 'vitest';
import { normaliseIdentifier } from '../../lib/contract/index.ts';
import { URL_DETECTORS } from '../../lib/hosts/all-hosts.ts';

// github-url-detection's trick: every detector accepts its own examples and finds nothing in anyone else's.
describe.each(URL_DETECTORS.map((detector) => [detector.host, detector] as const))('the %s URL detector', (_host, detector) => {
  const accepted = detector.examples.filter((e) => e.expected !== null);
  const rejected = detector.examples.filter((e) => e.expected === null).map((e) => e.url);
  const othersExamples = URL_DETECTORS.filter((other) => other !== detector).flatMap((other) =>
    other.examples.map((e) => e.url),
  );

  it.each(accepted)('finds the record in $url', ({ url, expected }) => {
    expect(detector.detect(new URL(url))).toEqual(expected);
  });

  it.each(rejected)('finds nothing in its counter-example %s', (url) => {
    expect(detector.detect(new URL(url))).toBeNull();
  });

  it.each(othersExamples)("finds nothing in another host's example %s", (url) => {
    expect(detector.detect(new URL(url))).toBeNull();
  });

  it.each(accepted)('reports identifiers already in canonical form ($url)', ({ expected }) => {
    for (const identifier of expected!.identifiers) expect(normaliseIdentifier(identifier)).toEqual(identifier);
  });
});
