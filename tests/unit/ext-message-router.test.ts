import { fakeBrowser } from './ext-fake-browser.ts';
import type { Browser } from 'wxt/browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { routeMessage } from '../../lib/ext/message-router.ts';
import { readMessageTally } from '../../lib/ext/message-tally.ts';
import type { MessageHandlers } from '../../lib/ext/message-router.ts';

const TICKET = {
  ok: true,
  host: 'zendesk',
  url: 'https://acme.zendesk.com/agent/tickets/42',
  label: 'Ticket #42',
  identifiers: [{ type: 'zendesk_ticket_id', value: '42' }],
};

const contentScript = (url: string, frameId = 0) =>
  ({ id: fakeBrowser.runtime.id, url, frameId, tab: { id: 7 } }) as Browser.runtime.MessageSender;
const extensionPage = (path: string) =>
  ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL(path), frameId: 2, tab: { id: 7 } }) as Browser.runtime.MessageSender;

let handlers: MessageHandlers;
beforeEach(() => {
  handlers = {
    'detection:report': vi.fn(async () => ({ accepted: true })),
    'context:get': vi.fn(async () => ({ state: 'waiting' as const })),
    'settings:get': vi.fn(async () => ({
      backendUrl: 'http://127.0.0.1:8787',
      hasToken: false,
      locked: { backendUrl: false, token: false },
    })),
    'settings:save': vi.fn(async () => ({ ok: false as const, message: 'no' })),
    'settings:sign-out': vi.fn(async () => ({ hasToken: false })),
    'connection:get': vi.fn(async () => ({
      backendUrl: 'http://127.0.0.1:8787',
      locked: { backendUrl: false, token: false },
      identity: { state: 'signed-out' as const },
      lastSuccessAt: null,
      lastFailure: null,
    })),
    'connection:test': vi.fn(async () => ({ ok: true as const, name: 'Ada', role: 'cs_rep' as const, version: '0.1.0' })),
    'search:query': vi.fn(async () => ({ ok: true as const, results: [] })),
    'entity:get': vi.fn(async () => ({ state: 'not-found' as const, message: 'No account acc_9.' })),
    'flag:create': vi.fn(async () => ({ ok: false as const, message: 'no' })),
    'flag:undo': vi.fn(async () => ({ ok: false as const, message: 'no' })),
    'flags:list': vi.fn(async () => ({ items: [], counts: { pending: 0, failed: 0, held: 0 } })),
    'outbox:retry': vi.fn(async () => ({ ok: false as const, message: 'no' })),
    'outbox:dismiss': vi.fn(async () => ({ ok: false as const, message: 'no' })),
    'review:list': vi.fn(async () => ({ ok: false as const, reason: 'signed-out' as const, message: 'no' })),
    'review:decide': vi.fn(async () => ({ ok: false as const, reason: 'forbidden' as const, message: 'no' })),
  };
});

