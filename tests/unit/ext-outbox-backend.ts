import { vi } from 'vitest';
import type { Flag, FlagRequest } from '../../lib/contract/index.ts';
import { jsonResponse } from './ext-fake-browser.ts';

export const BACKEND = 'http://127.0.0.1:8787';
export const REQUEST: FlagRequest = {
  record: { source: 'billing', sourceId: 'cus_9' },
  entity: { kind: 'person', id: 'per_1' },
  note: 'Different Nancy',
};

const problem = (status: number, title: string, detail: string) =>
  jsonResponse(status, { type: 'about:blank', title, status, code: 'x', detail }, 'application/problem+json');

/** How the fake backend answers the next requests: as itself, unreachable, or with a status. */
export type Mode = 'up' | 'down' | { status: number; title: string; detail: string; retryAfter?: string };

/**
 * A stand-in for the flag routes, keeping their promises: the same Idempotency-Key gets the same flag
 * (so `flags.size` is how many flags arrived, however many times they were sent), undo of an undone flag
 * is a 409. Installed as `fetch`.
 */
export function fakeFlagBackend() {
  const byKey = new Map<string, Flag>();
  const flags = new Map<string, Flag>();
  const posts: { path: string; key: string | undefined; host: string; body: unknown }[] = [];
  let mode: Mode = 'up';

  const fetch = vi.fn(async (input: URL | string, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const headers = (init.headers ?? {}) as Record<string, string>;
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    posts.push({ path: url.pathname, key: headers['idempotency-key'], host: url.origin, body });
    if (mode === 'down') throw new TypeError('Failed to fetch');
    if (mode !== 'up') {
      const { status, title, detail, retryAfter } = mode;
      const response = problem(status, title, detail);
      if (retryAfter) response.headers.set('Retry-After', retryAfter);
      return response;
    }
    if (url.pathname === '/v1/flags') {
      const key = headers['idempotency-key']!;
      let flag = byKey.get(key);
      if (!flag) {
        const request = body as FlagRequest;
        flag = {
          id: `flag_${flags.size + 1}`,
          status: 'applied',
          record: request.record,
          entity: request.entity,
          splitEntityId: 'per_split',
          note: request.note ?? null,
          createdBy: 'Ada',
          createdAt: new Date().toISOString(),
          undoneAt: null,
          reviewItemId: 'rev_1',
        };
        byKey.set(key, flag);
        flags.set(flag.id, flag);
      }
      return jsonResponse(201, flag);
    }
    const undo = /^\/v1\/flags\/([^/]+)\/undo$/.exec(url.pathname);
    const flag = undo && flags.get(decodeURIComponent(undo[1]!));
    if (!flag) return problem(404, 'Not found', 'No such flag.');
    if (flag.status === 'undone') return problem(409, 'Conflict', 'The flag is already undone.');
    flag.status = 'undone';
    flag.undoneAt = new Date().toISOString();
    return jsonResponse(200, flag);
  });

  return {
    fetch,
    flags,
    posts,
    setMode: (next: Mode) => {
      mode = next;
    },
  };
}
