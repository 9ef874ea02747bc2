import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FlagActionsContext } from '../../components/flag-actions.ts';
import type { FlagActions } from '../../components/flag-actions.ts';
import { MatchesCard } from '../../components/MatchesCard.tsx';
import { OutboxSummary } from '../../components/OutboxSummary.tsx';
import { ReviewQueue } from '../../components/ReviewQueue.tsx';
import type { ReviewQueueProps } from '../../components/ReviewQueue.tsx';
import type { Flag, Match, OutboxItem, ReviewItem } from '../../lib/contract/index.ts';

const FETCHED_AT = Date.UTC(2026, 0, 5, 9, 0, 0);
const match = (sourceId: string, kind: 'account' | 'person' = 'account', entityId = 'acc_1'): Match => ({
  entity: { kind, id: entityId },
  source: 'billing',
  system: 'billing',
  sourceId,
  label: 'Billing customer',
  rule: 'exact_domain',
  confidence: 0.9,
  explanation: 'same domain',
  link: null,
});
const MATCHES = [match('cus_1'), match('cus_2')];
const SERVER_FLAG: Flag = {
  id: 'flag_7',
  status: 'applied',
  record: { source: 'billing', sourceId: 'cus_9' },
  entity: { kind: 'account', id: 'acc_1' },
  splitEntityId: 'acc_9',
  note: 'Another company',
  createdBy: 'Grace',
  createdAt: '2026-01-05T08:00:00.000Z',
  undoneAt: null,
  reviewItemId: 'rev_1',
};

function item(fields: Partial<OutboxItem>): OutboxItem {
  return {
    id: 'out_1',
    kind: 'flag',
    state: 'pending',
    flag: { record: { source: 'billing', sourceId: 'cus_1' }, entity: { kind: 'account', id: 'acc_1' } },
    flagId: null,
    backendUrl: 'http://127.0.0.1:8787',
    held: false,
    createdAt: FETCHED_AT,
    attempts: 0,
    lastAttemptAt: null,
    nextAttemptAt: FETCHED_AT,
    windowEndsAt: FETCHED_AT + 86_400_000,
    lastError: null,
    lastErrorKind: null,
    settledAt: null,
    result: null,
    undoRequested: false,
    undoId: null,
    ...fields,
  };
}

const actions = (items: OutboxItem[], error: string | null = null): FlagActions => ({
  items,
  error,
  flag: () => undefined,
  undo: () => undefined,
  retry: () => undefined,
  dismiss: () => undefined,
});

function renderCard(items: OutboxItem[], { flags = [] as Flag[], matches = MATCHES, error = null as string | null } = {}) {
  return renderToStaticMarkup(
    <FlagActionsContext value={actions(items, error)}>
      <MatchesCard matches={matches} entityId={matches[0]?.entity.id ?? 'acc_1'} flags={flags} fetchedAt={FETCHED_AT} />
    </FlagActionsContext>,
  );
}
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/\s+/g, ' ');
/** The text of each match row, in order. */
const rows = (html: string) => [...html.matchAll(/<li class="match"[^>]*>(.*?)<\/li>/g)].map(([, row]) => text(row!));
const buttons = (html: string) => [...html.matchAll(/<button[^>]*>(.*?)<\/button>/g)].map(([, label]) => text(label!).trim());

