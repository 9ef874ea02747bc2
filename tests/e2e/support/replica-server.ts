import { readFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Certificate } from './tls.ts';

/** A ticket as the replica's API serves it (fields after Zendesk's ticket, user and organization). */
export interface ReplicaTicket {
  id: number;
  subject: string;
  description: string;
  requester: { name: string; email: string };
  organization: { name: string } | null;
}

export interface ReplicaServer {
  port: number;
  close: () => Promise<void>;
}

const ZENDESK_DIR = new URL('../replicas/zendesk/', import.meta.url);
const ASSETS: Record<string, string> = {
  '/replica/zendesk/agent.js': 'text/javascript',
  '/replica/zendesk/agent.css': 'text/css',
};

/** Serves the replica Zendesk agent workspace over https on a random loopback port. */
export async function startReplicaServer(certificate: Certificate, tickets: ReplicaTicket[]): Promise<ReplicaServer> {
  const byId = new Map(tickets.map((ticket) => [String(ticket.id), ticket]));

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const { pathname } = new URL(req.url ?? '/', 'https://replica.invalid');
    const send = (status: number, type: string, body: string | Buffer) =>
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);

    if (pathname.startsWith('/agent/')) {
      return send(200, 'text/html; charset=utf-8', await readFile(new URL('agent.html', ZENDESK_DIR)));
    }
    const assetType = ASSETS[pathname];
    if (assetType) return send(200, assetType, await readFile(new URL(pathname.split('/').pop()!, ZENDESK_DIR)));
    if (pathname === '/api/v2/tickets.json') {
      return send(200, 'application/json', JSON.stringify({ tickets: tickets.map(({ id, subject }) => ({ id, subject })) }));
    }
    const ticketId = /^\/api\/v2\/tickets\/(\d+)\.json$/.exec(pathname)?.[1];
    const ticket = ticketId && byId.get(ticketId);
    if (ticket) {
      const { requester, organization, ...rest } = ticket;
      return send(200, 'application/json', JSON.stringify({ ticket: rest, requester, organization }));
    }
    if (pathname === '/favicon.ico') return res.writeHead(204).end();
    send(404, 'text/plain', 'Not found');
  }

  const server = createServer(certificate, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
