import type { Browser } from '#imports';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PortalError } from '../pure/docspace/failure';
import { portalsItem } from '../extension/portal-list';
import { route, type RouterContext } from './router';
import { clientFor, findSession, tokenOf } from './session';

type FakeCookie = Awaited<ReturnType<typeof fakeBrowser.cookies.getAll>>[number];
type GetAll = typeof fakeBrowser.cookies.getAll;

const LOCAL = 'http://localhost:8092';
const HTTPS = 'https://127.0.0.1:8443';
// As the cookie holds it (Uri.EscapeDataString of a base64 token) and as the server issued it.
const ESCAPED = 'c0nt%2Bainer%2Fsess1on%2Btoken%3D';
const TOKEN = 'c0nt+ainer/sess1on+token=';
const ctx: RouterContext = { ownId: fakeBrowser.runtime.id, ownBaseUrl: fakeBrowser.runtime.getURL('/') };
const popup: Browser.runtime.MessageSender = { id: ctx.ownId, url: `${ctx.ownBaseUrl}popup.html` };

let granted: Set<string>;
let calls: { url: string; init: RequestInit }[];
let cookieGetAll: Mock<GetAll>;

interface JarCookie {
  name?: string;
  value?: string;
  /** The URL the cookie belongs to (host match only, as the cookies API). */
  url: string;
  store?: string;
  partitionKey?: { topLevelSite?: string; hasCrossSiteAncestor?: boolean };
}
/** A cookie jar that answers cookies.getAll as Chromium 156 and Firefox ESR 153 did when measured. */
let jar: JarCookie[];
const inJar = (c: JarCookie): FakeCookie =>
  ({ name: c.name ?? 'asc_auth_key', value: c.value ?? ESCAPED, storeId: c.store ?? '0', ...(c.partitionKey ? { partitionKey: c.partitionKey } : {}) }) as FakeCookie;
function getAllFromJar(details: Parameters<GetAll>[0]): FakeCookie[] {
  return jar
    .filter((c) => (c.name ?? 'asc_auth_key') === details.name)
    .filter((c) => new URL(c.url).hostname === new URL(details.url!).hostname)
    .filter((c) => (c.store ?? '0') === (details.storeId ?? '0'))
    // Without partitionKey only unpartitioned cookies; {} all partitions; {topLevelSite} that partition.
    .filter((c) =>
      details.partitionKey === undefined ? !c.partitionKey : details.partitionKey.topLevelSite === undefined || details.partitionKey.topLevelSite === c.partitionKey?.topLevelSite,
    )
    .map(inJar);
}

/** The server's envelope; `response` is left out when the value is null, as the server does. */
const envelope = (response: unknown, status = 200) =>
  new Response(JSON.stringify({ ...(response === null ? {} : { response }), count: 1, status: status < 400 ? 0 : 1, statusCode: status }), { status });

/** A portal on globalThis.fetch that answers the self, settings and schedule calls. */
function stubPortal(answer: (path: string) => Response | undefined = () => undefined) {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      calls.push({ url, init: init ?? {} });
      const path = new URL(url).pathname;
      const special = answer(path);
      if (special) return special;
      if (path === '/api/2.0/people/@self') return envelope({ id: 'u1', displayName: 'Adam Admin', email: 'admin@example.com', isAdmin: true, isOwner: false });
      if (path === '/api/2.0/settings') return envelope({ timezone: 'Europe/Berlin', standalone: true });
      if (path === '/api/2.0/backup/getbackupschedule') return envelope(null);
      return new Response('', { status: 404 });
    }),
  );
}

const sent = (i = 0) => ({ credentials: calls[i]!.init.credentials, authorization: (calls[i]!.init.headers as Record<string, string>).Authorization });

