import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConnectionPanel } from '../../components/ConnectionPanel.tsx';
import { ConnectionTest } from '../../components/ConnectionTest.tsx';
import { HostPreferencesForm } from '../../components/HostPreferencesForm.tsx';
import { OptionsForm } from '../../components/OptionsForm.tsx';
import { Sidebar } from '../../components/Sidebar.tsx';
import type { SidebarView } from '../../components/Sidebar.tsx';
import type { Context, Detection } from '../../lib/contract/index.ts';

const DETECTION: Detection = {
  ok: true,
  host: 'zendesk',
  url: 'https://acme.zendesk.com/agent/tickets/42',
  label: 'Ticket #42',
  identifiers: [
    { type: 'zendesk_ticket_id', value: '42' },
    { type: 'email', value: 'nancy@northwind.example' },
  ],
};
const ACCOUNT = { kind: 'account', id: 'acc_1', name: 'Northwind Traders', detail: 'northwind.example' } as const;
const PERSON = { kind: 'person', id: 'per_1', name: 'Nancy Davolio', detail: 'nancy@northwind.example' } as const;
const OBSERVED = new Date(Date.now() - 3 * 3600_000).toISOString();
const CONTEXT: Context = {
  status: 'matched',
  account: ACCOUNT,
  person: PERSON,
  candidates: [],
  properties: [
    { entity: 'account', key: 'plan', label: 'Plan', group: 'Billing', value: 'Enterprise', format: 'text', source: 'stripe', system: 'billing', sourceRecordId: 'cus_1', observedAt: OBSERVED, overriddenBy: null },
    { entity: 'account', key: 'mrr', label: 'MRR', group: 'Billing', value: 1250, format: 'currency', source: 'stripe', system: 'billing', sourceRecordId: 'sub_1', observedAt: OBSERVED, overriddenBy: null },
    { entity: 'person', key: 'title', label: 'Title', group: 'General', value: 'CFO', format: 'text', source: 'crm', system: 'crm', sourceRecordId: '003x', observedAt: OBSERVED, overriddenBy: null },
  ],
  metrics: [],
  health: null,
  flags: [],
  matches: [
    { entity: { kind: 'account', id: 'acc_1' }, source: 'crm', system: 'crm', sourceId: '001Dn00000A1b2CIAR', label: 'Salesforce account', rule: 'shared_system_id', confidence: 1, explanation: 'same Salesforce id as billing customer cus_1', link: 'https://acme.lightning.force.com/lightning/r/Account/001Dn00000A1b2CIAR/view' },
    { entity: { kind: 'account', id: 'acc_1' }, source: 'evil', system: 'other', sourceId: 'x', label: 'Other record', rule: 'exact_domain', confidence: 0.9, explanation: 'same domain', link: 'javascript:alert(1)' },
  ],
  freshness: { stale: false, oldestObservedAt: OBSERVED, staleModels: [] },
  version: 'v1',
  resolvedFrom: DETECTION.identifiers,
};
const ready = (context: Partial<Context> = {}, extra: Record<string, unknown> = {}): SidebarView => ({
  state: 'ready',
  detection: DETECTION,
  context: { ...CONTEXT, ...context },
  fetchedAt: Date.now() - 5 * 60_000,
  origin: 'cache',
  refreshing: false,
  offline: null,
  ...extra,
});

// The search and a chosen entity ask through TanStack Query; nothing is asked in a static render.
const render = (view: SidebarView) =>
  renderToStaticMarkup(
    <QueryClientProvider client={new QueryClient()}>
      <Sidebar view={view} retrying={false} onRetry={() => undefined} onOpenOptions={() => undefined} />
    </QueryClientProvider>,
  );
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('the sidebar', () => {
  it('shows the account and the person as tabs, the account first, with its properties and matches', () => {
    const html = render(ready());
    expect(html).toContain('role="tablist"');
    expect(html).toMatch(/aria-selected="true"[^>]*>.*Northwind Traders/);
    expect(text(html)).toContain('Billing Plan Enterprise stripe');
    expect(text(html)).toContain(new Intl.NumberFormat(undefined, { minimumFractionDigits: 2 }).format(1250));
    expect(text(html)).not.toContain('CFO'); // the person's properties wait for the person tab
    expect(text(html)).toContain('Salesforce account');
    expect(text(html)).toContain('same Salesforce id as billing customer cus_1');
    expect(html).toContain('href="https://acme.lightning.force.com/lightning/r/Account/001Dn00000A1b2CIAR/view"');
    expect(html).not.toContain('javascript:');
  });

  it('renders nothing for metrics and health while the backend sends none', () => {
    const html = render(ready());
    expect(text(html)).not.toMatch(/health|metric|trend/i);
  });

  it("says, above the data, that the backend could not be reached and how old the data is", () => {
    const html = render(ready({}, { offline: 'The backend at http://127.0.0.1:8787 is unreachable.' }));
    expect(text(html)).toMatch(/Can't reach the backend\. Showing what it sent 5 min\.? ago\./);
    expect(html.indexOf('stale-banner')).toBeLessThan(html.indexOf('account-name'));
    expect(text(html)).toContain('Retry');
  });

  it('offers the candidates of an ambiguous match', () => {
    const html = render(ready({ status: 'ambiguous', account: null, candidates: [ACCOUNT, { ...ACCOUNT, id: 'acc_2', name: 'Northwind Traders Ltd' }] }));
    expect(text(html)).toContain('2 accounts could match');
    expect(html.match(/aria-pressed="false"/g)).toHaveLength(2);
    expect(text(html)).toContain('Nancy Davolio');
  });

  it('says nothing was found, naming what it looked for, and offers a search', () => {
    const html = render(ready({ status: 'none', account: null, person: null, properties: [], matches: [] }));
    expect(text(html)).toContain('No customer found');
    expect(text(html)).toContain('Zendesk ticket 42');
    expect(text(html)).toContain('Email nancy@northwind.example');
    expect(html).toMatch(/<label[^>]*for="([^"]+)"[^>]*>Search customers<\/label><input[^>]*id="\1"[^>]*type="search"/);
    expect(text(html)).toContain('Find the account or person this page is about.');
    expect(html).not.toContain('data-testid="search-result"');
  });

  it.each([
    ['no-token', 'Not signed in'],
    ['rejected', 'Token rejected'],
  ] as const)('signed out (%s) says "%s" and links to the options', (reason, title) => {
    const html = render({ state: 'signed-out', reason });
    expect(text(html)).toContain(title);
    expect(text(html)).toContain('Open options');
  });

  it('shows an error with a retry, and a skeleton while loading', () => {
    expect(text(render({ state: 'error', message: 'The backend at x is unreachable.', detection: DETECTION }))).toContain('Retry');
    expect(render({ state: 'loading' })).toContain('sidebar-loading');
  });
});

