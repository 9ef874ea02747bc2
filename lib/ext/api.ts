import type { z } from 'zod';
import { Context, Health, LookupResponse, Me, Problem } from '../contract/index.ts';
import type { LookupRequest } from '../contract/index.ts';

const TIMEOUT_MS = 10_000;

export interface Connection {
  backendUrl: string;
  token: string;
}

/** An expected failure is a result: `signedOut` when the backend refused the token (401). */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; signedOut: boolean; message: string };

/** A failure with what a retry policy needs: the HTTP status (null: no answer at all) and any Retry-After. */
export type ApiResponse<T> =
  | { ok: true; value: T }
  | { ok: false; signedOut: boolean; message: string; status: number | null; retryAfterMs: number | null };

/**
 * Resolves the identifiers on a host page into a context. With `ifVersion`, an unchanged context comes
 * back as `{ notModified: true }` without its body; without it, or for another version, a not-modified
 * answer is a backend bug and is refused like any other malformed body.
 */
export async function lookup(connection: Connection, request: LookupRequest): Promise<ApiResult<LookupResponse>> {
  if (request.ifVersion === undefined) return asResult(await call(connection, 'POST', '/v1/lookup', request, Context));
  const result = asResult(await call(connection, 'POST', '/v1/lookup', request, LookupResponse));
  if (result.ok && 'notModified' in result.value && result.value.version !== request.ifVersion) {
    return { ok: false, signedOut: false, message: 'The backend answered /v1/lookup in an unexpected shape.' };
  }
  return result;
}

export async function fetchMe(connection: Connection): Promise<ApiResult<Me>> {
  return asResult(await call(connection, 'GET', '/v1/me', undefined, Me));
}

/** The backend's liveness and version (`/healthz` needs no token; it is sent all the same). */
export async function fetchHealth(connection: Connection): Promise<ApiResult<Health>> {
  return asResult(await call(connection, 'GET', '/healthz', undefined, Health));
}

function asResult<T>(response: ApiResponse<T>): ApiResult<T> {
  return response.ok ? response : { ok: false, signedOut: response.signedOut, message: response.message };
}

/** One request to the backend, its answer checked against `schema`; never throws. */
export async function call<T>(
  { backendUrl, token }: Connection,
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  schema: z.ZodType<T>,
  headers: Record<string, string> = {},
): Promise<ApiResponse<T>> {
  let response: Response;
  try {
    response = await fetch(new URL(path, backendUrl), {
      method,
      headers: {
        Accept: 'application/json',
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (error) {
    const reason = error instanceof DOMException && error.name === 'TimeoutError' ? 'timed out' : 'unreachable';
    return { ok: false, signedOut: false, message: `The backend at ${backendUrl} is ${reason}.`, status: null, retryAfterMs: null };
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    return {
      ok: false,
      signedOut: response.status === 401,
      message: describeProblem(response.status, payload),
      status: response.status,
      retryAfterMs: retryAfterOf(response.headers.get('retry-after')),
    };
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    return { ok: false, signedOut: false, message: `The backend answered ${path} in an unexpected shape.`, status: response.status, retryAfterMs: null };
  }
  return { ok: true, value: parsed.data };
}

function describeProblem(status: number, payload: unknown): string {
  const problem = Problem.safeParse(payload);
  if (!problem.success) return `The backend answered HTTP ${status}.`;
  const { title, detail } = problem.data;
  return detail ? `${title}: ${detail}` : title;
}

/** Retry-After in seconds or as an HTTP date (RFC 9110 section 10.2.3); null when absent or unreadable. */
function retryAfterOf(header: string | null): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}