beforeEach(async () => {
  fakeBrowser.reset();
  granted = new Set(['http://localhost/*', 'https://127.0.0.1/*', 'https://docspace.example.com/*']);
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async (p) => (p.origins ?? []).every((o) => granted.has(o)));
  jar = [];
  cookieGetAll = vi.fn<GetAll>(async (details) => getAllFromJar(details));
  vi.spyOn(fakeBrowser.cookies, 'getAll').mockImplementation(cookieGetAll);
  await portalsItem.setValue([
    { origin: LOCAL, name: 'Local', addedAt: 1 },
    { origin: HTTPS, name: 'Local over https', addedAt: 2 },
    { origin: 'https://docspace.example.com', name: 'Subdomain', addedAt: 3 },
  ]);
  stubPortal();
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('clientFor: which session a request carries', () => {
  it.each([undefined, '', 'firefox-default', '0'])('the default store (%j) with an unpartitioned cookie lets the browser send it', async (store) => {
    jar = [{ url: LOCAL, store: store === 'firefox-default' ? 'firefox-default' : undefined }];
    const client = await clientFor(LOCAL, store);
    await client.getSelf();
    expect(calls).toHaveLength(1);
    expect(sent()).toEqual({ credentials: 'include', authorization: undefined });
  });

  it('asks for every partition of the portal’s asc_auth_key in the tab’s store', async () => {
    await clientFor(LOCAL, 'firefox-container-1').catch(() => undefined);
    expect(cookieGetAll).toHaveBeenCalledWith({ url: LOCAL, name: 'asc_auth_key', storeId: 'firefox-container-1', partitionKey: {} });
    await clientFor(LOCAL);
    expect(cookieGetAll).toHaveBeenLastCalledWith({ url: LOCAL, name: 'asc_auth_key', partitionKey: {} });
  });

  it('a 3.8 partitioned cookie (set by the portal’s own page) goes as the decoded token in the header, cookies omitted', async () => {
    jar = [{ url: HTTPS, partitionKey: { topLevelSite: 'https://127.0.0.1', hasCrossSiteAncestor: false } }];
    const client = await clientFor(HTTPS);
    await client.getSelf();
    await client.getSchedule();
    expect(sent(0)).toEqual({ credentials: 'omit', authorization: TOKEN });
    expect(sent(1)).toEqual({ credentials: 'omit', authorization: TOKEN });
  });

  it('the portal’s site is its registrable domain: a partition keyed by the parent domain is the portal’s own', async () => {
    jar = [{ url: 'https://docspace.example.com', partitionKey: { topLevelSite: 'https://example.com', hasCrossSiteAncestor: false } }];
    await (await clientFor('https://docspace.example.com')).getSelf();
    expect(sent()).toEqual({ credentials: 'omit', authorization: TOKEN });
  });

  it('a cookie partitioned under another site (the portal embedded elsewhere) is not the portal’s session', async () => {
    jar = [
      { url: HTTPS, partitionKey: { topLevelSite: 'https://intranet.example.org' } },
      { url: HTTPS, partitionKey: { topLevelSite: 'http://127.0.0.1' } },
    ];
    await (await clientFor(HTTPS)).getSelf();
    expect(sent()).toEqual({ credentials: 'include', authorization: undefined });
    await expect(clientFor(HTTPS, 'firefox-container-1')).rejects.toMatchObject({ failure: { kind: 'signed-out' } });
  });

  it('prefers the partition the top-level page wrote over one from a same-site frame with a cross-site ancestor', async () => {
    jar = [
      { url: HTTPS, value: 'framed', partitionKey: { topLevelSite: 'https://127.0.0.1', hasCrossSiteAncestor: true } },
      { url: HTTPS, partitionKey: { topLevelSite: 'https://127.0.0.1', hasCrossSiteAncestor: false } },
    ];
    await (await clientFor(HTTPS)).getSelf();
    expect(sent().authorization).toBe(TOKEN);
  });

  it('with both kinds in the default store, the unpartitioned one is sent by the browser', async () => {
    jar = [{ url: HTTPS, value: 'other' }, { url: HTTPS, partitionKey: { topLevelSite: 'https://127.0.0.1' } }];
    await (await clientFor(HTTPS)).getSelf();
    expect(sent()).toEqual({ credentials: 'include', authorization: undefined });
  });

  it('a stale unpartitioned cookie (401) beside a valid partitioned one: the request goes again with the partitioned token, and the client keeps it', async () => {
    jar = [{ url: HTTPS, value: 'stale%2Bold' }, { url: HTTPS, partitionKey: { topLevelSite: 'https://127.0.0.1', hasCrossSiteAncestor: false } }];
    stubPortal(() => undefined);
    const portal = globalThis.fetch as Mock<typeof fetch>;
    const answer = portal.getMockImplementation()!;
    portal.mockImplementation(async (input, init) =>
      (init?.headers as Record<string, string>).Authorization === TOKEN
        ? answer(input, init)
        : (calls.push({ url: String(input), init: init ?? {} }), new Response('', { status: 401 })),
    );
    const client = await clientFor(HTTPS);
    expect((await client.getSelf()).displayName).toBe('Adam Admin');
    await client.getSchedule();
    expect(calls.map((_c, i) => sent(i))).toEqual([
      { credentials: 'include', authorization: undefined },
      { credentials: 'omit', authorization: TOKEN },
      { credentials: 'omit', authorization: TOKEN },
    ]);
    expect(calls[1]!.init.redirect).toBe('manual');
  });

  it('the same in a container: its stale unpartitioned token, then its partitioned one; both refused is signed out', async () => {
    jar = [
      { url: HTTPS, store: 'firefox-container-2', value: 'stale' },
      { url: HTTPS, store: 'firefox-container-2', partitionKey: { topLevelSite: 'https://127.0.0.1' } },
    ];
    stubPortal(() => new Response('', { status: 401 }));
    await expect((await clientFor(HTTPS, 'firefox-container-2')).getSelf()).rejects.toMatchObject({ failure: { kind: 'signed-out' } });
    expect(calls.map((_c, i) => sent(i))).toEqual([
      { credentials: 'omit', authorization: 'stale' },
      { credentials: 'omit', authorization: TOKEN },
    ]);
  });

  it('a partition of another site is no fallback: a refused plain cookie is signed out after one request', async () => {
    jar = [{ url: HTTPS }, { url: HTTPS, partitionKey: { topLevelSite: 'https://intranet.example.org' } }];
    stubPortal(() => new Response('', { status: 401 }));
    await expect((await clientFor(HTTPS)).getSelf()).rejects.toMatchObject({ failure: { kind: 'signed-out' } });
    expect(calls).toHaveLength(1);
  });

  it('a cookie that decodes to what no header may carry is sent escaped; one unfit either way is no session', async () => {
    jar = [{ url: LOCAL, store: 'firefox-container-1', value: 'tok%0Aen' }];
    await (await clientFor(LOCAL, 'firefox-container-1')).getSelf();
    expect(sent().authorization).toBe('tok%0Aen');
    jar = [{ url: LOCAL, store: 'firefox-container-1', value: 'tök en' }];
    calls.length = 0;
    await expect(clientFor(LOCAL, 'firefox-container-1')).rejects.toMatchObject({ failure: { kind: 'signed-out' } });
    expect(calls).toEqual([]);
  });

  it('with nothing readable in the default store the plain request still goes, and the portal decides', async () => {
    await (await clientFor(LOCAL)).getSelf();
    expect(sent()).toEqual({ credentials: 'include', authorization: undefined });
  });

  it('a browser that refuses partitionKey is asked again without it', async () => {
    jar = [{ url: LOCAL, store: 'firefox-container-1' }];
    cookieGetAll.mockImplementationOnce(async () => {
      throw new Error('Unexpected property "partitionKey"');
    });
    await (await clientFor(LOCAL, 'firefox-container-1')).getSelf();
    expect(cookieGetAll).toHaveBeenLastCalledWith({ url: LOCAL, name: 'asc_auth_key', storeId: 'firefox-container-1' });
    expect(sent()).toEqual({ credentials: 'omit', authorization: TOKEN });
  });

  it.each(['firefox-container-1', 'firefox-container-12', 'firefox-private'])(
    'another store (%s) sends that store’s session cookie as the header, without cookies',
    async (store) => {
      jar = [{ url: LOCAL }, { url: LOCAL, store, value: 'abc%2Fdef' }];
      const client = await clientFor(LOCAL, store);
      await client.getSelf();
      expect(sent()).toEqual({ credentials: 'omit', authorization: 'abc/def' });
    },
  );

  it('a container’s partitioned session is found too', async () => {
    jar = [{ url: HTTPS, store: 'firefox-container-2', partitionKey: { topLevelSite: 'https://127.0.0.1', hasCrossSiteAncestor: false } }];
    await (await clientFor(HTTPS, 'firefox-container-2')).getSelf();
    expect(sent()).toEqual({ credentials: 'omit', authorization: TOKEN });
  });

  it('a malformed escape is sent as it is (the server decodes what it can)', async () => {
    jar = [{ url: LOCAL, store: 'firefox-container-1', value: 'bad%E2token' }];
    await (await clientFor(LOCAL, 'firefox-container-1')).getSelf();
    expect(sent().authorization).toBe('bad%E2token');
    expect(tokenOf('a%2Bb%2Fc%3D')).toBe('a+b/c=');
    expect(tokenOf('a+b')).toBe('a+b');
  });

  it('checks the port-less permission pattern (the cookies API matches host permissions without the port) but reads the cookie for the portal’s own address', async () => {
    await clientFor(LOCAL, 'firefox-container-1').catch(() => undefined);
    expect(fakeBrowser.permissions.contains).toHaveBeenCalledWith({ origins: ['http://localhost/*'] });
    expect(cookieGetAll.mock.calls[0]![0]).toMatchObject({ url: 'http://localhost:8092' });
  });

  it('sends the token only to the portal it belongs to', async () => {
    jar = [{ url: LOCAL, store: 'firefox-container-1' }];
    const client = await clientFor(LOCAL, 'firefox-container-1');
    await client.getSelf();
    await client.getSettings();
    await client.getSchedule();
    expect(calls.length).toBe(3);
    for (const call of calls) expect(new URL(call.url).origin).toBe(LOCAL);
  });

  it('a container without the session cookie (or an empty one, or only a pending 2FA confirm key) is signed out, and nothing is sent', async () => {
    await expect(clientFor(LOCAL, 'firefox-container-1')).rejects.toMatchObject({ failure: { kind: 'signed-out' } });
    jar = [{ url: LOCAL, store: 'firefox-container-1', value: '' }];
    await expect(clientFor(LOCAL, 'firefox-container-1')).rejects.toBeInstanceOf(PortalError);
    jar = [{ url: LOCAL, store: 'firefox-container-1', name: 'asc_confirm_key_TfaAuth' }];
    await expect(clientFor(LOCAL, 'firefox-container-1')).rejects.toMatchObject({ failure: { kind: 'signed-out' } });
    expect(calls).toEqual([]);
  });

  it('a session the portal refuses (expired, ended, 2FA pending) reads as signed out, with the “sign in on the portal” failure', async () => {
    jar = [{ url: HTTPS, partitionKey: { topLevelSite: 'https://127.0.0.1' } }];
    stubPortal(() => new Response('', { status: 401 }));
    expect(await route({ type: 'portal.status', origin: HTTPS }, popup, ctx)).toEqual({ ok: true, data: { signedIn: false } });
    expect(await route({ type: 'schedule.load', origin: HTTPS }, popup, ctx)).toMatchObject({ ok: false, failure: { kind: 'signed-out' } });
    expect(sent().authorization).toBe(TOKEN);
  });

  it('without the host permission, the cookie is not even read', async () => {
    granted.clear();
    await expect(clientFor(LOCAL, 'firefox-container-1')).rejects.toMatchObject({ failure: { kind: 'no-permission' } });
    expect(cookieGetAll).not.toHaveBeenCalled();
  });

  it('for a portal that is not added, the cookie is not read', async () => {
    await expect(clientFor('https://other.example.com', 'firefox-container-1')).rejects.toMatchObject({ failure: { kind: 'not-added' } });
    expect(cookieGetAll).not.toHaveBeenCalled();
  });
});

describe('findSession', () => {
  it('names the route without sending anything', async () => {
    jar = [{ url: HTTPS, partitionKey: { topLevelSite: 'https://127.0.0.1' } }];
    expect(await findSession(HTTPS)).toEqual({ kind: 'header', token: TOKEN });
    expect(await findSession(HTTPS, 'firefox-container-3')).toEqual({ kind: 'none' });
    jar.push({ url: HTTPS });
    expect(await findSession(HTTPS)).toEqual({ kind: 'cookie', fallback: TOKEN });
    expect(calls).toEqual([]);
  });
});

describe('the session token never leaves the background', () => {
  const logged: unknown[] = [];

  beforeEach(() => {
    logged.length = 0;
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args));
    }
  });

  async function everythingVisible(replies: unknown[]) {
    const storage = await fakeBrowser.storage.local.get(null);
    const session = await fakeBrowser.storage.session.get(null).catch(() => ({}));
    return JSON.stringify({ replies, storage, session, logged });
  }

  it.each([
    ['a container', LOCAL, 'firefox-container-1', { url: LOCAL, store: 'firefox-container-1' }],
    ['a 3.8 partitioned cookie', HTTPS, undefined, { url: HTTPS, partitionKey: { topLevelSite: 'https://127.0.0.1', hasCrossSiteAncestor: false } }],
  ] as const)('%s: not in any reply, in storage or in the console, whether the portal answers or fails', async (_name, origin, store, cookie) => {
    jar = [cookie];
    const replies = [];
    replies.push(await route({ type: 'portal.status', origin, store }, popup, ctx));
    replies.push(await route({ type: 'schedule.load', origin, store }, popup, ctx));
    // Failures carry the portal's answer: a 401, a 500 with a body, a page that is not JSON.
    stubPortal((path) => (path === '/api/2.0/people/@self' ? envelope({ message: 'Unauthorized' }, 401) : undefined));
    replies.push(await route({ type: 'portal.status', origin, store }, popup, ctx));
    stubPortal(() => new Response('<html>gateway</html>', { status: 502 }));
    replies.push(await route({ type: 'schedule.load', origin, store }, popup, ctx));
    stubPortal(() => new Response('not json', { status: 200 }));
    replies.push(await route({ type: 'schedule.load', origin, store }, popup, ctx));
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('NetworkError when attempting to fetch resource.'))));
    replies.push(await route({ type: 'schedule.load', origin, store }, popup, ctx));

    expect(replies[0]).toMatchObject({ ok: true, data: { signedIn: true } });
    expect(replies[1]).toMatchObject({ ok: true });
    expect(replies.slice(3).every((r) => r && !r.ok)).toBe(true);
    expect(cookieGetAll).toHaveBeenCalled();
    const visible = await everythingVisible(replies);
    for (const form of [TOKEN, ESCAPED, 'c0nt']) expect(visible).not.toContain(form);
  });
});
