import { readFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { intercomApi } from './replica-intercom.ts';
import type { ReplicaConversation } from './replica-intercom.ts';
import { salesforceApi } from './replica-salesforce.ts';
import type { ReplicaRecord } from './replica-salesforce.ts';
import type { Certificate } from './tls.ts';

export type { ReplicaConversation } from './replica-intercom.ts';
export type { ReplicaField, ReplicaRecord } from './replica-salesforce.ts';

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

/** The data of the replica Intercom and Lightning apps, beside Zendesk's tickets. */
export interface ReplicaApps {
  intercom?: readonly ReplicaConversation[];
  salesforce?: readonly ReplicaRecord[];
}

const REPLICAS_DIR = new URL('../replicas/', import.meta.url);
/** Each app's page (served for every route of the app: they are single-page apps) and its assets. */
const APPS = {
  zendesk: { page: 'zendesk/agent.html', routes: /^\/agent\// },
  intercom: { page: 'intercom/app.html', routes: /^\/a\// },
  salesforce: { page: 'salesforce/one.html', routes: /^\/lightning\// },
} as const;
const ASSET = /^\/replica\/(zendesk|intercom|salesforce)\/([a-z-]+\.(js|css))$/;
const ASSET_TYPES: Record<string, string> = { js: 'text/javascript', css: 'text/css' };

/** Which replica a request is for, by the host name the browser asked for (all map to this server). */
function appOf(req: IncomingMessage): keyof typeof APPS {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  if (host.endsWith('.intercom.com')) return 'intercom';
  if (host.endsWith('.force.com') || host.endsWith('.salesforce.com')) return 'salesforce';
  return 'zendesk';
}

/**
 * Serves the replica host apps over https on a random loopback port: Zendesk's agent workspace on
 * `*.zendesk.com`, Intercom's Inbox on `app(.eu|.au).intercom.com`, Lightning on `*.force.com` and `*.salesforce.com`.
 */
export async function startReplicaServer(
  certificate: Certificate,
  tickets: ReplicaTicket[],
  apps: ReplicaApps = {},
): Promise<ReplicaServer> {
  const byId = new Map(tickets.map((ticket) => [String(ticket.id), ticket]));

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const { pathname } = new URL(req.url ?? '/', 'https://replica.invalid');
    const send = (status: number, type: string, body: string | Buffer) =>
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body);

    const app = APPS[appOf(req)];
    if (app.routes.test(pathname)) {
      return send(200, 'text/html; charset=utf-8', await readFile(new URL(app.page, REPLICAS_DIR)));
    }
    const asset = ASSET.exec(pathname);
    if (asset) return send(200, ASSET_TYPES[asset[3]!]!, await readFile(new URL(`${asset[1]}/${asset[2]}`, REPLICAS_DIR)));
    const api = intercomApi(pathname, apps.intercom ?? []) ?? salesforceApi(pathname, apps.salesforce ?? []);
    if (api) return send(api.status, api.type, api.body);
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
