import type { Browser } from '#imports';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PortalError } from '../docspace/failure';
import { portalsItem } from '../portals/store';
import { route, type RouterContext } from './router';
import { clientFor } from './session';

type FakeCookie = NonNullable<Awaited<ReturnType<typeof fakeBrowser.cookies.get>>>;

const LOCAL = 'http://localhost:8092';
const TOKEN = 'container-session-token-3f9a';
const ctx: RouterContext = { ownId: fakeBrowser.runtime.id, ownBaseUrl: fakeBrowser.runtime.getURL('/') };
const popup: Browser.runtime.MessageSender = { id: ctx.ownId, url: `${ctx.ownBaseUrl}popup.html` };

let granted: Set<string>;
let calls: { url: string; init: RequestInit }[];
let cookieGet: Mock<typeof fakeBrowser.cookies.get>;

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

beforeEach(async () => {
  fakeBrowser.reset();
  granted = new Set(['http://localhost/*']);
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async (p) => (p.origins ?? []).every((o) => granted.has(o)));
  cookieGet = vi.fn<typeof fakeBrowser.cookies.get>(async () => ({ name: 'asc_auth_key', value: TOKEN }) as FakeCookie);
  vi.spyOn(fakeBrowser.cookies, 'get').mockImplementation(cookieGet);
  await portalsItem.setValue([{ origin: LOCAL, name: 'Local', addedAt: 1 }]);
  stubPortal();
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('clientFor: which session a request carries', () => {
  it.each([undefined, '', 'firefox-default', '0'])('the default cookie store (%j) sends the browser cookie, without reading it', async (store) => {
    const client = await clientFor(LOCAL, store);
    await client.getSelf();
    expect(cookieGet).not.toHaveBeenCalled();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.init.credentials).toBe('include');
    expect((calls[0]!.init.headers as Record<string, string>).Authorization).toBeUndefined();
  });

  it.each(['firefox-container-1', 'firefox-container-12', 'firefox-private'])(
    'another store (%s) reads that store’s session cookie and sends it as a header, without cookies',
    async (store) => {
      const client = await clientFor(LOCAL, store);
      await client.getSelf();
      expect(cookieGet).toHaveBeenCalledWith({ url: LOCAL, name: 'asc_auth_key', storeId: store });
      expect(calls[0]!.init.credentials).toBe('omit');
      expect((calls[0]!.init.headers as Record<string, string>).Authorization).toBe(TOKEN);
    },
  );

  it('checks the port-less permission pattern (the cookies API matches host permissions without the port) but reads the cookie for the portal’s own address', async () => {
    await clientFor(LOCAL, 'firefox-container-1');
    expect(fakeBrowser.permissions.contains).toHaveBeenCalledWith({ origins: ['http://localhost/*'] });
    expect(cookieGet.mock.calls[0]![0]).toMatchObject({ url: 'http://localhost:8092' });
  });

  it('sends the token only to the portal it belongs to', async () => {
    const client = await clientFor(LOCAL, 'firefox-container-1');
    await client.getSelf();
    await client.getSettings();
    await client.getSchedule();
    expect(calls.length).toBe(3);
    for (const call of calls) expect(new URL(call.url).origin).toBe(LOCAL);
  });

  it('a container without the session cookie (or an empty one) is signed out, and nothing is sent', async () => {
    cookieGet.mockResolvedValueOnce(null);
    await expect(clientFor(LOCAL, 'firefox-container-1')).rejects.toMatchObject({ failure: { kind: 'signed-out' } });
    cookieGet.mockResolvedValueOnce({ name: 'asc_auth_key', value: '' } as FakeCookie);
    await expect(clientFor(LOCAL, 'firefox-container-1')).rejects.toBeInstanceOf(PortalError);
    expect(calls).toEqual([]);
  });

  it('without the host permission, the cookie is not even read', async () => {
    granted.clear();
    await expect(clientFor(LOCAL, 'firefox-container-1')).rejects.toMatchObject({ failure: { kind: 'no-permission' } });
    expect(cookieGet).not.toHaveBeenCalled();
  });

  it('for a portal that is not added, the cookie is not read', async () => {
    await expect(clientFor('https://other.example.com', 'firefox-container-1')).rejects.toMatchObject({ failure: { kind: 'not-added' } });
    expect(cookieGet).not.toHaveBeenCalled();
  });
});

describe('the container session token never leaves the background', () => {
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

  it('is not in any reply, in storage or in the console, whether the portal answers or fails', async () => {
    const replies = [];
    const store = 'firefox-container-1';
    replies.push(await route({ type: 'portal.status', origin: LOCAL, store }, popup, ctx));
    replies.push(await route({ type: 'schedule.load', origin: LOCAL, store }, popup, ctx));
    // Failures carry the portal's answer: a 401, a 500 with a body, a page that is not JSON.
    stubPortal((path) => (path === '/api/2.0/people/@self' ? envelope({ message: 'Unauthorized' }, 401) : undefined));
    replies.push(await route({ type: 'portal.status', origin: LOCAL, store }, popup, ctx));
    stubPortal(() => new Response('<html>gateway</html>', { status: 502 }));
    replies.push(await route({ type: 'schedule.load', origin: LOCAL, store }, popup, ctx));
    stubPortal(() => new Response('not json', { status: 200 }));
    replies.push(await route({ type: 'schedule.load', origin: LOCAL, store }, popup, ctx));
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('NetworkError when attempting to fetch resource.'))));
    replies.push(await route({ type: 'schedule.load', origin: LOCAL, store }, popup, ctx));

    expect(replies[0]).toMatchObject({ ok: true, data: { signedIn: true } });
    expect(replies[1]).toMatchObject({ ok: true });
    expect(replies.slice(3).every((r) => r && !r.ok)).toBe(true);
    expect(cookieGet).toHaveBeenCalled();
    expect(await everythingVisible(replies)).not.toContain(TOKEN);
  });
});