describe('the matches card with flags', () => {
  it('offers "Not this account" on every row of an account, keyboard reachable', () => {
    const html = renderCard([]);
    expect(buttons(html)).toEqual(['Not this account', 'Not this account']);
    expect(html).toContain('aria-expanded="false"');
    expect(html).toContain('aria-label="Not this account: flag Billing customer cus_1"');
  });

  it('offers "Not the same person" on a person\'s rows', () => {
    const html = renderCard([], { matches: [match('usr_1', 'person', 'per_1')] });
    expect(buttons(html)).toEqual(['Not the same person']);
  });

  it.each([
    ['pending', item({}), 'Flagged — pending', ['Undo']],
    ['pending and retrying', item({ attempts: 2, lastError: 'The backend at x is unreachable.' }), 'Flagged — pending Retrying: The backend at x is unreachable.', ['Undo']],
    ['failed', item({ state: 'failed', lastError: 'Not found: no such record', settledAt: FETCHED_AT + 1 }), 'Flagged — failed Not found: no such record', ['Retry', 'Undo']],
    ['sent, before the context caught up', item({ state: 'sent', flagId: 'flag_1', settledAt: FETCHED_AT + 1 }), 'Flagged — sent', ['Undo']],
    ['undo asked while it may have arrived', item({ attempts: 1, undoRequested: true }), 'Flagged — pending, undone once it arrives', []],
  ])('shows a row flagged here as %s, on its own row, with what it can do', (_name, flagged, label, actionsShown) => {
    const html = renderCard([flagged]);
    const [first, second] = rows(html);
    expect(first).toContain(label);
    expect(second).not.toContain('Flagged');
    expect(buttons(html)).toEqual([...actionsShown, 'Not this account']);
    expect(html).toContain(`data-flagged="${flagged.state}"`);
  });

  it('leaves the row alone once the context was fetched after the flag was sent (the backend is the truth)', () => {
    const html = renderCard([item({ state: 'sent', flagId: 'flag_1', settledAt: FETCHED_AT - 1 })]);
    expect(text(html)).not.toContain('Flagged —');
    expect(html).not.toContain('data-flagged');
  });

  it('leaves out flags cancelled or held for other settings', () => {
    const html = renderCard([item({ state: 'cancelled' }), item({ id: 'out_2', held: true })]);
    expect(text(html)).not.toContain('Flagged');
  });

  it('lists the flags in force from the context, with Undo, even when no match is left', () => {
    const html = renderCard([], { flags: [SERVER_FLAG], matches: [] });
    expect(html).toContain('data-testid="flags-in-force"');
    expect(text(html)).toContain('cus_9 billing Split out: not this account, flagged by Grace — “Another company” Flag in force');
    expect(buttons(html)).toEqual(['Undo']);
  });

  it.each([
    ['pending', item({ id: 'u1', kind: 'undo', flag: null, flagId: 'flag_7' }), 'Undo pending', []],
    ['failed', item({ id: 'u1', kind: 'undo', flag: null, flagId: 'flag_7', state: 'failed', lastError: 'Forbidden: only the flagger' }), 'Undo failed Forbidden: only the flagger', ['Retry', 'Dismiss']],
  ])('shows the undo of a flag in force as %s', (_name, undo, label, actionsShown) => {
    const html = renderCard([undo], { flags: [SERVER_FLAG], matches: [] });
    expect(text(html)).toContain(label);
    expect(buttons(html)).toEqual(actionsShown);
  });

  it('shows a flag sent from here whose record already left the matches, before the context has it', () => {
    const sent = item({
      state: 'sent',
      flag: { record: SERVER_FLAG.record, entity: SERVER_FLAG.entity },
      flagId: SERVER_FLAG.id,
      result: SERVER_FLAG,
      settledAt: FETCHED_AT + 1,
    });
    const html = renderCard([sent]);
    expect(text(html)).toContain('Flagged here 1');
    expect(text(html)).toContain('cus_9');
  });

  it('keeps a flag sent from here at hand for Undo after the context caught up, until it is undone', () => {
    const sent = item({
      state: 'sent',
      flag: { record: SERVER_FLAG.record, entity: SERVER_FLAG.entity },
      flagId: SERVER_FLAG.id,
      result: SERVER_FLAG,
      settledAt: FETCHED_AT - 10,
    });
    expect(buttons(renderCard([sent]))).toEqual(['Not this account', 'Not this account', 'Undo']);
    const undone = item({ id: 'u1', kind: 'undo', flag: null, flagId: SERVER_FLAG.id, state: 'sent', settledAt: FETCHED_AT - 5 });
    expect(renderCard([sent, undone])).not.toContain('flags-in-force');
    // Back among the matches (the context after the undo): the row is a plain row again.
    expect(renderCard([sent], { matches: [...MATCHES, match('cus_9')] })).not.toContain('flags-in-force');
  });

  it('says why an action was refused', () => {
    const html = renderCard([], { error: 'Sign in to the backend first' });
    expect(html).toMatch(/role="alert"[^>]*>Sign in to the backend first/);
  });

  it('shows no flag controls without flag actions (a page that cannot send them)', () => {
    const html = renderToStaticMarkup(<MatchesCard matches={MATCHES} />);
    expect(buttons(html)).toEqual([]);
  });
});

