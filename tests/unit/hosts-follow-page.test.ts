import { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DetectionResult } from '../../lib/contract/index.ts';
import { DEBOUNCE_MS, RECHECK_MS, WATCH_MS, followPage } from '../../lib/ext/follow-page.ts';
import type { FollowPageOptions } from '../../lib/ext/follow-page.ts';
import type { HostReading } from '../../lib/hosts/types.ts';
import { ZendeskAdapter } from '../../lib/hosts/zendesk/index.ts';

const url = (path: string) => new URL(`https://acme.zendesk.com${path}`);
const detection = (u: URL, label: string): DetectionResult => ({
  ok: true,
  host: 'zendesk',
  url: u.href,
  label,
  identifiers: [{ type: 'zendesk_ticket_id', value: label }],
});

/** A follower over fake timers and a DOM whose mutations the test triggers. */
function harness(read: (u: URL) => HostReading) {
  const reported: DetectionResult[] = [];
  let listener: (() => void) | null = null;
  const options: FollowPageOptions = {
    read: vi.fn(read),
    report: async (result) => {
      reported.push(result);
    },
    observe(onChange) {
      listener = onChange;
      return () => {
        if (listener === onChange) listener = null;
      };
    },
    schedule(task, ms) {
      const timer = setTimeout(task, ms);
      return () => clearTimeout(timer);
    },
    now: () => Date.now(),
    failed: (u) => ({ ok: false, host: 'zendesk', url: u.href, reason: 'could not read', lookedFor: [] }),
  };
  return {
    follower: followPage(options),
    read: options.read as ReturnType<typeof vi.fn>,
    reported,
    mutate: () => listener?.(),
    isObserving: () => listener !== null,
  };
}

beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
afterEach(() => vi.useRealTimers());

describe('followPage', () => {
  it('reports a navigation at once, then reads late identifiers until the page settles', async () => {
    let rendered = false;
    const h = harness((u) => ({ result: detection(u, rendered ? '1-with-email' : '1'), settled: rendered }));
    await h.follower.show(url('/agent/tickets/1'));
    expect(h.reported.map((r) => r.ok && r.label)).toEqual(['1']);

    rendered = true;
    h.mutate();
    await vi.advanceTimersByTimeAsync(RECHECK_MS);
    expect(h.reported.map((r) => r.ok && r.label)).toEqual(['1', '1-with-email']);
    expect(h.isObserving()).toBe(false);
  });

  it("never reports what it read for the previous record after a newer navigation", async () => {
    const h = harness((u) => ({ result: detection(u, u.pathname), settled: false }));
    await h.follower.show(url('/agent/tickets/1'));
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    h.mutate(); // a check for ticket 1 is now pending...
    await h.follower.show(url('/agent/tickets/2')); // ...and is cancelled by the navigation
    await vi.advanceTimersByTimeAsync(RECHECK_MS * 4);
    const readUrls = h.read.mock.calls.map(([u]) => (u as URL).pathname);
    expect(readUrls).toEqual(['/agent/tickets/1', '/agent/tickets/2']);
    h.mutate();
    await vi.advanceTimersByTimeAsync(RECHECK_MS);
    expect(h.read.mock.calls.at(-1)?.[0]).toEqual(url('/agent/tickets/2'));
  });

  it('debounces on the leading edge: the first navigation at once, a burst after it as its latest URL', async () => {
    const h = harness((u) => ({ result: detection(u, u.pathname), settled: true }));
    await h.follower.show(url('/agent/tickets/1'));
    const second = h.follower.show(url('/agent/tickets/2'));
    const third = h.follower.show(url('/agent/tickets/3'));
    expect(h.reported.map((r) => r.url)).toEqual([url('/agent/tickets/1').href]);
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    await Promise.all([second, third]);
    expect(h.reported.map((r) => r.url)).toEqual([url('/agent/tickets/1').href, url('/agent/tickets/3').href]);
  });

  it('reads at most once per recheck interval however often the DOM changes', async () => {
    const h = harness((u) => ({ result: detection(u, '1'), settled: false }));
    await h.follower.show(url('/agent/tickets/1'));
    for (let i = 0; i < 100; i++) {
      h.mutate();
      await vi.advanceTimersByTimeAsync(1);
    }
    // 100 ms of constant mutations: the first read, then about one per RECHECK_MS.
    expect(h.read.mock.calls.length).toBeLessThanOrEqual(1 + Math.ceil(100 / RECHECK_MS) + 1);
  });

  it('stops watching after its bound when the page never settles', async () => {
    const h = harness((u) => ({ result: detection(u, '1'), settled: false }));
    await h.follower.show(url('/agent/tickets/1'));
    expect(h.isObserving()).toBe(true);
    await vi.advanceTimersByTimeAsync(WATCH_MS);
    expect(h.isObserving()).toBe(false);
  });

  it('reports a page it cannot read as a miss instead of throwing into the page', async () => {
    const h = harness(() => {
      throw new TypeError('layout changed');
    });
    await expect(h.follower.show(url('/agent/tickets/1'))).resolves.toBeUndefined();
    expect(h.reported).toEqual([{ ok: false, host: 'zendesk', url: url('/agent/tickets/1').href, reason: 'could not read', lookedFor: [] }]);
  });

  it('with the Zendesk adapter: switching tabs never lends the previous requester to the next ticket', async () => {
    const window = new Window({ url: 'https://acme.zendesk.com/agent/tickets/1' });
    const doc = window.document as unknown as Document;
    doc.body.innerHTML = `
      <div data-entity-type="ticket" data-entity-id="1" aria-current="page">
        <aside data-test-id="ticket-context-panel"><a data-test-id="customer-context-user-email" href="mailto:one@example.com">one</a></aside>
      </div>
      <div data-entity-type="ticket" data-entity-id="2" hidden>
        <aside data-test-id="ticket-context-panel"><a data-test-id="customer-context-user-email" href="mailto:two@example.com">two</a></aside>
      </div>`;
    const h = harness((u) => ZendeskAdapter.read(u, doc));
    await h.follower.show(url('/agent/tickets/1'));
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);

    // The navigate event fires before the app switches panes: ticket 1's pane is still the current one.
    await h.follower.show(url('/agent/tickets/2'));
    const [one, two] = doc.querySelectorAll('[data-entity-id]');
    one!.removeAttribute('aria-current');
    one!.setAttribute('hidden', '');
    two!.removeAttribute('hidden');
    two!.setAttribute('aria-current', 'page');
    h.mutate();
    await vi.advanceTimersByTimeAsync(RECHECK_MS);

    const seen = h.reported.map((r) => (r.ok ? r.identifiers.map((i) => i.value).join(' ') : 'miss'));
    expect(seen).toEqual(['1 one@example.com', '2', '2 two@example.com']);
    await window.happyDOM.close();
  });
});
