import type { ModelConfig } from '../config/schema.ts';
import type { ErasureMatcher } from './erasure-matcher.ts';
import { isActivityKind, PERSON_FIELD, redactActivity, scrubEmails } from './redact-row.ts';

type Row = Record<string, unknown>;

/**
 * A row that passed its contract, as the store may keep it after the erasures: null for a record of an
 * erased person (a contact, a user, a requester), their activity without them (`redactActivity`), and
 * any other row with erased addresses in its text replaced and no shared-id link to an erased record.
 */
export function screenGoodRow(m: ErasureMatcher, model: ModelConfig, raw: Row, parsed: Row): { raw: Row; parsed: Row; redacted: boolean } | null {
  const isErased = (email: string) => m.isEmail(email);
  if (model.kind === 'users') {
    if (m.isRecord(model.source, parsed.id) || m.isEmail(parsed.email)) return null;
  } else if (isActivityKind(model.kind)) {
    const person = parsed[PERSON_FIELD[model.kind]!];
    if (m.isRecord(model.source, person) || m.isEmail(parsed.requester_email)) {
      const tombstone = person === null || person === undefined ? null : m.keys.tombstone(model.source, String(person));
      const redacted = scrubEmails(redactActivity(model.kind, parsed, tombstone), isErased);
      return { raw: redacted, parsed: redacted, redacted: true };
    }
  }
  let kept = scrubEmails(raw, isErased);
  for (const { column, source } of model.sameAs) {
    if (m.isRecord(source, kept[column])) kept = { ...kept, [column]: null };
  }
  return { raw: kept, parsed: scrubEmails(parsed, isErased), redacted: false };
}

/** A row bound for the quarantine that names an erased person (their id in its id or person column, their address anywhere). */
export function namesErasedPerson(m: ErasureMatcher, model: ModelConfig, raw: Row): boolean {
  const field = model.kind === 'users' ? 'id' : PERSON_FIELD[model.kind];
  if (field !== undefined && m.isRecord(model.source, raw[field])) return true;
  return scrubEmails(raw, (email) => m.isEmail(email)) !== raw;
}
