import { createContext } from 'react';
import type { FlagRequest } from '../lib/contract/identity.ts';
import type { OutboxItem, UndoTarget } from '../lib/contract/outbox.ts';

/**
 * What the matches card can do about flags, provided by the page that knows the transport (the sidebar
 * asks the background). Without a provider the card shows its matches without flag controls.
 */
export interface FlagActions {
  /** The outbox under the settings in effect, oldest first. */
  items: readonly OutboxItem[];
  flag: (request: FlagRequest) => void;
  undo: (target: UndoTarget) => void;
  retry: (id: string) => void;
  dismiss: (id: string) => void;
  /** Why the last action was refused (e.g. signed out), until the next one. */
  error: string | null;
}

export const FlagActionsContext = createContext<FlagActions | null>(null);
