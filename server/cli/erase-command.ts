import os from 'node:os';
import type { ErasureResult } from '../../lib/contract/index.ts';
import { erasePerson } from '../erasure/erase-person.ts';
import { callServer, cliConfig, runningServer, withStore, type CliEnv } from './environment.ts';

export interface EraseOptions {
  email?: string;
  person?: string;
  dryRun?: boolean;
  json?: boolean;
}

/**
 * `sidelight erase --email X` (or `--person per_…`): a GDPR erasure. Through the running server with the
 * local admin token, else on the store directly; `--dry-run` lists what would go and changes nothing.
 */
export async function eraseCommand(env: CliEnv, options: EraseOptions): Promise<void> {
  if ((options.email === undefined) === (options.person === undefined)) throw new Error('name exactly one of --email and --person');
  const request = { ...(options.email !== undefined ? { email: options.email } : { personId: options.person! }), ...(options.dryRun ? { dryRun: true } : {}) };
  const server = runningServer(env);
  const result: ErasureResult = server
    ? await callServer<ErasureResult>(server, 'POST', '/v1/erasures', request)
    : await withStore(env, async (store) => {
        const subject = 'email' in request ? { email: request.email } : { personId: request.personId };
        const outcome = await erasePerson(store.db, await cliConfig(env), subject, { name: `cli:${os.userInfo().username}` }, { dryRun: options.dryRun ?? false });
        if (!outcome.ok) throw new Error(outcome.detail);
        const { ok: _ok, ...rest } = outcome;
        return rest;
      });
  if (options.json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  console.log(describeErasure(result));
}

export function describeErasure(result: ErasureResult): string {
  const lines = result.records.map((r) => `  ${r.source.padEnd(12)} ${r.model.padEnd(24)} ${r.sourceId}`);
  const maybe = result.possibleMatches.length
    ? [
        'possibly the same person, not erased (an open review item pairs them with these records); check them, and if so erase them too (--person ID):',
        ...result.possibleMatches.map((m) => `  ${m.source.padEnd(12)} ${m.label.padEnd(24)} ${m.sourceId}  ${m.entityId ?? '(no entity)'}  (review ${m.reviewItemId})`),
      ]
    : [];
  if (result.dryRun) {
    return [
      result.found ? `would erase ${result.people.length} person entit${result.people.length === 1 ? 'y' : 'ies'} (${result.people.join(', ')}) and these records:` : 'nothing of this person is in the store',
      ...lines,
      ...maybe,
      'run again without --dry-run to erase',
    ].join('\n');
  }
  const counts = Object.entries(result.counts ?? {})
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`);
  return [
    result.found
      ? `erasure ${result.id}: ${result.people.length} person entit${result.people.length === 1 ? 'y' : 'ies'}, ${result.records.length} record(s) erased in ${result.durationMs} ms`
      : `erasure ${result.id}: nothing of this person was in the store; the address is remembered so no sync brings it in`,
    ...lines,
    ...(counts.length ? [`  ${counts.join(', ')}`] : []),
    ...maybe,
  ].join('\n');
}
