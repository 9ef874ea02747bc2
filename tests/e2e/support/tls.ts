import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Certificate {
  key: string;
  cert: string;
}

/**
 * A throwaway self-signed certificate for the replica hosts. intercom.com, force.com and salesforce.com
 * are HSTS-preloaded, so Chromium refuses them over plain http; it runs with --ignore-certificate-errors.
 */
export function createSelfSignedCertificate(dir: string): Certificate {
  const keyPath = join(dir, 'replica-key.pem');
  const certPath = join(dir, 'replica-cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=zendesk.com', '-days', '1', '-keyout', keyPath, '-out', certPath],
    { stdio: 'pipe' },
  );
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
}
