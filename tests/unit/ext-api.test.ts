import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LookupRequest } from '../../lib/contract/index.ts';
import { fetchMe, lookup } from '../../lib/ext/api.ts';
import { CONTEXT, jsonResponse } from './ext-fake-browser.ts';

const connection = { backendUrl: 'http://127.0.0.1:8787', token: 'tok_secret' };
const request: LookupRequest = { host: 'zendesk', identifiers: [{ type: 'zendesk_ticket_id', value: '42' }] };
const problem = (status: number, title: string, detail?: string) =>
  jsonResponse(status, { type: 'about:blank', title, status, code: 'x', detail }, 'application/problem+json');

afterEach(() => vi.unstubAllGlobals());

function stubFetch(response: Response | Error) {
  const fetch = vi.fn(async () => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('lookup', () => {
  it('posts the identifiers with the bearer token and parses the context', async () => {
    const fetch = stubFetch(jsonResponse(200, CONTEXT));
    const result = await lookup(connection, request);
    expect(result).toEqual({ ok: true, value: CONTEXT });
    const [url, init] = fetch.mock.calls[0] as unknown as [URL, RequestInit];
    expect(String(url)).toBe('http://127.0.0.1:8787/v1/lookup');
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ Authorization: 'Bearer tok_secret', 'Content-Type': 'application/json' });
    expect(JSON.parse(String(init.body))).toEqual(request);
  });

  it.each([
    ['a refused token means signed out', problem(401, 'Unauthorized', 'Unknown token'), { signedOut: true, message: 'Unauthorized: Unknown token' }],
    ['a problem is told by its title and detail', problem(503, 'Store unavailable'), { signedOut: false, message: 'Store unavailable' }],
    ['an error without a problem body still says its status', new Response('oops', { status: 502 }), { signedOut: false, message: 'The backend answered HTTP 502.' }],
    ['a body that is not a context is refused', jsonResponse(200, { notModified: true, version: 'v1' }), { signedOut: false, message: expect.stringContaining('unexpected shape') }],
  ])('%s', async (_name, response, expected) => {
    stubFetch(response);
    expect(await lookup(connection, request)).toEqual({ ok: false, ...expected });
  });

  it('accepts an unchanged context without its body when it sent the version', async () => {
    stubFetch(jsonResponse(200, { notModified: true, version: 'v1' }));
    expect(await lookup(connection, { ...request, ifVersion: 'v1' })).toEqual({ ok: true, value: { notModified: true, version: 'v1' } });
  });

  it('accepts a full context when the version it sent is out of date', async () => {
    stubFetch(jsonResponse(200, CONTEXT));
    expect(await lookup(connection, { ...request, ifVersion: 'v0' })).toEqual({ ok: true, value: CONTEXT });
  });

  it('refuses a not-modified answer for another version than the one it sent', async () => {
    stubFetch(jsonResponse(200, { notModified: true, version: 'v2' }));
    expect(await lookup(connection, { ...request, ifVersion: 'v1' })).toMatchObject({ ok: false, message: expect.stringContaining('unexpected shape') });
  });

  it('says when the backend cannot be reached', async () => {
    stubFetch(new TypeError('Failed to fetch'));
    expect(await lookup(connection, request)).toEqual({
      ok: false,
      signedOut: false,
      message: 'The backend at http://127.0.0.1:8787 is unreachable.',
    });
  });
});

describe('fetchMe', () => {
  it('reads who the token belongs to', async () => {
    stubFetch(jsonResponse(200, { name: 'e2e', role: 'admin', visibleProperties: [] }));
    expect(await fetchMe(connection)).toEqual({ ok: true, value: { name: 'e2e', role: 'admin', visibleProperties: [], visibleMetrics: [] } });
  });
});
