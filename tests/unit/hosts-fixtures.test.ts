import { afterEach, describe, expect, it } from 'vitest';
import { DetectionResult } from '../../lib/contract/index.ts';
import { HOST_ADAPTERS } from '../../lib/hosts/all-hosts.ts';
import { FIXTURE_CASES } from '../fixtures/hosts/cases.ts';
import { loadFixture } from '../fixtures/hosts/load-fixture.ts';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe.each(HOST_ADAPTERS.map((adapter) => [adapter.id, adapter] as const))('the %s adapter on saved pages', (host, adapter) => {
  it.each(FIXTURE_CASES[host])('$name ($fixture)', ({ fixture, url, expected }) => {
    const page = loadFixture(host, fixture, url);
    close = page.close;
    const { result, settled } = adapter.read(new URL(url), page.document);

    // Whatever it finds, the background's contract accepts it as it is.
    expect(DetectionResult.parse(result)).toEqual(result);
    if (!expected.ok) {
      expect(result).toMatchObject({ ok: false, host, lookedFor: adapter.lookedFor });
      expect(settled).toBe(true);
      return;
    }
    expect({ ...result, settled }).toEqual({ host, url, ...expected });
  });
});
