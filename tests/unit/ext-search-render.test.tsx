// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Sidebar } from '../../components/Sidebar.tsx';
import type { SidebarView } from '../../components/Sidebar.tsx';
import type { Context, Detection, EntityContext, EntityRef, MessageInput, MessageName } from '../../lib/contract/index.ts';
import { ask } from '../../lib/ext/messaging.ts';

// The background is the messaging module: each case says how it answers.
vi.mock('../../lib/ext/messaging.ts', () => ({ ask: vi.fn() }));
Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });

const DETECTION: Detection = {
  ok: true,
  host: 'zendesk',
  url: 'https://acme.zendesk.com/agent/tickets/42',
  label: 'Ticket #42',
  identifiers: [{ type: 'email', value: 'jordan@brightpath-consulting.com' }],
};
const OBSERVED = new Date(Date.now() - 3600_000).toISOString();
const PERSON: EntityRef = { kind: 'person', id: 'per_1', name: 'Jordan Reyes', detail: 'jordan@brightpath-consulting.com' };
const NORTHWIND: EntityRef = { kind: 'account', id: 'acc_1', name: 'Northwind Traders', detail: 'northwind.example' };
const CONTOSO: EntityRef = { kind: 'account', id: 'acc_2', name: 'Contoso', detail: 'contoso.example' };

function contextOf(account: EntityRef | null, person: EntityRef | null, status: Context['status'] = 'matched'): Context {
  const property = (entity: EntityRef, key: string, label: string, value: string) => ({
    entity: entity.kind,
    key,
    label,
    group: 'General',
    value,
    format: 'text' as const,
    source: 'crm',
    system: 'crm' as const,
    sourceRecordId: `${entity.id}-crm`,
    observedAt: OBSERVED,
    overriddenBy: null,
  });
  return {
    status,
    account,
    person,
    candidates: [],
    properties: [
      ...(account ? [property(account, 'plan', 'Plan', `${account.name} plan`)] : []),
      ...(person ? [property(person, 'title', 'Title', 'Implementation Consultant')] : []),
    ],
    metrics: [],
    health: account ? { score: 72, band: 'watch', factors: [] } : null,
    matches: account
      ? [{ entity: { kind: 'account', id: account.id }, source: 'crm', system: 'crm', sourceId: `${account.id}-crm`, label: 'Salesforce account', rule: 'shared_system_id', confidence: 1, explanation: `the CRM record of ${account.name}`, link: null }]
      : [],
    flags: [],
    freshness: { stale: false, oldestObservedAt: OBSERVED, staleModels: [] },
    version: `v-${account?.id ?? person?.id ?? 'none'}`,
    resolvedFrom: [],
  };
}
type ReadyEntity = Extract<EntityContext, { state: 'ready' }>;
const entityReady = (entity: EntityRef, context: Context, extra: Partial<ReadyEntity> = {}): ReadyEntity => ({
  state: 'ready',
  entity: { kind: entity.kind, id: entity.id },
  context,
  fetchedAt: Date.now(),
  origin: 'network',
  refreshing: false,
  offline: null,
  ...extra,
});
const tabView = (context: Context): SidebarView => ({
  state: 'ready',
  detection: DETECTION,
  context,
  fetchedAt: Date.now(),
  origin: 'network',
  refreshing: false,
  offline: null,
});

type Answer = (input: Record<string, unknown>) => unknown;
let answers: Partial<Record<MessageName, Answer>>;
const asked = (name: MessageName) => vi.mocked(ask).mock.calls.filter(([n]) => n === name).map(([, input]) => input);

