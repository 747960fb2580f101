// Test-side access to a running local portal: its test controls, and its API
// as a signed-in user (to check what the extension stored). Shared by the
// Chromium and Firefox end-to-end suites.

import { request as httpsRequest } from 'node:https';

export const DEMO_PASSWORD = 'docspace-demo';

type MiniFetch = (url: string, init: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<{ ok: boolean; status: number; text(): Promise<string>; json(): Promise<unknown> }>;

/** fetch for an --https portal: trusts exactly its self-made certificate (Node's fetch takes no CA). */
function fetchTrusting(ca: Buffer): MiniFetch {
  return (url, init) =>
    new Promise((resolve, reject) => {
      const req = httpsRequest(url, { method: init.method ?? 'GET', headers: init.headers, ca }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          resolve({ ok: status >= 200 && status < 300, status, text: async () => text, json: async () => JSON.parse(text) });
        });
      });
      req.on('error', reject);
      req.end(init.body);
    });
}

export interface PortalTestClient {
  /** Calls the portal's test controls (/__test__/…). */
  control(path: string, body?: unknown, method?: string): Promise<unknown>;
  /** Calls the portal's API as a signed-in user (the owner unless said). */
  api(path: string, init?: { method?: string; body?: unknown; user?: string }): Promise<{ status: number; json: unknown }>;
}

export function portalTestClient(url: string, ca?: Buffer): PortalTestClient {
  const fetch: MiniFetch = ca ? fetchTrusting(ca) : globalThis.fetch;
  const tokens = new Map<string, string>();
  const login = async (user: string) => {
    const known = tokens.get(user);
    if (known) return known;
    const res = await fetch(`${url}/api/2.0/authentication`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userName: user, password: DEMO_PASSWORD }),
    });
    const token = ((await res.json()) as { response: { token: string } }).response.token;
    tokens.set(user, token);
    return token;
  };
  return {
    async control(p, body, method = 'POST') {
      const res = await fetch(`${url}/__test__/${p}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`test control ${p}: HTTP ${res.status} ${text}`);
      return text ? JSON.parse(text) : undefined;
    },
    async api(p, init = {}) {
      const token = await login(init.user ?? 'owner@example.com');
      const res = await fetch(`${url}${p}`, {
        method: init.method ?? 'GET',
        headers: { Authorization: token, 'Content-Type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : undefined };
    },
  };
}
