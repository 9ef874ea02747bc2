import type { MessageOutput } from '../lib/contract/messages.ts';

export type ConnectionTestResult = MessageOutput<'connection:test'>;

export interface ConnectionTestProps {
  testing: boolean;
  result: ConnectionTestResult | null;
  onTest: () => void;
}

/** Asks the backend now, with the settings in effect (saved or set by policy): who we are and which version answers. */
export function ConnectionTest({ testing, result, onTest }: ConnectionTestProps) {
  return (
    <section className="options__section" aria-labelledby="sidelight-test-title">
      <h2 id="sidelight-test-title">Connection</h2>
      <button type="button" className="button button--quiet" onClick={onTest} disabled={testing} aria-busy={testing}>
        {testing ? 'Testing…' : 'Test connection'}
      </button>
      {!testing && result?.ok === true && (
        <p role="status" className="options__ok" data-testid="test-result">
          Connected as <strong>{result.name}</strong>, role <strong data-testid="test-role">{result.role}</strong>; backend version{' '}
          <strong data-testid="test-version">{result.version}</strong>.
        </p>
      )}
      {!testing && result?.ok === false && (
        <p role="alert" className="options__error" data-testid="test-result">
          {result.message}
        </p>
      )}
    </section>
  );
}
