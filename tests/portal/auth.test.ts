import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { B, EMAILS, PASSWORD, request, startTestPortal, type TestPortal } from './helpers';

let t: TestPortal;
beforeAll(async () => {
  t = await startTestPortal();
});
afterAll(() => t.close());

const login = (body: unknown, headers?: Record<string, string>) => t.call('/api/2.0/authentication', { body, headers });

describe('POST /api/2.0/authentication', () => {
  it('returns a token and sets a Strict, HttpOnly cookie valid for a year, its value URL-escaped', async () => {
    const r = await login({ userName: EMAILS.owner, password: PASSWORD });
    expect(r.status).toBe(200);
    const res = r.json.response;
    expect(Object.keys(res)).toEqual(['token', 'expires', 'sms', 'tfa']);
    // base64 of an encrypted string, as the server's: + / = always present here, so the cookie needs escaping.
    expect(res.token).toMatch(/^[A-Za-z0-9+/]{40,}=$/);
    expect(res.token).toMatch(/\+.*\/|\/.*\+/);
    expect(res.sms).toBe(false);
    expect(res.tfa).toBe(false);
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toContain(`asc_auth_key=${res.token.replace(/\+/g, '%2B').replace(/\//g, '%2F').replace(/=/g, '%3D')};`);
    expect(cookie).toMatch(/; path=\/(;|$)/);
    expect(cookie).toMatch(/; httponly\b/i);
    expect(cookie).toMatch(/; samesite=strict\b/i);
    expect(cookie).not.toMatch(/secure|partitioned/i);
    const expires = Date.parse(/expires=([^;]+)/.exec(cookie)?.[1] ?? '');
    expect(expires - Date.now()).toBeGreaterThan(364 * 86400_000);
    expect(expires - Date.now()).toBeLessThan(366 * 86400_000);
    // ApiDateTime in the portal zone (Europe/Berlin).
    expect(res.expires).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.0000000\+0[12]:00$/);
  });

  it('adds Secure when the request came over https', async () => {
    const r = await login({ userName: EMAILS.owner, password: PASSWORD }, { 'X-Forwarded-Proto': 'https' });
    expect(r.headers.get('set-cookie')).toMatch(/; secure;/);
    expect(r.json.links[0].href).toMatch(/^https:\/\//);
  });

  it('issues a new token on every login', async () => {
    const a = await login({ userName: EMAILS.admin, password: PASSWORD });
    const b = await login({ userName: EMAILS.admin, password: PASSWORD });
    expect(a.json.response.token).not.toBe(b.json.response.token);
  });

  it('matches property names case-insensitively', async () => {
    const r = await login({ UserName: EMAILS.user.toUpperCase(), PASSWORD: PASSWORD });
    expect(r.status).toBe(200);
  });

  it('rejects a wrong password or unknown user with 401 "User authentication failed" without type/stack', async () => {
    for (const body of [
      { userName: EMAILS.owner, password: 'nope' },
      { userName: 'nobody@example.com', password: PASSWORD },
    ]) {
      const r = await login(body);
      expect(r.status).toBe(401);
      expect(r.json).toEqual({ error: { message: 'User authentication failed', type: null, stack: null, hresult: 0 }, status: 1, statusCode: 401 });
      expect(r.headers.get('set-cookie')).toBeNull();
    }
  });

  it('answers a malformed body with the 400 validation envelope', async () => {
    const r = await t.call('/api/2.0/authentication', { raw: '{"userName":', headers: { 'Content-Type': 'application/json' }, method: 'POST' });
    expect(r.status).toBe(400);
    expect(r.json.status).toBe(1);
    expect(r.json.statusCode).toBe(400);
    expect(r.json.response.title).toBe('One or more validation errors occurred.');
  });
});