describe('the popup outbox', () => {
  it('counts pending and failed flags and opens the review queue', () => {
    const html = renderToStaticMarkup(<OutboxSummary counts={{ pending: 2, failed: 1, held: 0 }} onOpenReview={() => undefined} />);
    expect(text(html)).toContain('2 pending · 1 failed');
    expect(buttons(html)).toEqual(['Open review queue']);
    expect(html).not.toContain('outbox-held');
  });

  it('says when flags wait for other settings', () => {
    const html = renderToStaticMarkup(<OutboxSummary counts={{ pending: 0, failed: 0, held: 3 }} onOpenReview={() => undefined} />);
    expect(text(html)).toContain('3 made under other settings');
  });
});

describe('the review queue', () => {
  const ITEM: ReviewItem = {
    id: 'rev_1',
    kind: 'flag',
    status: 'open',
    createdAt: '2026-01-05T09:00:00.000Z',
    entity: { kind: 'account', id: 'acc_1' },
    records: [{ source: 'billing', sourceId: 'cus_9', label: 'Billing customer' }],
    evidence: { rule: 'exact_domain', score: 0.82, explanation: 'same domain northwind.example' },
    impact: { properties: [{ key: 'plan', label: 'Plan', before: 'Enterprise', after: null }], metrics: [{ key: 'mrr', label: 'MRR', before: 1250, after: 0 }] },
    flagId: 'flag_7',
    decision: null,
  };
  const props = (list: ReviewQueueProps['list']): ReviewQueueProps => ({
    list,
    error: null,
    status: 'open',
    refreshing: false,
    onStatus: () => undefined,
    onRefresh: () => undefined,
    onDecide: async () => ({ ok: true, item: ITEM }),
    onOpenOptions: () => undefined,
  });
  const render = (list: ReviewQueueProps['list']) => renderToStaticMarkup(<ReviewQueue {...props(list)} />);

  it('shows the evidence, the impact and the decisions that fit a flag', () => {
    const html = render({ ok: true, role: 'cs_rep', canDecide: true, items: [ITEM] });
    expect(text(html)).toContain('Rule exact_domain Score 82% Why same domain northwind.example');
    expect(text(html)).toContain('Plan Enterprise —');
    expect(text(html)).toContain('MRR 1250 0');
    expect(buttons(html)).toEqual(['Open', 'All', 'Refresh', 'Confirm split', 'Restore']);
  });

  it('offers Merge and Reject for an uncertain match', () => {
    const html = render({ ok: true, role: 'admin', canDecide: true, items: [{ ...ITEM, kind: 'uncertain', flagId: null }] });
    expect(buttons(html).slice(3)).toEqual(['Merge', 'Reject']);
  });

  it('shows no decision buttons to a role that may not decide, and says so', () => {
    const html = render({ ok: true, role: 'support_agent', canDecide: false, items: [ITEM] });
    expect(buttons(html)).toEqual(['Open', 'All', 'Refresh']);
    expect(text(html)).toContain('signed in as support_agent : you can read the queue, but only CS reps and admins decide');
  });

  it('shows who decided a decided item', () => {
    const decided = { ...ITEM, status: 'decided' as const, decision: { decision: 'restore' as const, decidedBy: 'Grace', decidedAt: ITEM.createdAt, note: 'same company after all' } };
    const html = render({ ok: true, role: 'admin', canDecide: true, items: [decided] });
    expect(text(html)).toMatch(/Restored by Grace, .+ — “same company after all”/);
    expect(buttons(html)).toEqual(['Open', 'All', 'Refresh']);
  });

  it('says when the queue cannot be read', () => {
    const html = render({ ok: false, reason: 'signed-out', message: 'Not signed in: add your token in the Sidelight options.' });
    expect(text(html)).toContain('Not signed in');
    expect(buttons(html)).toContain('Open options');
  });
});
