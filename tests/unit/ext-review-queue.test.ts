import { fakeBrowser, jsonResponse } from './ext-fake-browser.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReviewItem } from '../../lib/contract/index.ts';
import { backgroundHandlers } from '../../lib/ext/handlers.ts';
import type { Caller } from '../../lib/ext/senders.ts';
import { tokenItem } from '../../lib/ext/storage.ts';
import { forgetWorkerMemory } from '../../lib/ext/worker-memory.ts';

const REVIEW_PAGE: Caller = { kind: 'extension-page', tabId: 3 };
const ITEM: ReviewItem = {
  id: 'rev_1',
  kind: 'flag',
  status: 'open',
  createdAt: '2026-01-05T09:00:00.000Z',
  entity: { kind: 'person', id: 'per_1' },
  records: [{ source: 'billing', sourceId: 'cus_9', label: 'Billing customer' }],
  evidence: { rule: 'exact_email', score: 1, explanation: 'same email' },
  impact: { properties: [{ key: 'plan', label: 'Plan', before: 'Enterprise', after: 'Free' }], metrics: [] },
  flagId: 'flag_1',
  decision: null,
};
const problem = (status: number, title: string) => jsonResponse(status, { type: 'about:blank', title, status, code: 'x' }, 'application/problem+json');

let fetch: ReturnType<typeof vi.fn>;
let role = 'cs_rep';
beforeEach(async () => {
  fakeBrowser.reset();
  forgetWorkerMemory();
  role = 'cs_rep';
  fetch = vi.fn(async (input: URL) => {
    const { pathname, search } = new URL(String(input));
    if (pathname === '/v1/me') return jsonResponse(200, { name: 'Ada', role, visibleProperties: [] });
    if (pathname === '/v1/review') return jsonResponse(200, { items: search === '?status=all' ? [ITEM, { ...ITEM, id: 'rev_0', status: 'decided' }] : [ITEM] });
    return jsonResponse(200, { ...ITEM, status: 'decided', decision: { decision: 'confirm', decidedBy: 'Ada', decidedAt: ITEM.createdAt, note: null } });
  });
  vi.stubGlobal('fetch', fetch);
  await tokenItem.setValue('tok_1');
});
afterEach(() => vi.unstubAllGlobals());

const list = (status: 'open' | 'all' = 'open') => backgroundHandlers['review:list']({ status }, REVIEW_PAGE);
const decide = () => backgroundHandlers['review:decide']({ id: 'rev_1', decision: 'confirm', note: 'checked' }, REVIEW_PAGE);

describe('the review queue through the background', () => {
  it.each([
    ['cs_rep', true],
    ['admin', true],
    ['support_agent', false],
    ['account_exec', false],
  ])('lists the items and says whether a %s may decide (%s)', async (who, canDecide) => {
    role = who;
    expect(await list()).toEqual({ ok: true, role: who, canDecide, items: [ITEM] });
  });

  it('asks for decided items too with `all`', async () => {
    const result = await list('all');
    expect(result.ok && result.items.map((item) => item.id)).toEqual(['rev_1', 'rev_0']);
    expect(String(fetch.mock.calls.find(([url]) => String(url).includes('/v1/review'))![0])).toBe('http://127.0.0.1:8787/v1/review?status=all');
  });

  it('posts a decision and answers the decided item', async () => {
    expect(await decide()).toMatchObject({ ok: true, item: { status: 'decided', decision: { decision: 'confirm' } } });
    const [url, init] = fetch.mock.calls[0] as unknown as [URL, RequestInit];
    expect(String(url)).toBe('http://127.0.0.1:8787/v1/review/rev_1/decision');
    expect(JSON.parse(String(init.body))).toEqual({ decision: 'confirm', note: 'checked' });
  });

  it.each([
    [403, 'Forbidden', 'forbidden'],
    [409, 'Conflict', 'conflict'],
    [401, 'Unauthorized', 'signed-out'],
    [500, 'Internal', 'error'],
  ] as const)('says why a decision was refused (%i -> %s)', async (status, title, reason) => {
    fetch.mockImplementation(async () => problem(status, title));
    expect(await decide()).toMatchObject({ ok: false, reason });
  });

  it('is signed out without a token', async () => {
    await tokenItem.setValue('');
    expect(await list()).toMatchObject({ ok: false, reason: 'signed-out' });
    expect(fetch).not.toHaveBeenCalled();
  });
});
