// A self-signed certificate for --https, made with the system's openssl (no
// network, no npm package). Kept in <data>/tls so a person who trusted it once
// keeps it across restarts; made again when missing, unreadable or expiring.
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PortalCertificate {
  certPath: string;
  keyPath: string;
  cert: Buffer;
  key: Buffer;
  /** SHA-256 fingerprint, colon-separated hex, as browsers show it. */
  fingerprint256: string;
  /** base64 SHA-256 of the public key (SPKI), what Chromium's --ignore-certificate-errors-spki-list takes. */
  spki256: string;
  validTo: Date;
}

const SAN = 'IP:127.0.0.1,IP:::1,DNS:localhost';
const MIN_LEFT_MS = 86400_000;

function read(certPath: string, keyPath: string): PortalCertificate | undefined {
  if (!existsSync(certPath) || !existsSync(keyPath)) return undefined;
  try {
    const cert = readFileSync(certPath);
    const x509 = new X509Certificate(cert);
    const validTo = new Date(x509.validTo);
    if (validTo.getTime() - Date.now() < MIN_LEFT_MS || !x509.checkIP('127.0.0.1')) return undefined;
    const spki256 = createHash('sha256').update(x509.publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
    return { certPath, keyPath, cert, key: readFileSync(keyPath), fingerprint256: x509.fingerprint256, spki256, validTo };
  } catch {
    return undefined;
  }
}

export function portalCertificate(dir: string): PortalCertificate {
  const certPath = join(dir, 'portal-cert.pem');
  const keyPath = join(dir, 'portal-key.pem');
  const kept = read(certPath, keyPath);
  if (kept) return kept;
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', keyPath, '-out', certPath, '-days', '30',
        '-subj', '/CN=DocSpace local portal',
        '-addext', `subjectAltName=${SAN}`,
        '-addext', 'basicConstraints=critical,CA:FALSE',
        '-addext', 'extendedKeyUsage=serverAuth',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: Buffer };
    const why = err.code === 'ENOENT' ? 'openssl is not installed (sudo apt-get install -y openssl)' : String(err.stderr ?? err.message).trim();
    throw new Error(`Could not make the HTTPS certificate: ${why}`, { cause: e });
  }
  const made = read(certPath, keyPath);
  if (!made) throw new Error(`openssl wrote no usable certificate to ${certPath}`);
  return made;
}

/** What a person reads to trust the certificate (printed by the CLI and npm start). */
export function trustHint(c: PortalCertificate): string {
  return [
    `HTTPS certificate (self-signed, for 127.0.0.1, ::1 and localhost): ${c.certPath}`,
    `  SHA-256 ${c.fingerprint256}, valid until ${c.validTo.toISOString().slice(0, 10)}`,
    '  Trust it: Chromium: certutil -d sql:$HOME/.pki/nssdb -A -t "P,," -n docspace-local-portal -i ' + c.certPath,
    // Chromium honours the SPKI list only together with --user-data-dir.
    `            (package libnss3-tools), or start it with --user-data-dir=<a profile folder> --ignore-certificate-errors-spki-list=${c.spki256} (this key only);`,
    '            Firefox: open the portal address, "Advanced…" → "Accept the Risk and Continue" (compare the fingerprint).',
  ].join('\n');
}
