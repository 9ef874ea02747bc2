import type { Flag } from '../lib/contract/identity.ts';
import type { Match } from '../lib/contract/lookup.ts';
import type { OutboxItem } from '../lib/contract/outbox.ts';

/**
 * Which flags a matches card shows, from two sources: the outbox (what this browser asked, sent or not)
 * and the context (`flags`: what the backend has in force). Once the context was fetched after a flag
 * was sent, the context is the truth and the outbox entry steps aside.
 */

const after = (item: OutboxItem, fetchedAt: number) => (item.settledAt ?? 0) > fetchedAt;

/** The latest undo of a server flag made here (not cancelled). */
export function undoOf(items: readonly OutboxItem[], flagId: string | null): OutboxItem | null {
  if (flagId === null) return null;
  return items.findLast((item) => item.kind === 'undo' && !item.held && item.flagId === flagId && item.state !== 'cancelled') ?? null;
}

/** The outbox flag a match row shows: the latest made for this record in this entity, unless superseded. */
export function rowFlagOf(items: readonly OutboxItem[], match: Match, fetchedAt: number): OutboxItem | null {
  const latest = items.findLast(
    (item) =>
      item.kind === 'flag' &&
      !item.held &&
      item.state !== 'cancelled' &&
      item.flag?.record.source === match.source &&
      item.flag.record.sourceId === match.sourceId &&
      item.flag.entity.id === match.entity.id,
  );
  if (!latest) return null;
  if (latest.state === 'sent' && (!after(latest, fetchedAt) || undoOf(items, latest.flagId)?.state === 'sent')) return null;
  return latest;
}

export interface FlagInForce {
  flag: Flag;
  undo: OutboxItem | null;
}

/**
 * The flags in force on an entity: the context's, plus those sent from here whose record is not among the
 * entity's matches (so no row shows them, and Undo stays at hand even where the backend's context does
 * not list its flags). A flag undone here leaves once a context fetched after the undo is shown.
 */
export function flagsInForce(
  contextFlags: readonly Flag[],
  items: readonly OutboxItem[],
  entityId: string,
  matches: readonly Match[],
  fetchedAt: number,
): FlagInForce[] {
  const flags = new Map<string, Flag>();
  for (const flag of contextFlags) {
    if (flag.entity.id === entityId && flag.status === 'applied') flags.set(flag.id, flag);
  }
  const inMatches = (flag: Flag) => matches.some((m) => m.source === flag.record.source && m.sourceId === flag.record.sourceId);
  for (const item of items) {
    const flag = item.result;
    if (item.kind !== 'flag' || item.held || item.state !== 'sent' || !flag) continue;
    if (flag.entity.id !== entityId || flag.status !== 'applied' || inMatches(flag) || flags.has(flag.id)) continue;
    const undo = undoOf(items, flag.id);
    if (undo?.state === 'sent' && !after(undo, fetchedAt)) continue;
    flags.set(flag.id, flag);
  }
  return [...flags.values()].map((flag) => ({ flag, undo: undoOf(items, flag.id) }));
}

export type Tone = 'pending' | 'sent' | 'failed';

export interface FlagStatusView {
  tone: Tone;
  /** "Flagged — pending", "Undo failed"... */
  label: string;
  detail: string | null;
  /** The failed entry a Retry button sends again. */
  retryId: string | null;
  /** A failed undo the user may let go (the flag then stays in force). */
  dismissId: string | null;
  /** Whether Undo is offered (not once an undo is on its way). */
  undoable: boolean;
}

/** How a flag made here reads on its row, with its undo when there is one. */
export function describeFlag(flag: OutboxItem, undo: OutboxItem | null): FlagStatusView {
  if (undo) return describeUndo(undo);
  switch (flag.state) {
    case 'pending':
      return {
        tone: 'pending',
        label: flag.undoRequested ? 'Flagged — pending, undone once it arrives' : 'Flagged — pending',
        detail: flag.lastError && `Retrying: ${flag.lastError}`,
        retryId: null,
        dismissId: null,
        undoable: !flag.undoRequested,
      };
    case 'failed':
      return { tone: 'failed', label: 'Flagged — failed', detail: flag.lastError, retryId: flag.id, dismissId: null, undoable: true };
    default:
      return { tone: 'sent', label: 'Flagged — sent', detail: null, retryId: null, dismissId: null, undoable: true };
  }
}

/** How an undo reads: on its way, done, or failed (with Retry). */
export function describeUndo(undo: OutboxItem): FlagStatusView {
  switch (undo.state) {
    case 'failed':
      return { tone: 'failed', label: 'Undo failed', detail: undo.lastError, retryId: undo.id, dismissId: undo.id, undoable: false };
    case 'sent':
      return { tone: 'sent', label: 'Undone', detail: null, retryId: null, dismissId: null, undoable: false };
    default:
      return {
        tone: 'pending',
        label: 'Undo pending',
        detail: undo.lastError && `Retrying: ${undo.lastError}`,
        retryId: null,
        dismissId: null,
        undoable: false,
      };
  }
}
