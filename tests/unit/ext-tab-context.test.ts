import { CONTEXT, fakeBrowser, jsonResponse } from './ext-fake-browser.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DetectionResult } from '../../lib/contract/index.ts';
import { tabDetections, tokenItem } from '../../lib/ext/storage.ts';
import { contextOfTab, recordDetection } from '../../lib/ext/tab-context.ts';

const TAB = 7;
const ticket = (id: string, path = ''): DetectionResult => ({
  ok: true,
  host: 'zendesk',
  url: `https://acme.zendesk.com/agent/tickets/${id}${path}`,
  label: `Ticket #${id}`,
  identifiers: [{ type: 'zendesk_ticket_id', value: id }],
});
const DASHBOARD: DetectionResult = {
  ok: false,
  host: 'zendesk',
  url: 'https://acme.zendesk.com/agent/dashboard',
  reason: 'no record',
  lookedFor: ['ticket id in /agent/tickets/N'],
};

let fetch: ReturnType<typeof vi.fn>;
beforeEach(async () => {
  fakeBrowser.reset();
  fetch = vi.fn(async () => jsonResponse(200, CONTEXT));
  vi.stubGlobal('fetch', fetch);
  await tokenItem.setValue('tok_secret');
});
afterEach(() => vi.unstubAllGlobals());

describe('the context of a tab', () => {
  it('waits until the content script has reported', async () => {
    expect(await contextOfTab(TAB)).toEqual({ state: 'waiting' });
  });

  it('passes a miss on, without asking the backend', async () => {
    await recordDetection(TAB, DASHBOARD);
    expect(await contextOfTab(TAB)).toEqual({ state: 'miss', miss: DASHBOARD });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('is signed out without a token', async () => {
    await tokenItem.setValue('');
    await recordDetection(TAB, ticket('42'));
    expect(await contextOfTab(TAB)).toEqual({ state: 'signed-out' });
  });

  it('is signed out when the backend refuses the token', async () => {
    fetch.mockImplementation(async () => jsonResponse(401, { type: 'about:blank', title: 'Unauthorized', status: 401, code: 'x' }));
    await recordDetection(TAB, ticket('42'));
    expect(await contextOfTab(TAB)).toEqual({ state: 'signed-out' });
  });

  it('looks the detection up once, shared by the report and the sidebar, then serves it again', async () => {
    await recordDetection(TAB, ticket('42'));
    const [first, second] = await Promise.all([contextOfTab(TAB), contextOfTab(TAB)]);
    expect(first).toMatchObject({ state: 'ready', context: CONTEXT, detection: ticket('42') });
    expect(second).toEqual(first);
    expect(await contextOfTab(TAB)).toMatchObject({ state: 'ready', context: CONTEXT });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('keeps its revision when the same record shows on another sub-page, and changes it for another record', async () => {
    await recordDetection(TAB, ticket('42'));
    const first = await tabDetections.get(TAB);
    await recordDetection(TAB, ticket('42', '/events'));
    expect((await tabDetections.get(TAB))?.revision).toBe(first?.revision);
    await recordDetection(TAB, ticket('43'));
    expect((await tabDetections.get(TAB))?.revision).not.toBe(first?.revision);
  });

  it('applies reports in the order they arrive', async () => {
    await Promise.all([recordDetection(TAB, ticket('42')), recordDetection(TAB, ticket('43')), recordDetection(TAB, DASHBOARD)]);
    expect((await tabDetections.get(TAB))?.detection).toEqual(DASHBOARD);
  });

  it('reports a failed lookup with its detection, so the sidebar can retry', async () => {
    fetch.mockImplementation(async () => {
      throw new TypeError('Failed to fetch');
    });
    await recordDetection(TAB, ticket('42'));
    expect(await contextOfTab(TAB)).toMatchObject({ state: 'error', detection: ticket('42') });
  });
});