let host: HTMLElement;
let root: Root;
beforeEach(() => {
  answers = {};
  vi.mocked(ask).mockReset();
  vi.mocked(ask).mockImplementation(async (name: MessageName, input: MessageInput<MessageName>) => {
    const answer = answers[name];
    if (!answer) throw new Error(`unexpected ${name}`);
    return answer(input as Record<string, unknown>) as never;
  });
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

function show(view: SidebarView) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  act(() =>
    root.render(
      <QueryClientProvider client={client}>
        <Sidebar view={view} retrying={false} onRetry={() => undefined} onOpenOptions={() => undefined} />
      </QueryClientProvider>,
    ),
  );
}

const $ = <E extends Element = HTMLElement>(selector: string) => host.querySelector<E & HTMLElement>(selector);
const $$ = (selector: string) => [...host.querySelectorAll<HTMLElement>(selector)];
const textOf = (selector: string) => $(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
const input = () => $<HTMLInputElement>('[data-testid="search-input"]')!;

function type(value: string) {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input(), value);
  input().dispatchEvent(new Event('input', { bubbles: true }));
}
function press(element: HTMLElement, key: string) {
  element.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
}
/** Lets timers, the background's answers and React's renders run until `check` holds. */
async function until(check: () => boolean, what: string, ms = 3_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}; the sidebar shows: ${host.textContent}`);
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  }
}

describe('the search of an unknown customer', () => {
  beforeEach(() => {
    answers['search:query'] = ({ q }) => ({ ok: true, results: String(q).startsWith('north') ? [NORTHWIND, PERSON] : [] });
    answers['entity:get'] = () => entityReady(NORTHWIND, contextOf(NORTHWIND, null));
  });

  it('asks once typing pauses, lists the results, and opens the one chosen in full', async () => {
    show(tabView(contextOf(null, null, 'none')));
    expect(textOf('[data-testid="sidebar-none"]')).toContain('No customer found');
    act(() => input().focus());
    act(() => type('n'));
    expect(textOf('[data-testid="search-status"]')).toBe('Type at least 2 characters.');
    act(() => type('nor'));
    act(() => type('north'));
    await until(() => $$('[data-testid="search-result"]').length === 2, 'the results');
    expect(asked('search:query')).toEqual([{ q: 'north' }]); // the keystrokes before the pause were not sent
    expect(textOf('[data-testid="search-status"]')).toBe('2 matches: pick one to see it in full.');
    expect($$('[data-testid="search-result"]').map((b) => b.textContent)).toEqual([
      'Northwind TradersAccountnorthwind.example',
      'Jordan ReyesPersonjordan@brightpath-consulting.com',
    ]);

    // From the box, the arrow keys walk the results and back.
    act(() => press(input(), 'ArrowDown'));
    expect(document.activeElement).toBe($$('[data-testid="search-result"]')[0]);
    act(() => press($$('[data-testid="search-result"]')[0]!, 'ArrowDown'));
    expect(document.activeElement).toBe($$('[data-testid="search-result"]')[1]);
    act(() => press($$('[data-testid="search-result"]')[1]!, 'ArrowUp'));
    act(() => press($$('[data-testid="search-result"]')[0]!, 'ArrowUp'));
    expect(document.activeElement).toBe(input());

    act(() => $$('[data-testid="search-result"]')[0]!.click());
    await until(() => $('[data-testid="chosen-context"]') !== null, 'the chosen context');
    expect(asked('entity:get')).toEqual([{ kind: 'account', id: 'acc_1' }]);
    expect(textOf('[data-testid="account-name"]')).toBe('Northwind Traders');
    expect(textOf('[data-testid="health-score"]')).toBe('72');
    expect(textOf('[data-testid="property-plan"]')).toContain('Northwind Traders plan');
    expect(textOf('[data-testid="matches-card"]')).toContain('the CRM record of Northwind Traders');
    expect($('[data-testid="sidebar-none"]')).toBeNull();
    expect(document.activeElement?.textContent).toBe('← Back to the search');

    act(() => (document.activeElement as HTMLElement).click());
    expect(input().value).toBe('north');
    expect(document.activeElement).toBe(input());
    expect($$('[data-testid="search-result"]')).toHaveLength(2);
  });

  it('says when nothing matches, and when the search failed', async () => {
    show(tabView(contextOf(null, null, 'none')));
    act(() => type('zz'));
    await until(() => textOf('[data-testid="search-status"]') === 'Nothing matches “zz”.', 'no matches');
    answers['search:query'] = () => ({ ok: false, reason: 'error', message: 'The backend at x is unreachable.' });
    act(() => type('zzz'));
    await until(() => textOf('[data-testid="search-status"]') === 'Search failed: The backend at x is unreachable.', 'the failure');
  });

  it('shows a chosen person with their account as a second tab', async () => {
    answers['entity:get'] = () => entityReady(PERSON, contextOf(CONTOSO, PERSON));
    show(tabView(contextOf(null, null, 'none')));
    act(() => type('north'));
    await until(() => $$('[data-testid="search-result"]').length === 2, 'the results');
    act(() => $$('[data-testid="search-result"]')[1]!.click());
    await until(() => $('[data-testid="chosen-context"]') !== null, 'the chosen context');
    expect(asked('entity:get')).toEqual([{ kind: 'person', id: 'per_1' }]);
    const tabs = $$('[role="tab"]');
    expect(tabs.map((tab) => tab.getAttribute('aria-selected'))).toEqual(['false', 'true']);
    expect(textOf('[data-testid="property-title"]')).toContain('Implementation Consultant');
    act(() => tabs[0]!.click());
    expect(textOf('[data-testid="property-plan"]')).toContain('Contoso plan');
  });
});

describe('a candidate picked in an ambiguous lookup', () => {
  const AMBIGUOUS = { ...contextOf(null, PERSON, 'ambiguous'), candidates: [NORTHWIND, CONTOSO] };

  it("is fetched from the backend and shown in full, not as a lookup's missing details", async () => {
    answers['entity:get'] = ({ id }) => entityReady(id === 'acc_2' ? CONTOSO : NORTHWIND, contextOf(id === 'acc_2' ? CONTOSO : NORTHWIND, null));
    show(tabView(AMBIGUOUS));
    expect(textOf('[data-testid="sidebar-candidates"]')).toContain('2 accounts could match');
    act(() => $$('.candidates__option')[1]!.click());
    await until(() => $('[data-testid="chosen-context"]') !== null, 'the chosen candidate');
    expect(asked('entity:get')).toEqual([{ kind: 'account', id: 'acc_2' }]);
    expect($$('.candidates__option').map((b) => b.getAttribute('aria-pressed'))).toEqual(['false', 'true']);
    expect(textOf('[data-testid="account-name"]')).toBe('Contoso');
    expect(textOf('.badge--chosen')).toBe('chosen here');
    expect(textOf('[data-testid="health-score"]')).toBe('72');
    expect(textOf('[data-testid="property-plan"]')).toContain('Contoso plan');
    expect(host.textContent).not.toContain('carries no details');

    act(() => $$('.candidates__option')[0]!.click());
    await until(() => textOf('[data-testid="property-plan"]')?.includes('Northwind Traders plan') === true, 'the other candidate');
    expect(textOf('[data-testid="account-name"]')).toBe('Northwind Traders');
  });

  it('renders the cached context at once, then the refreshed one', async () => {
    let refreshed: (value: EntityContext) => void = () => undefined;
    answers['entity:get'] = ({ fresh }) =>
      fresh
        ? new Promise((resolve) => (refreshed = resolve))
        : entityReady(CONTOSO, contextOf({ ...CONTOSO, name: 'Contoso (cached)' }, null), { origin: 'cache', refreshing: true });
    show(tabView(AMBIGUOUS));
    act(() => $$('.candidates__option')[1]!.click());
    await until(() => $('[data-testid="chosen-context"]')?.dataset.origin === 'cache', 'the cached context');
    expect(textOf('[data-testid="property-plan"]')).toContain('Contoso (cached) plan');
    await until(() => asked('entity:get').length === 2, 'the refresh');
    expect(asked('entity:get')[1]).toEqual({ kind: 'account', id: 'acc_2', fresh: true });
    act(() => refreshed(entityReady(CONTOSO, contextOf(CONTOSO, null))));
    await until(() => $('[data-testid="chosen-context"]')?.dataset.origin === 'network', 'the refreshed context');
    expect(textOf('[data-testid="property-plan"]')).toContain('Contoso plan');
  });

  it('says the backend could not be reached, with a cached copy marked stale, or with a retry', async () => {
    answers['entity:get'] = () => entityReady(CONTOSO, contextOf(CONTOSO, null), { origin: 'cache', offline: 'The backend at x is unreachable.', fetchedAt: Date.now() - 10 * 60_000 });
    show(tabView(AMBIGUOUS));
    act(() => $$('.candidates__option')[1]!.click());
    await until(() => $('[data-testid="stale-banner"]') !== null, 'the stale banner');
    expect(textOf('[data-testid="stale-banner"]')).toMatch(/Showing what it sent 10 min\.? ago/);

    answers['entity:get'] = () => ({ state: 'error', message: 'The backend at x is unreachable.' });
    act(() => $$('.candidates__option')[0]!.click());
    await until(() => $('[data-testid="sidebar-error"]') !== null, 'the error');
    expect(textOf('[data-testid="sidebar-error"]')).toContain('The backend at x is unreachable.');
    answers['entity:get'] = () => entityReady(NORTHWIND, contextOf(NORTHWIND, null));
    act(() => $<HTMLButtonElement>('[data-testid="sidebar-error"] button')!.click());
    await until(() => textOf('[data-testid="property-plan"]')?.includes('Northwind Traders plan') === true, 'the retried candidate');
  });
});
