// Shared test helpers: an in-process portal on a free port with a temp data dir,
// and small fetch wrappers. Not a test file itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPortal, type RunningPortal, type StartPortalOptions } from './server';

export const PASSWORD = 'docspace-demo';
export const EMAILS = {
  owner: 'owner@example.com',
  admin: 'admin@example.com',
  roomadmin: 'roomadmin@example.com',
  user: 'user@example.com',
  guest: 'guest@example.com',
} as const;
export type RoleName = keyof typeof EMAILS;

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface CallOptions {
  method?: string;
  token?: string;
  /** Sent as JSON unless `raw` is given. */
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

export interface TestPortal {
  portal: RunningPortal;
  base: string;
  dataDir: string;
  call(path: string, opts?: CallOptions): Promise<Reply>;
  login(role?: RoleName): Promise<string>;
  control(method: string, path: string, body?: unknown): Promise<Reply>;
  close(): Promise<void>;
}

export function tempDir(prefix = 'docspace-portal-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function request(base: string, path: string, opts: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  let body: string | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['Content-Type'] ??= 'application/json';
  }
  if (opts.token) headers.Authorization ??= opts.token;
  const res = await fetch(base + path, { method: opts.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Starts a portal for one test file; scheduler ticks come only from clock moves. */
export async function startTestPortal(opts: Partial<StartPortalOptions> = {}): Promise<TestPortal> {
  const dataDir = opts.dataDir ?? tempDir();
  const portal = await startPortal({ port: 0, testControls: true, backupSeconds: 1, tickMs: 3_600_000, ...opts, dataDir });
  const base = portal.loopbackUrl;
  const tokens = new Map<RoleName, string>();
  const call = (path: string, o?: CallOptions) => request(base, path, o);
  return {
    portal,
    base,
    dataDir,
    call,
    async login(role: RoleName = 'owner') {
      const cached = tokens.get(role);
      if (cached) return cached;
      const r = await call('/api/2.0/authentication', { body: { userName: EMAILS[role], password: PASSWORD } });
      if (r.status !== 200) throw new Error(`login ${role} failed: ${r.status} ${r.text}`);
      const token = r.json.response.token as string;
      tokens.set(role, token);
      return token;
    },
    control(method: string, path: string, body?: unknown) {
      return call(`/__test__/${path}`, { method, body: body ?? (method === 'POST' ? {} : undefined) });
    },
    async close() {
      await portal.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A valid body for createbackupschedule, overridable per test. */
export function scheduleBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    storageType: 0,
    storageParams: [{ key: 'folderId', value: '101' }],
    backupsStored: 5,
    cronParams: { period: 0, hour: 2 },
    dump: false,
    ...over,
  };
}

export const B = '/api/2.0/backup';
