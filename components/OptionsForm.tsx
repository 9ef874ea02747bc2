import { useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import type { MessageInput, MessageOutput } from '../lib/contract/messages.ts';
import './options.css';

export type SaveResult = MessageOutput<'settings:save'>;
export type SavedSettings = MessageOutput<'settings:get'>;

export interface OptionsFormProps {
  settings: SavedSettings;
  saving: boolean;
  result: SaveResult | { ok: false; message: string } | null;
  onSave: (settings: MessageInput<'settings:save'>) => void;
  onSignOut: () => void;
  /** More settings below the connection's (the connection test, the sidebar's hosts and side). */
  children?: ReactNode;
}

const LOCKED_HINT = 'Set by your organisation';

/**
 * Backend URL and token; saving tests the connection and shows who the token belongs to. A value set by
 * enterprise policy shows as locked: it is read-only here and the policy wins.
 */
export function OptionsForm({ settings, saving, result, onSave, onSignOut, children }: OptionsFormProps) {
  const { backendUrl, hasToken, locked } = settings;
  const [url, setUrl] = useState(backendUrl);
  const [token, setToken] = useState('');
  const urlId = useId();
  const tokenId = useId();
  const lockedId = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    onSave({ backendUrl: locked.backendUrl ? backendUrl : url.trim(), token: locked.token ? undefined : token.trim() || undefined });
  }

  return (
    <main className="options">
      <h1>Sidelight</h1>
      <form className="options__form" onSubmit={submit}>
        <label htmlFor={urlId}>Backend URL</label>
        <input
          id={urlId}
          type="url"
          required
          value={locked.backendUrl ? backendUrl : url}
          readOnly={locked.backendUrl}
          aria-describedby={locked.backendUrl ? lockedId : undefined}
          data-locked={locked.backendUrl || undefined}
          onChange={(e) => setUrl(e.target.value)}
        />
        <label htmlFor={tokenId}>Token</label>
        <input
          id={tokenId}
          type="password"
          autoComplete="off"
          readOnly={locked.token}
          aria-describedby={locked.token ? lockedId : undefined}
          data-locked={locked.token || undefined}
          placeholder={
            locked.token ? LOCKED_HINT : hasToken ? 'Saved (leave empty to keep it)' : 'Paste the token from your backend'
          }
          value={locked.token ? '' : token}
          onChange={(e) => setToken(e.target.value)}
        />
        {(locked.backendUrl || locked.token) && (
          <p id={lockedId} className="options__locked" data-testid="options-locked">
            🔒 {LOCKED_HINT}: {[locked.backendUrl && 'the backend URL', locked.token && 'the token'].filter(Boolean).join(' and ')}{' '}
            {locked.backendUrl && locked.token ? 'are' : 'is'} managed by policy and cannot be changed here.
          </p>
        )}
        <div className="options__actions">
          <button type="submit" className="button" disabled={saving}>
            Save
          </button>
          {hasToken && !locked.token && (
            <button type="button" className="button button--quiet" onClick={onSignOut} disabled={saving}>
              Sign out
            </button>
          )}
        </div>
      </form>
      <SaveOutcome saving={saving} result={result} />
      {children}
    </main>
  );
}

function SaveOutcome({ saving, result }: Pick<OptionsFormProps, 'saving' | 'result'>) {
  if (saving) return <p role="status">Testing the connection…</p>;
  if (!result) return null;
  if (result.ok) {
    return (
      <p role="status" className="options__ok" data-testid="connection-result">
        Connected as <strong>{result.name}</strong>, role <strong data-testid="connection-role">{result.role}</strong>.
      </p>
    );
  }
  return (
    <p role="alert" className="options__error" data-testid="connection-result">
      {result.message}
    </p>
  );
}
