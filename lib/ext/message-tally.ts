/** What the router did with a message: answered it, refused it (unknown, wrong sender, bad input), or failed. */
export type MessageOutcome = 'served' | 'refused' | 'failed';

export type MessageTally = Record<MessageOutcome, Record<string, number>>;

const counts: Record<MessageOutcome, Map<string, number>> = { served: new Map(), refused: new Map(), failed: new Map() };

/**
 * Counts one routed message under its outcome and a key the router chooses (message name, sender kind,
 * reason), never text a sender made up. Memory only, since the worker started: a log says what was
 * served, a tally also says that nothing else was.
 */
export function countMessage(outcome: MessageOutcome, key: string): void {
  counts[outcome].set(key, (counts[outcome].get(key) ?? 0) + 1);
}

/** The counts so far, as plain data (read from the worker's DevTools console, or by a test). */
export function readMessageTally(): MessageTally {
  const plain = (map: Map<string, number>) => Object.fromEntries(map);
  return { served: plain(counts.served), refused: plain(counts.refused), failed: plain(counts.failed) };
}
