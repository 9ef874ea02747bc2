import { describe, expect, it } from 'vitest';
import type { Identifier } from '../../lib/contract/index.ts';
import { decideResolution } from '../../server/lookup/resolve-identifiers.ts';

const TICKET: Identifier = { type: 'zendesk_ticket_id', value: '168' };
const EMAIL: Identifier = { type: 'email', value: 'ops@pioneer.de' };
const hit = (id: Identifier, person: string | null, account: string | null) => ({ ...id, person, account });
const noAccounts = () => [];

describe('deciding who the identifiers name', () => {
  it.each([
    ['nothing found', [], { status: 'none' }],
    ['one person and one account', [hit(TICKET, 'per_sam', 'acc_pioneer')], { status: 'matched', personId: 'per_sam', accountId: 'acc_pioneer' }],
    [
      // A flagged wrong merge leaves the team alias on two people; the ticket's requester still decides.
      'a record id over a shared email',
      [hit(TICKET, 'per_sam', 'acc_pioneer'), hit(EMAIL, 'per_sam', null), hit(EMAIL, 'per_dana', 'acc_pioneer')],
      { status: 'matched', personId: 'per_sam', accountId: 'acc_pioneer' },
    ],
    [
      'the email when the record id names no person',
      [hit(TICKET, null, 'acc_pioneer'), hit(EMAIL, 'per_sam', null)],
      { status: 'matched', personId: 'per_sam', accountId: 'acc_pioneer' },
    ],
    [
      'a shared email alone names two people',
      [hit(EMAIL, 'per_sam', null), hit(EMAIL, 'per_dana', null)],
      { status: 'ambiguous', personId: null, candidatePersonIds: ['per_sam', 'per_dana'] },
    ],
  ] as const)('%s', (_name, hits, expected) => {
    expect(decideResolution([TICKET, EMAIL], hits, noAccounts)).toMatchObject(expected);
  });

  it("matches a person alone with their only account, and is ambiguous between several", () => {
    const only = decideResolution([EMAIL], [hit(EMAIL, 'per_jo', null)], () => ['acc_a']);
    expect(only).toMatchObject({ status: 'matched', personId: 'per_jo', accountId: 'acc_a' });
    const two = decideResolution([EMAIL], [hit(EMAIL, 'per_jo', null)], () => ['acc_a', 'acc_b']);
    expect(two).toMatchObject({ status: 'ambiguous', personId: 'per_jo', candidateAccountIds: ['acc_a', 'acc_b'] });
    expect(two.resolvedFrom).toEqual([EMAIL]);
  });
});
