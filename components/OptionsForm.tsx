import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { MessageInput, MessageOutput } from '../lib/contract/messages.ts';
import './options.css';

export type SaveResult = MessageOutput<'settings:save'>;

export interface OptionsFormProps {
  backendUrl: string;
  hasToken: boolean;
  saving: boolean;
  result: SaveResult | { ok: false; message: string } | null;
  onSave: (settings: MessageInput<'settings:save'>) => void;
}

/** Backend URL and token; saving tests the connection and shows who the token belongs to. */
export function OptionsForm({ backendUrl, hasToken, saving, result, onSave }: OptionsFormProps) {
  const [url, setUrl] = useState(backendUrl);
  const [token, setToken] = useState('');
  const urlId = useId();
  const tokenId = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    onSave({ backendUrl: url.trim(), token: token.trim() || undefined });
  }

  return (
    <main className="options">
      <h1>Sidelight</h1>
      <form className="options__form" onSubmit={submit}>
        <label htmlFor={urlId}>Backend URL</label>
        <input id={urlId} type="url" required value={url} onChange={(e) => setUrl(e.target.value)} />
        <label htmlFor={tokenId}>Token</label>
        <input
          id={tokenId}
          type="password"
          autoComplete="off"
          placeholder={hasToken ? 'Saved (leave empty to keep it)' : 'Paste the token from your backend'}
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <div>
          <button type="submit" className="button" disabled={saving}>
            Save
          </button>
        </div>
      </form>
      <SaveOutcome saving={saving} result={result} />
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
