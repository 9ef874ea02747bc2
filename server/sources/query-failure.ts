/** PostgreSQL's SQLSTATE for a statement cancelled by `statement_timeout`. */
const QUERY_CANCELED = '57014';

/**
 * The message of a failed source query, saying so when it was stopped by the source's `timeoutSeconds`
 * (PostgreSQL only says "canceling statement due to statement timeout", which names no setting).
 */
export function queryFailure(error: unknown, timeoutSeconds: number): string {
  const e = error as { code?: string; message?: string };
  const message = e.message ?? String(error);
  if (e.code === QUERY_CANCELED && /statement timeout/i.test(message)) {
    return `${message}: the query ran longer than the source's timeoutSeconds: ${timeoutSeconds}; make it faster or raise the limit`;
  }
  return message;
}
