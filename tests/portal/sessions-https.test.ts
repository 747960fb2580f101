// The sessions a real portal issues (issue #10): HTTPS with a self-made certificate,
// web:samesite, 3.8's Partitioned cookie, logout and the tenant's Origin parsing.
import { spawn } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import { X509Certificate } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { B, EMAILS, PASSWORD, request, startTestPortal, tempDir, type TestPortal } from './helpers';
import { authSetCookie, decodeToken, escapeDataString, type CookiePolicy } from './lib/session-cookie';
import { startPortal, type RunningPortal } from './server';

const dirs: string[] = [];
const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers) await close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Answer {
  status: number;
  setCookie: string[];
  json: { response?: { token?: string; expires?: string }; error?: { message: string; type: string } } | undefined;
}

/** A request to an HTTPS portal that trusts exactly its certificate. */
function call(portal: RunningPortal, path: string, opts: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const url = new URL(path, portal.url);
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      {
        method: opts.method ?? (body ? 'POST' : 'GET'),
        ca: portal.certificate?.cert,
        headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...opts.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, setCookie: res.headers['set-cookie'] ?? [], json: text ? JSON.parse(text) : undefined }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function httpsPortal(policy: CookiePolicy & { dataDir?: string } = {}): Promise<RunningPortal> {
  const dataDir = policy.dataDir ?? tempDir();
  dirs.push(dataDir);
  const portal = await startPortal({ port: 0, dataDir, https: true, sameSite: policy.sameSite, partitioned: policy.partitioned, tickMs: 3_600_000 });
  closers.push(() => portal.close());
  return portal;
}

const signIn = (portal: RunningPortal, user = EMAILS.owner) => call(portal, '/api/2.0/authentication', { body: { userName: user, password: PASSWORD } });

describe('--https', () => {
  it('serves TLS on 127.0.0.1 with a self-signed certificate for the loopback names, kept across restarts', async () => {
    const dataDir = tempDir();
    const first = await httpsPortal({ dataDir });
    expect(first.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const cert = new X509Certificate(first.certificate!.cert);
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkIP('::1')).toBe('::1');
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(first.certificate!.certPath).toBe(join(dataDir, 'tls', 'portal-cert.pem'));
    // Verified against the certificate alone: no --insecure anywhere.
    expect((await call(first, '/api/2.0/authentication')).json?.response).toBe(false);
    await first.close();
    const again = await httpsPortal({ dataDir });
    expect(again.certificate!.fingerprint256).toBe(first.certificate!.fingerprint256);
  });

  it('marks links https and the cookie Secure', async () => {
    const portal = await httpsPortal();
    const r = await signIn(portal);
    expect(r.setCookie[0]).toMatch(/; secure; samesite=strict; httponly$/);
    expect((r.json as { links: { href: string }[] } & Answer['json']).links[0]!.href).toBe(`${portal.url}/api/2.0/authentication`);
  });

  it('the CLI prints the certificate and how to trust it', async () => {
    const d = tempDir();
    dirs.push(d);
    const cli = spawn(join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx'), [join(__dirname, 'cli.ts'), '--port', '0', '--data', d, '--https', '--samesite', 'none', '--partitioned'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    cli.stdout.on('data', (c: Buffer) => (out += c));
    cli.stderr.on('data', (c: Buffer) => (err += c));
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (/session cookie/.test(err)) {
          clearInterval(timer);
          resolve();
        }
      }, 50);
      cli.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
    });
    cli.kill('SIGTERM');
    expect(out).toMatch(/^DocSpace portal listening on https:\/\/127\.0\.0\.1:\d+\n$/);
    expect(err).toContain(join(d, 'tls', 'portal-cert.pem'));
    expect(err).toMatch(/SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
    expect(err).toContain('certutil');
    // Chromium ignores the SPKI list unless a profile folder is given too.
    expect(err).toMatch(/--user-data-dir=.+ --ignore-certificate-errors-spki-list=[A-Za-z0-9+/]{43}=/);
    expect(err).toContain('session cookie SameSite=None; Secure; Partitioned');
  });
});

