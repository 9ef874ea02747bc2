import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy between the extension and the backend that can hold the next flag request, to stop the
 * extension's worker at a known point of a send:
 * - `in-flight`: the request has left the worker and never reaches the backend;
 * - `answer-lost`: the backend has stored the flag and answered, and the answer never reaches the worker.
 * Everything else (CORS preflights, other routes, later flags) passes through.
 */
export type HoldMode = 'in-flight' | 'answer-lost';

export interface Hold {
  /** The request arrived (`in-flight`) or the backend answered it (`answer-lost`, with its status). */
  held: Promise<number | null>;
  /** The worker's side of the held request went away (its fetch was cancelled). */
  dropped: Promise<void>;
}

export interface HoldingProxy {
  url: string;
  /** Flag requests that reached the backend through the proxy, and their statuses. */
  readonly forwarded: number[];
  holdNext: (mode: HoldMode) => Hold;
  close: () => Promise<void>;
}

const isFlagPost = (req: IncomingMessage) => req.method === 'POST' && req.url === '/v1/flags';

export async function startHoldingProxy(backendUrl: string): Promise<HoldingProxy> {
  const backend = new URL(backendUrl);
  const forwarded: number[] = [];
  let next: { mode: HoldMode; held: (status: number | null) => void; dropped: () => void } | null = null;

  const forward = (req: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
      const upstream = httpRequest(
        { host: backend.hostname, port: backend.port, method: req.method, path: req.url, headers: { ...req.headers, host: backend.host, connection: 'close' } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
          response.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const hold = isFlagPost(req) ? next : null;
    if (hold) next = null;
    if (hold) res.once('close', () => hold.dropped());
    if (hold?.mode === 'in-flight') {
      hold.held(null);
      return; // never answered: the worker's fetch waits until it is cancelled
    }
    let answer;
    try {
      answer = await forward(req, body);
    } catch {
      res.destroy();
      return;
    }
    if (isFlagPost(req)) forwarded.push(answer.status);
    if (hold) {
      hold.held(answer.status);
      return;
    }
    const { connection: _connection, 'transfer-encoding': _encoding, ...headers } = answer.headers;
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  };

  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded,
    holdNext(mode) {
      let held!: (status: number | null) => void;
      let dropped!: () => void;
      const hold: Hold = {
        held: new Promise((resolve) => (held = resolve)),
        dropped: new Promise((resolve) => (dropped = () => resolve())),
      };
      next = { mode, held, dropped };
      return hold;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