describe('the options form', () => {
  const settings = { backendUrl: 'https://sidelight.corp.example', hasToken: true, locked: { backendUrl: true, token: true } };

  it('shows values set by policy as locked', () => {
    const html = renderToStaticMarkup(
      <OptionsForm settings={settings} saving={false} result={null} onSave={() => undefined} onSignOut={() => undefined} />,
    );
    expect(html.match(/readOnly=""|readonly=""/gi)).toHaveLength(2);
    expect(text(html)).toContain('the backend URL and the token are managed by policy');
    expect(text(html)).not.toContain('Sign out'); // the policy's token cannot be signed out of here
    expect(text(html)).toMatch(/Backend URL.*Token.*Save/);
  });

  it('is editable without a policy', () => {
    const html = renderToStaticMarkup(
      <OptionsForm settings={{ ...settings, locked: { backendUrl: false, token: false } }} saving={false} result={null} onSave={() => undefined} onSignOut={() => undefined} />,
    );
    expect(html).not.toMatch(/readonly/i);
    expect(text(html)).toContain('Sign out');
  });
});

describe('the options extras', () => {
  const PREFERENCES = { hosts: { zendesk: true, intercom: false, salesforce: true }, side: 'left' } as const;

  it('keep the locked values locked beside the connection test and the sidebar settings', () => {
    const html = renderToStaticMarkup(
      <OptionsForm
        settings={{ backendUrl: 'https://sidelight.corp.example', hasToken: true, locked: { backendUrl: true, token: true } }}
        saving={false}
        result={null}
        onSave={() => undefined}
        onSignOut={() => undefined}
      >
        <ConnectionTest testing={false} result={{ ok: true, name: 'Ada', role: 'cs_rep', version: '0.1.0' }} onTest={() => undefined} />
        <HostPreferencesForm preferences={PREFERENCES} saved={false} onChange={() => undefined} />
      </OptionsForm>,
    );
    expect(html.match(/readOnly=""|readonly=""/gi)).toHaveLength(2);
    expect(text(html)).toContain('the backend URL and the token are managed by policy');
    expect(text(html)).toContain('Test connection');
    expect(text(html)).toContain('Connected as Ada , role cs_rep ; backend version 0.1.0 .');
  });

  it('show which hosts are on and the side the sidebar docks on', () => {
    const html = renderToStaticMarkup(<HostPreferencesForm preferences={PREFERENCES} saved onChange={() => undefined} />);
    const inputs = html.match(/<input[^>]*>/g) ?? [];
    const checked = (value: string) => inputs.some((input) => input.includes(`value="${value}"`) && input.includes('checked=""'));
    expect([checked('zendesk'), checked('intercom'), checked('salesforce')]).toEqual([true, false, true]);
    expect([checked('left'), checked('right')]).toEqual([true, false]);
    expect(text(html)).toMatch(/Zendesk.*Intercom.*Salesforce.*Right.*Left.*Saved\./);
  });

  it('say why a connection test failed, and that one is under way', () => {
    const failed = renderToStaticMarkup(
      <ConnectionTest testing={false} result={{ ok: false, reason: 'error', message: 'The backend at x is unreachable.' }} onTest={() => undefined} />,
    );
    expect(failed).toContain('role="alert"');
    expect(text(failed)).toContain('The backend at x is unreachable.');
    const testing = renderToStaticMarkup(<ConnectionTest testing result={null} onTest={() => undefined} />);
    expect(text(testing)).toContain('Testing…');
    expect(testing).toContain('disabled=""');
  });
});

describe('the popup', () => {
  it('shows the backend, who is signed in and the last refresh', () => {
    const html = renderToStaticMarkup(
      <ConnectionPanel
        status={{
          backendUrl: 'http://127.0.0.1:8787',
          locked: { backendUrl: false, token: false },
          identity: { state: 'connected', name: 'Ada', role: 'cs_rep' },
          lastSuccessAt: Date.now() - 2 * 60_000,
          lastFailure: null,
        }}
        error={null}
        onOpenOptions={() => undefined}
      />,
    );
    expect(text(html)).toContain('http://127.0.0.1:8787');
    expect(text(html)).toContain('Signed in as Ada (cs_rep)');
    expect(text(html)).toMatch(/Last refresh 2 min\.? ago/);
  });
});
