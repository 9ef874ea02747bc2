import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { PROBLEM_CONTENT_TYPE, type Problem } from '../../lib/contract/index.ts';

/** An expected failure with an HTTP status and a stable code; turned into problem+json in one place. */
export class AppError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly issues: Problem['issues'];
  constructor(status: ContentfulStatusCode, code: string, detail: string, issues?: Problem['issues']) {
    super(detail);
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(c: Context, error: AppError): Response {
  const body: Problem = {
    type: `https://sidelight.dev/problems/${error.code}`,
    title: TITLES[error.status] ?? 'Error',
    status: error.status,
    code: error.code,
    detail: error.message,
    ...(error.issues ? { issues: error.issues } : {}),
  };
  return c.body(JSON.stringify(body), error.status, { 'content-type': PROBLEM_CONTENT_TYPE });
}
