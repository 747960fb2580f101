// The one test-side client of a running local portal, used by the portal's own
// tests, the Chromium and Firefox end-to-end suites and the unit fault matrix:
// raw HTTP calls (status, headers, body), the test controls (/__test__/…), and
// the API as a signed-in demo user (to check what the extension stored).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, EMAILS, OWNER, type Role } from './lib/accounts';
import { startPortal, type RunningPortal, type StartPortalOptions } from './server';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface CallOptions {
  method?: string;
  /** Sent as the Authorization header. */
  token?: string;
  /** Sent as JSON unless `raw` is given. */
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

/** An https request that trusts exactly `ca` (the --https portal's self-made certificate; Node's fetch takes no CA). */
function requestTrusting(ca: Buffer, url: string, method: string, headers: Record<string, string>, body: string | undefined) {
  return new Promise<{ status: number; headers: Headers; text: string }>((resolve, reject) => {
    const req = httpsRequest(url, { method, headers, ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) h.append(name, v);
        }
        resolve({ status: res.statusCode ?? 0, headers: h, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** One HTTP call to a portal; the answer's JSON is parsed when it is JSON. `ca`: trust this certificate (https). */
export async function request(base: string, path: string, opts: CallOptions = {}, ca?: Buffer): Promise<Reply> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  let body: string | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['Content-Type'] ??= 'application/json';
  }
  if (opts.token) headers.Authorization ??= opts.token;
  const method = opts.method ?? (body !== undefined ? 'POST' : 'GET');
  const res = ca
    ? await requestTrusting(ca, base + path, method, headers, body)
    : await fetch(base + path, { method, headers, body }).then(async (r) => ({ status: r.status, headers: r.headers, text: await r.text() }));
  let json: unknown;
  try {
    json = res.text ? JSON.parse(res.text) : undefined;
  } catch {
    json = undefined;
  }
  return { ...res, json };
}

export interface PortalTestClient {
  url: string;
  /** A raw call: the answer's status, headers, text and JSON, whatever the status. */
  call(path: string, opts?: CallOptions): Promise<Reply>;
  /** Signs a demo user in (a role or an e-mail; the owner unless said) and returns the session token, cached per user. */
  login(user?: Role | string): Promise<string>;
  /** Calls a test control (/__test__/…; POST unless said) and returns its JSON; throws unless 2xx. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  control(path: string, body?: unknown, method?: string): Promise<any>;
  /** Calls the portal's API as a signed-in demo user (the owner unless said). */
  api(path: string, init?: { method?: string; body?: unknown; user?: Role | string }): Promise<{ status: number; json: unknown }>;
}

/** `url`: the portal's address as Node can reach it (its loopbackUrl for a *.localhost portal). */
export function portalTestClient(url: string, ca?: Buffer): PortalTestClient {
  const tokens = new Map<string, string>();
  const call = (path: string, opts?: CallOptions) => request(url, path, opts, ca);
  const login = async (user: Role | string = 'owner') => {
    const email = user in EMAILS ? EMAILS[user as Role] : user;
    const known = tokens.get(email);
    if (known) return known;
    const r = await call('/api/2.0/authentication', { body: { userName: email, password: DEMO_PASSWORD } });
    const token = (r.json as { response?: { token?: string } } | undefined)?.response?.token;
    if (r.status !== 200 || !token) throw new Error(`sign-in of ${email} failed: HTTP ${r.status} ${r.text}`);
    tokens.set(email, token);
    return token;
  };
  return {
    url,
    call,
    login,
    async control(path, body, method = 'POST') {
      const r = await call(`/__test__/${path}`, { method, body });
      if (r.status < 200 || r.status > 299) throw new Error(`test control ${method} ${path}: HTTP ${r.status} ${r.text}`);
      return r.json;
    },
    async api(path, init = {}) {
      const r = await call(path, { method: init.method ?? 'GET', token: await login(init.user), body: init.body, headers: { 'Content-Type': 'application/json' } });
      return { status: r.status, json: r.json };
    },
  };
}

export interface TestPortal extends PortalTestClient {
  portal: RunningPortal;
  /** The portal by IP, for Node (which does not resolve *.localhost); `url` is what a browser opens. */
  base: string;
  dataDir: string;
  close(): Promise<void>;
}

export function tempDir(prefix = 'docspace-portal-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Makes the portal of this (empty) data folder start knowing an owner session, for a year.
 *
 * Why: cookies ignore ports, so every portal on 127.0.0.1 receives the one
 * `asc_auth_key` cookie the browser holds for that host. Signing in on a second
 * portal overwrites it, and a portal that does not know a token answers 401 with
 * a Set-Cookie that deletes it for every port. Several portals in one browser
 * therefore work only when they all accept the same token.
 */
export function seedSession(dataDir: string, token: string): void {
  const sessions = [{ token, userId: OWNER.id, expires: Date.now() + 365 * 86_400_000, loginEventId: 1 }];
  writeFileSync(join(dataDir, 'state.json'), JSON.stringify({ version: 1, schedules: [], backups: [], sessions, nextLoginEventId: 2 }));
}

/**
 * A local portal with test controls on a free port and a temporary data folder
 * (removed on close unless `dataDir` was given), with its client.
 * `sessionToken`: the portal starts already knowing this owner session (`seedSession`).
 */
export async function startTestPortal(opts: Partial<StartPortalOptions> & { sessionToken?: string } = {}): Promise<TestPortal> {
  const { sessionToken, ...options } = opts;
  const dataDir = options.dataDir ?? tempDir();
  if (sessionToken) seedSession(dataDir, sessionToken);
  const portal = await startPortal({ port: 0, testControls: true, ...options, dataDir });
  return {
    ...portalTestClient(portal.loopbackUrl, portal.certificate?.cert),
    url: portal.url,
    portal,
    base: portal.loopbackUrl,
    dataDir,
    async close() {
      await portal.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