describe('authenticated requests', () => {
  let token: string;
  beforeAll(async () => {
    token = (await login({ userName: EMAILS.owner, password: PASSWORD })).json.response.token;
  });

  it('401 with an empty body without credentials', async () => {
    const r = await t.call(`${B}/getbackupschedule`);
    expect(r.status).toBe(401);
    expect(r.text).toBe('');
    expect(r.headers.get('www-authenticate')).toBeNull();
  });

  it('accepts the token bare, as Bearer and as the cookie', async () => {
    const variants: Array<Record<string, string>> = [{ Authorization: token }, { Authorization: `Bearer ${token}` }, { Cookie: `asc_auth_key=${token}` }];
    for (const headers of variants) {
      const r = await t.call(`${B}/getbackupschedule`, { headers });
      expect(r.status).toBe(200);
    }
  });

  it('lets the cookie win over the Authorization header', async () => {
    const badCookie = await t.call(`${B}/getbackupschedule`, { headers: { Authorization: token, Cookie: 'asc_auth_key=bogus' } });
    expect(badCookie.status).toBe(401);
    expect(badCookie.headers.get('set-cookie')).toMatch(/^asc_auth_key=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=\//);
    const goodCookie = await t.call(`${B}/getbackupschedule`, { headers: { Authorization: 'bogus', Cookie: `asc_auth_key=${token}` } });
    expect(goodCookie.status).toBe(200);
  });

  it('rejects unknown tokens, API keys and JWTs', async () => {
    for (const a of ['nope', 'Bearer nope', 'Bearer sk-0123456789abcdef', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc']) {
      expect((await t.call(`${B}/getbackupschedule`, { headers: { Authorization: a } })).status).toBe(401);
    }
  });

  it('accepts Basic e-mail/password', async () => {
    const basic = Buffer.from(`${EMAILS.admin}:${PASSWORD}`).toString('base64');
    expect((await t.call(`${B}/getbackupschedule`, { headers: { Authorization: `Basic ${basic}` } })).status).toBe(200);
    const wrong = Buffer.from(`${EMAILS.admin}:x`).toString('base64');
    expect((await t.call(`${B}/getbackupschedule`, { headers: { Authorization: `Basic ${wrong}` } })).status).toBe(401);
  });

  it('GET /authentication tells whether the caller is signed in', async () => {
    expect((await t.call('/api/2.0/authentication', { token })).json.response).toBe(true);
    const anon = await t.call('/api/2.0/authentication');
    expect(anon.status).toBe(200);
    expect(anon.json.response).toBe(false);
  });

  it('logout invalidates the token and clears the cookie', async () => {
    const own = (await login({ userName: EMAILS.owner, password: PASSWORD })).json.response.token as string;
    expect((await t.call(`${B}/getbackupschedule`, { token: own })).status).toBe(200);
    const out = await t.call('/api/2.0/authentication/logout', { method: 'POST', headers: { Cookie: `asc_auth_key=${own}` } });
    expect(out.status).toBe(200);
    expect(out.json.count).toBe(0);
    expect('response' in out.json).toBe(false);
    expect(out.headers.get('set-cookie')).toMatch(/asc_auth_key=; expires=Thu, 01 Jan 1970/);
    expect((await t.call(`${B}/getbackupschedule`, { token: own })).status).toBe(401);
    // Another session of the same user is untouched.
    expect((await t.call(`${B}/getbackupschedule`, { token })).status).toBe(200);
  });

  it('logout with only the header token ends nothing and sends no Set-Cookie (AuthenticationController.Logout)', async () => {
    const own = (await login({ userName: EMAILS.admin, password: PASSWORD })).json.response.token as string;
    const out = await t.call('/api/2.0/authentication/logout', { method: 'POST', token: own });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toBeNull();
    expect((await t.call(`${B}/getbackupschedule`, { token: own })).status).toBe(200);
  });

  it('logout ends the login event of the cookie, not the one of the header', async () => {
    const cookieToken = (await login({ userName: EMAILS.admin, password: PASSWORD })).json.response.token as string;
    const headerToken = (await login({ userName: EMAILS.admin, password: PASSWORD })).json.response.token as string;
    const out = await t.call('/api/2.0/authentication/logout', {
      method: 'POST',
      headers: { Authorization: headerToken, Cookie: `asc_auth_key=${encodeURIComponent(cookieToken)}` },
    });
    expect(out.headers.get('set-cookie')).toMatch(/^asc_auth_key=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=\/$/);
    expect((await t.call(`${B}/getbackupschedule`, { token: cookieToken })).status).toBe(401);
    expect((await t.call(`${B}/getbackupschedule`, { token: headerToken })).status).toBe(200);
  });

  it('reads the escaped cookie and the token in either form, decoded as the server does (UrlDecode, then " " → "+")', async () => {
    const own = (await login({ userName: EMAILS.owner, password: PASSWORD })).json.response.token as string;
    const escaped = encodeURIComponent(own);
    expect(escaped).toMatch(/%2B/);
    expect(escaped).toMatch(/%2F/);
    expect(escaped).toMatch(/%3D$/);
    const ok: Array<Record<string, string>> = [
      { Cookie: `asc_auth_key=${escaped}` },
      { Cookie: `asc_auth_key=${own}` },
      { Authorization: own },
      { Authorization: escaped },
      { Authorization: `Bearer ${escaped}` },
      // UrlDecode turns '+' into ' ', and the server turns every ' ' back into '+'.
      { Authorization: own.replace(/\+/g, '%20') },
    ];
    for (const headers of ok) expect((await t.call(`${B}/getbackupschedule`, { headers })).status, JSON.stringify(Object.keys(headers))).toBe(200);
    // Escaped twice is one decode too few.
    expect((await t.call(`${B}/getbackupschedule`, { headers: { Authorization: encodeURIComponent(escaped) } })).status).toBe(401);
  });
});

describe('GET /api/2.0/people/@self', () => {
  it.each([
    ['owner', { isOwner: true, isAdmin: true, isRoomAdmin: false, isCollaborator: false, isVisitor: false, displayName: 'Olivia Owner' }],
    ['admin', { isOwner: false, isAdmin: true, isRoomAdmin: false, isCollaborator: false, isVisitor: false }],
    ['roomadmin', { isOwner: false, isAdmin: false, isRoomAdmin: true, isCollaborator: false, isVisitor: false }],
    ['user', { isOwner: false, isAdmin: false, isRoomAdmin: false, isCollaborator: true, isVisitor: false }],
    ['guest', { isOwner: false, isAdmin: false, isRoomAdmin: false, isCollaborator: false, isVisitor: true }],
  ] as const)('describes the %s', async (role, flags) => {
    const r = await t.call('/api/2.0/people/@self', { token: await t.login(role) });
    expect(r.status).toBe(200);
    expect(r.json.response).toMatchObject({ ...flags, email: EMAILS[role], cultureName: 'en-US', status: 1 });
    expect(r.json.response.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});

describe('sign-in page', () => {
  it('serves a self-contained form at / and /sign-in', async () => {
    for (const path of ['/', '/sign-in']) {
      const r = await request(t.base, path);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/text\/html/);
      expect(r.text).toMatch(/<title>[^<]*DocSpace[^<]*<\/title>/);
      expect(r.text).toMatch(/<label for="email">Email<\/label>/);
      expect(r.text).toMatch(/<label for="password">Password<\/label>/);
      expect(r.text).toMatch(/<button type="submit">Sign in<\/button>/);
      expect(r.text).not.toMatch(/(src|href)="https?:/);
      expect(r.text).toContain('<p id="who" role="status"></p>');
    }
  });

  it('lists the demo accounts and their password, and each listed account signs in with it', async () => {
    const page = (await request(t.base, '/')).text;
    const listed = [...page.matchAll(/<button type="button" class="use" data-email="([^"]+)">/g)].map((m) => m[1]!);
    expect(listed).toEqual(Object.values(EMAILS));
    const password = /Password for all: <code>([^<]+)<\/code>/.exec(page)?.[1];
    expect(password).toBe(PASSWORD);
    for (const email of listed) {
      const r = await request(t.base, '/api/2.0/authentication', { body: { userName: email, password } });
      expect(r.status, email).toBe(200);
    }
    // Who may manage backups is said beside each account.
    expect(page).toMatch(/owner@example\.com<\/button><\/td><td class="role">Owner, manages backups/);
    expect(page).toMatch(/guest@example\.com<\/button><\/td><td class="role">Guest<\/td>/);
  });

  it('shows the signed-in user when the cookie is valid', async () => {
    const token = await t.login('roomadmin');
    const r = await request(t.base, '/', { headers: { Cookie: `asc_auth_key=${token}` } });
    expect(r.text).toContain('<p id="who" role="status">Signed in as Rita Roomadmin (Room admin)</p>');
  });
});
