import { request } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the extension made to the backend, as the proxy saw it. */
export interface LoggedRequest {
  at: number;
  method: string;
  path: string;
  body: string;
  /** Whether it carried a bearer token (the token itself is not kept). */
  authorized: boolean;
  status: number | null;
}

export interface RequestLog {
  /** Point the extension here instead of at the backend. */
  url: string;
  requests: LoggedRequest[];
  close: () => Promise<void>;
}

/**
 * A recording proxy in front of the backend: the browser tests read from it every request the extension
 * sent (method, path, body), so they can say which requests something caused, and that nothing else was asked.
 */
export async function startRequestLog(backendUrl: string): Promise<RequestLog> {
  const target = new URL(backendUrl);
  const requests: LoggedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const entry: LoggedRequest = {
        at: Date.now(),
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        body: body.toString('utf8'),
        authorized: /^Bearer \S/.test(req.headers.authorization ?? ''),
        status: null,
      };
      requests.push(entry);
      const upstream = request(
        new URL(entry.path, target),
        { method: entry.method, headers: { ...req.headers, host: target.host } },
        (answer) => {
          entry.status = answer.statusCode ?? null;
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.writeHead(502).end());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
