import { useId, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import type { EntityKind } from '../lib/contract/identity.ts';
import type { FlagStatusView } from './flag-state.ts';

const FLAG_LABELS: Record<EntityKind, string> = { person: 'Not the same person', account: 'Not this account' };
const NOTE_MAX = 2000;

/**
 * "Not the same person" / "Not this account": opens a small form for an optional note, right in the row.
 * Escape or Cancel closes it and gives focus back to the button.
 */
export function FlagButton({ kind, recordLabel, onFlag }: { kind: EntityKind; recordLabel: string; onFlag: (note: string | undefined) => void }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const toggle = useRef<HTMLButtonElement>(null);
  const formId = useId();
  const noteId = useId();

  const close = () => {
    setOpen(false);
    setNote('');
    toggle.current?.focus();
  };
  function submit(event: FormEvent) {
    event.preventDefault();
    onFlag(note.trim() || undefined);
    setOpen(false);
  }
  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    close();
  }

  return (
    <div className="flag">
      <button
        ref={toggle}
        type="button"
        className="flag__toggle"
        aria-expanded={open}
        aria-controls={open ? formId : undefined}
        aria-label={`${FLAG_LABELS[kind]}: flag ${recordLabel}`}
        data-testid="flag-toggle"
        onClick={() => (open ? close() : setOpen(true))}
      >
        {FLAG_LABELS[kind]}
      </button>
      {open && (
        <form id={formId} className="flag-form" aria-label={`Flag ${recordLabel}`} onSubmit={submit} onKeyDown={onKeyDown} data-testid="flag-form">
          <label htmlFor={noteId}>Note (optional)</label>
          <textarea id={noteId} rows={2} maxLength={NOTE_MAX} autoFocus value={note} onChange={(e) => setNote(e.target.value)} />
          <div className="flag-form__actions">
            <button type="submit" className="button">
              Flag
            </button>
            <button type="button" className="button button--quiet" onClick={close}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

export interface FlagStatusProps {
  view: FlagStatusView;
  onUndo: () => void;
  onRetry: (id: string) => void;
  onDismiss: (id: string) => void;
}

/** Where a flag made here stands: pending, sent or failed, with Undo (and Retry once it failed). */
export function FlagStatus({ view, onUndo, onRetry, onDismiss }: FlagStatusProps) {
  const { tone, label, detail, retryId, dismissId, undoable } = view;
  return (
    <div className={`flag-status flag-status--${tone}`} role="status" data-testid="flag-status" data-tone={tone}>
      <p className="flag-status__label">{label}</p>
      {detail && <p className="flag-status__detail">{detail}</p>}
      <div className="flag-status__actions">
        {retryId && (
          <button type="button" className="button button--small" onClick={() => onRetry(retryId)}>
            Retry
          </button>
        )}
        {dismissId && (
          <button type="button" className="button button--small button--quiet" onClick={() => onDismiss(dismissId)}>
            Dismiss
          </button>
        )}
        {undoable && (
          <button type="button" className="button button--small button--quiet" onClick={onUndo}>
            Undo
          </button>
        )}
      </div>
    </div>
  );
}