describe('the session cookie, as CookiesManager.SetCookiesAsync writes it', () => {
  // [--samesite, --partitioned, over https?, expected attributes after path=/]
  const cases: Array<[CookiePolicy['sameSite'], boolean, boolean, string]> = [
    [undefined, false, false, 'samesite=strict; httponly'],
    ['strict', true, true, 'secure; samesite=strict; httponly'],
    ['lax', false, false, 'samesite=lax; httponly'],
    ['lax', true, true, 'secure; samesite=lax; httponly'],
    // None needs https; over http the server leaves SameSite unspecified, which it writes as Strict.
    ['none', true, false, 'samesite=strict; httponly'],
    ['none', false, true, 'secure; samesite=none; httponly'],
    ['none', true, true, 'secure; samesite=none; httponly; Partitioned'],
  ];
  it.each(cases)('--samesite %s --partitioned %s, https %s → %s', async (sameSite, partitioned, https, attributes) => {
    if (https) {
      const portal = await httpsPortal({ sameSite, partitioned });
      const r = await signIn(portal);
      expect(r.setCookie).toHaveLength(1);
      expect(r.setCookie[0]).toMatch(new RegExp(`^asc_auth_key=[^;]+; expires=[^;]+ GMT; path=/; ${attributes}$`));
    } else {
      const t = await startTestPortal({ sameSite, partitioned });
      closers.push(() => t.close());
      const r = await t.call('/api/2.0/authentication', { body: { userName: EMAILS.owner, password: PASSWORD } });
      expect(r.headers.get('set-cookie')).toMatch(new RegExp(`; path=/; ${attributes}$`));
    }
  });

  it('escapes the token as Uri.EscapeDataString and decodes it as HttpUtility.UrlDecode(…).Replace(" ", "+")', () => {
    const token = 'ab+/cd==';
    expect(authSetCookie('asc_auth_key', token, {}, false)).toMatch(/^asc_auth_key=ab%2B%2Fcd%3D%3D; path=\//);
    expect(escapeDataString("a!b'c(d)e*f~g-h_i.j")).toBe("a%21b%27c%28d%29e%2Af~g-h_i.j");
    expect(decodeToken('ab%2B%2Fcd%3D%3D')).toBe(token);
    expect(decodeToken(token)).toBe(token);
    expect(decodeToken('ab%20%2fcd==')).toBe(token);
    expect(decodeToken('bad%zz%E2')).toBe('bad%zz%E2');
  });
});

describe('a 3.8-style HTTPS portal (--samesite none --partitioned)', () => {
  let portal: RunningPortal;
  const partitionedDeletion = /^asc_auth_key=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=\/; secure; samesite=none; Partitioned$/;
  const plainDeletion = /^asc_auth_key=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=\/$/;

  it('accepts the escaped cookie, the header in both forms, and logout deletes both cookie variants', async () => {
    portal = await httpsPortal({ sameSite: 'none', partitioned: true });
    const r = await signIn(portal);
    const token = r.json!.response!.token!;
    const cookieValue = /^asc_auth_key=([^;]+)/.exec(r.setCookie[0]!)![1]!;
    expect(cookieValue).toBe(escapeDataString(token));
    expect(cookieValue).toMatch(/%2B|%2F/);
    const variants: Array<Record<string, string>> = [{ Cookie: `asc_auth_key=${cookieValue}` }, { Authorization: token }, { Authorization: cookieValue }];
    for (const headers of variants) {
      expect((await call(portal, `${B}/getbackupschedule`, { headers })).status).toBe(200);
    }
    const out = await call(portal, '/api/2.0/authentication/logout', { method: 'POST', headers: { Cookie: `asc_auth_key=${cookieValue}` } });
    expect(out.setCookie).toHaveLength(2);
    expect(out.setCookie[0]).toMatch(plainDeletion);
    expect(out.setCookie[1]).toMatch(partitionedDeletion);
    expect((await call(portal, `${B}/getbackupschedule`, { headers: { Authorization: token } })).status).toBe(401);
  });

  it('a refused cookie gets both deletions too (CookieAuthHandler → ClearCookies); a refused header gets none', async () => {
    const bad = await call(portal, `${B}/getbackupschedule`, { headers: { Cookie: 'asc_auth_key=expired%2Bvalue' } });
    expect(bad.status).toBe(401);
    expect(bad.setCookie.map((c) => (partitionedDeletion.test(c) ? 'partitioned' : plainDeletion.test(c) ? 'plain' : c))).toEqual(['plain', 'partitioned']);
    const header = await call(portal, `${B}/getbackupschedule`, { headers: { Authorization: 'expired' } });
    expect(header.status).toBe(401);
    expect(header.setCookie).toEqual([]);
  });
});

describe('other server answers', () => {
  let t: TestPortal;
  let cloud: TestPortal;

  it('self-hosted: Origin "null" is a 500 UriFormatException before CORS and authentication (TenantManager.GetTenantByOrigin)', async () => {
    t = await startTestPortal({ timezone: 'UTC' });
    closers.push(() => t.close());
    const token = await t.login('owner');
    const r = await t.call(`${B}/getbackupschedule`, { token, headers: { Origin: 'null' } });
    expect(r.status).toBe(500);
    expect(r.json).toMatchObject({
      error: { message: 'Invalid URI: The format of the URI could not be determined.', type: 'System.UriFormatException', hresult: -2146233033 },
      status: 1,
      statusCode: 500,
    });
    expect(r.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await t.call(`${B}/getbackupschedule`, { method: 'OPTIONS', headers: { Origin: 'null', 'Access-Control-Request-Method': 'GET' } });
    expect(preflight.status).toBe(500);
    // An extension's own origin parses, matches no tenant, and the Host decides.
    for (const origin of ['chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'moz-extension://0b3f0b4e-1111-4c3e-9d2a-0f5d2b7e1a01']) {
      expect((await t.call(`${B}/getbackupschedule`, { token, headers: { Origin: origin } })).status).toBe(200);
    }
  });

  it('the cloud resolves the tenant by Host first, so Origin "null" is harmless there', async () => {
    cloud = await startTestPortal({ mode: 'cloud' });
    closers.push(() => cloud.close());
    const token = await cloud.login('owner');
    expect((await cloud.call(`${B}/getbackupschedule`, { token, headers: { Origin: 'null' } })).status).toBe(200);
  });

  it('an ApiDateTime at offset 0 ends in Z (ApiDateTime.ToRoundTripString)', async () => {
    const r = await t.call('/api/2.0/authentication', { body: { userName: EMAILS.admin, password: PASSWORD } });
    expect(r.json.response.expires).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.0000000Z$/);
    const self = await request(t.base, '/api/2.0/people/@self', { token: r.json.response.token });
    expect(self.json.response.registrationDate).toMatch(/\.0000000Z$/);
  });
});

describe('a sign-in waiting for its 2FA code (AuthenticationController.AuthenticateMeAsync)', () => {
  it('answers tfa with the confirm URL, sets only asc_confirm_key_TfaAuth, and issues no session', async () => {
    const t = await startTestPortal({ tfaUsers: [EMAILS.admin] });
    closers.push(() => t.close());
    const r = await t.call('/api/2.0/authentication', { body: { userName: EMAILS.admin, password: PASSWORD } });
    expect(r.status).toBe(200);
    expect(r.json.response).toEqual({ sms: false, tfa: true, confirmUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/confirm\/TfaAuth\?type=TfaAuth&key=[0-9a-f]{32}&email=admin%40example\.com$/) });
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^asc_confirm_key_TfaAuth=[0-9a-f]{32}; path=\/; samesite=strict; httponly$/);
    expect(cookie).not.toContain('asc_auth_key');
    const confirm = /^([^;]+)/.exec(cookie)![1]!;
    expect((await t.call(`${B}/getbackupschedule`, { headers: { Cookie: confirm } })).status).toBe(401);
    // Others sign in as usual.
    expect((await t.call('/api/2.0/authentication', { body: { userName: EMAILS.owner, password: PASSWORD } })).json.response.token).toBeTruthy();
  });
});