describe('routeMessage', () => {
  it('serves a content script of a host page its own message, with its tab', async () => {
    const reply = await routeMessage(handlers, { name: 'detection:report', input: TICKET }, contentScript(TICKET.url));
    expect(reply).toEqual({ ok: true, output: { accepted: true } });
    expect(handlers['detection:report']).toHaveBeenCalledWith(TICKET, {
      kind: 'content-script',
      host: 'zendesk',
      tabId: 7,
      url: new URL(TICKET.url),
    });
  });

  it('serves our own pages, with the defaults of the contract filled in', async () => {
    const reply = await routeMessage(handlers, { name: 'context:get', input: { tabId: 7 } }, extensionPage('/sidebar.html'));
    expect(reply).toEqual({ ok: true, output: { state: 'waiting' } });
    expect(handlers['context:get']).toHaveBeenCalledWith({ tabId: 7, fresh: false }, { kind: 'extension-page', tabId: 7 });
  });

  it('serves the popup, which has no tab', async () => {
    const popup = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') } as Browser.runtime.MessageSender;
    const reply = await routeMessage(handlers, { name: 'connection:get', input: {} }, popup);
    expect(reply).toMatchObject({ ok: true, output: { identity: { state: 'signed-out' } } });
  });

  it('serves the sidebar a search and a chosen entity, with the defaults of the contract filled in', async () => {
    const sidebar = extensionPage('/sidebar.html');
    expect(await routeMessage(handlers, { name: 'search:query', input: { q: '  northwind ' } }, sidebar)).toEqual({ ok: true, output: { ok: true, results: [] } });
    expect(handlers['search:query']).toHaveBeenCalledWith({ q: 'northwind' }, { kind: 'extension-page', tabId: 7 });
    const reply = await routeMessage(handlers, { name: 'entity:get', input: { kind: 'account', id: 'acc_9' } }, sidebar);
    expect(reply).toMatchObject({ ok: true, output: { state: 'not-found' } });
    expect(handlers['entity:get']).toHaveBeenCalledWith({ kind: 'account', id: 'acc_9', fresh: false }, { kind: 'extension-page', tabId: 7 });
  });

  it('serves the options page a connection test', async () => {
    const reply = await routeMessage(handlers, { name: 'connection:test', input: {} }, extensionPage('/options.html'));
    expect(reply).toEqual({ ok: true, output: { ok: true, name: 'Ada', role: 'cs_rep', version: '0.1.0' } });
  });

  it.each([
    ['a content script searching customers', 'search:query', { q: 'northwind' }, contentScript(TICKET.url)],
    ['a content script asking for an entity', 'entity:get', { kind: 'account', id: 'acc_1' }, contentScript(TICKET.url)],
    ['a content script testing the connection', 'connection:test', {}, contentScript(TICKET.url)],
    ['another extension searching customers', 'search:query', { q: 'northwind' }, { ...extensionPage('/sidebar.html'), id: 'other-extension' }],
    ['a web page posing as the sidebar', 'entity:get', { kind: 'account', id: 'acc_1' }, { id: fakeBrowser.runtime.id, url: 'https://evil.example/sidebar.html', frameId: 0, tab: { id: 7 } }],
    ['a content script asking for a context', 'context:get', { tabId: 7 }, contentScript(TICKET.url)],
    ['a content script asking for settings', 'settings:get', {}, contentScript(TICKET.url)],
    ['a content script signing the user out', 'settings:sign-out', {}, contentScript(TICKET.url)],
    ['a content script asking who is signed in', 'connection:get', {}, contentScript(TICKET.url)],
    ['a content script flagging a record', 'flag:create', { record: { source: 'crm', sourceId: '003x' }, entity: { kind: 'person', id: 'per_1' } }, contentScript(TICKET.url)],
    ['a content script undoing a flag', 'flag:undo', { flagId: 'flag_1' }, contentScript(TICKET.url)],
    ['a content script reading the outbox', 'flags:list', {}, contentScript(TICKET.url)],
    ['a content script deciding a review item', 'review:decide', { id: 'rev_1', decision: 'confirm' }, contentScript(TICKET.url)],
    ['a page that is not one of our hosts', 'detection:report', TICKET, contentScript('https://evil.example/agent/tickets/42')],
    ['a frame inside a host page', 'detection:report', TICKET, contentScript(TICKET.url, 3)],
    ['another extension', 'settings:get', {}, { ...extensionPage('/options.html'), id: 'other-extension' }],
    ['another extension page', 'settings:get', {}, { id: fakeBrowser.runtime.id, url: 'chrome-extension://other/options.html' }],
  ])('refuses %s', async (_name, name, input, sender) => {
    const reply = await routeMessage(handlers, { name, input }, sender as Browser.runtime.MessageSender);
    expect(reply.ok).toBe(false);
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ['an unknown message', { name: 'token:get', input: {} }],
    ['a malformed envelope', 'settings:get'],
    ['an input that breaks the contract', { name: 'context:get', input: { tabId: 'seven' } }],
    ['a refresh flag that is not a boolean', { name: 'context:get', input: { tabId: 7, fresh: 'yes' } }],
    ['a backend URL that is not a URL', { name: 'settings:save', input: { backendUrl: 'localhost' } }],
    ['a search of one character', { name: 'search:query', input: { q: ' n ' } }],
    ['a search with unknown fields', { name: 'search:query', input: { q: 'northwind', limit: 5000 } }],
    ['an entity of an unknown kind', { name: 'entity:get', input: { kind: 'ticket', id: '42' } }],
    ['an entity without an id', { name: 'entity:get', input: { kind: 'person', id: '' } }],
  ])('refuses %s', async (_name, message) => {
    const reply = await routeMessage(handlers, message, extensionPage('/options.html'));
    expect(reply.ok).toBe(false);
  });

  it('counts what it served, refused and failed, by message and sender kind, never by what the sender wrote', async () => {
    const before = readMessageTally();
    const delta = (outcome: keyof typeof before, key: string) => (readMessageTally()[outcome][key] ?? 0) - (before[outcome][key] ?? 0);
    await routeMessage(handlers, { name: 'detection:report', input: TICKET }, contentScript(TICKET.url));
    await routeMessage(handlers, { name: 'settings:get', input: {} }, contentScript(TICKET.url));
    await routeMessage(handlers, { name: '__proto__', input: {} }, extensionPage('/options.html'));
    await routeMessage(handlers, { name: 'context:get', input: { tabId: 'seven' } }, extensionPage('/sidebar.html'));
    handlers['settings:get'] = vi.fn(async () => ({ hasToken: 'yes' }) as never);
    await routeMessage(handlers, { name: 'settings:get', input: {} }, extensionPage('/options.html')).catch(() => undefined);
    expect(delta('served', 'detection:report from content-script')).toBe(1);
    expect(delta('refused', 'settings:get from content-script')).toBe(1);
    expect(delta('refused', 'unknown message')).toBe(1);
    expect(delta('refused', 'context:get with an invalid input')).toBe(1);
    expect(delta('failed', 'settings:get')).toBe(1);
    expect(Object.keys(readMessageTally().refused)).not.toContain('__proto__');
  });

  it('never lets a handler answer outside the contract', async () => {
    handlers['settings:get'] = vi.fn(async () => ({ backendUrl: 'x', hasToken: 'yes' }) as never);
    await expect(routeMessage(handlers, { name: 'settings:get', input: {} }, extensionPage('/options.html'))).rejects.toThrow();
  });
});
