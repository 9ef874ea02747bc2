import { Role } from '../../lib/contract/index.ts';
import { createToken, defaultExpiry, listTokens, revokeToken } from '../auth/tokens.ts';
import { callServer, cliConfig, runningServer, withStore, type CliEnv } from './environment.ts';

/** `sidelight token create`: the new token is the LAST line of stdout, so scripts can take it with tail -1. */
export async function tokenCreate(env: CliEnv, options: { role: string; name: string; expiresDays?: string }): Promise<void> {
  const role = Role.parse(options.role);
  const expiresAt = options.expiresDays ? new Date(Date.now() + Number(options.expiresDays) * 86_400_000) : null;
  const server = runningServer(env);
  // Through the server, the server applies the configured maximum age; without one, this process does.
  const created = server
    ? await callServer<{ token: string; info: { expiresAt: string | null } }>(server, 'POST', '/v1/tokens', {
        name: options.name,
        role,
        ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
      }).then(({ token, info }) => ({ token, expiresAt: info.expiresAt }))
    : await withStore(env, async (store) => {
        const { token, info } = await createToken(store.db, { name: options.name, role, expiresAt: expiresAt ?? defaultExpiry(await cliConfig(env)) });
        return { token, expiresAt: info.expiresAt?.toISOString() ?? null };
      });
  const token = created.token;
  console.log(`token for ${options.name} (${role})${created.expiresAt ? `, expires ${created.expiresAt}` : ''}; shown once:`);
  console.log(token);
}

export async function tokenRevoke(env: CliEnv, idOrName: string): Promise<void> {
  const server = runningServer(env);
  const revoked = server
    ? (await callServer<{ revoked: number }>(server, 'POST', `/v1/tokens/${encodeURIComponent(idOrName)}/revoke`)).revoked
    : await withStore(env, (store) => revokeToken(store.db, idOrName));
  if (revoked === 0) throw new Error(`no active token with id or name "${idOrName}"`);
  console.log(`revoked ${revoked} token(s)`);
}

export async function tokenList(env: CliEnv): Promise<void> {
  const server = runningServer(env);
  type Row = { id: string; name: string; role: string; createdAt: string | Date; revokedAt: string | Date | null };
  const tokens: Row[] = server ? (await callServer<{ tokens: Row[] }>(server, 'GET', '/v1/tokens')).tokens : await withStore(env, (store) => listTokens(store.db));
  for (const t of tokens) {
    console.log(`${t.id}  ${t.name.padEnd(24)} ${t.role.padEnd(14)} ${t.revokedAt ? 'revoked' : 'active'}`);
  }
}
