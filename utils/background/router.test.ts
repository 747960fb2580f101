import type { Browser } from '#imports';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { portalsItem } from '../extension/portal-list';
import { draftItem } from '../extension/schedule-draft';
import { defaultForm } from '../pure/schedule/form';
import { healthItem } from '../extension/health-record';
import { scheduleCacheItem } from '../extension/schedule-cache';
import { route, type RouterContext } from './router';
import { weeklySchedule } from '@/tests/unit/schedules';

type FakeCookie = NonNullable<Awaited<ReturnType<typeof fakeBrowser.cookies.get>>>;

const PORTAL = 'https://portal.example.com';
const ctx: RouterContext = { ownId: fakeBrowser.runtime.id, ownBaseUrl: fakeBrowser.runtime.getURL('/') };
const popup: Browser.runtime.MessageSender = { id: ctx.ownId, url: `${ctx.ownBaseUrl}popup.html` };

/** Permissions as the user granted them: patterns like https://host/*. */
let granted: Set<string>;
let fetchCalls: { url: string; init: RequestInit }[];

function mockPermissions() {
  granted = new Set();
  const permissions = fakeBrowser.permissions;
  vi.spyOn(permissions, 'contains').mockImplementation(async (p) => (p.origins ?? []).every((o) => granted.has(o)));
  vi.spyOn(permissions, 'remove').mockImplementation(async (p) => {
    for (const o of p.origins ?? []) granted.delete(o);
    return true;
  });
}

const schedule = weeklySchedule();

/** A portal on globalThis.fetch: the schedule, the settings, and the backup room's name. */
function stubPortal() {
  fetchCalls = [];
  const envelope = (response: unknown) => new Response(JSON.stringify({ response, count: 1, status: 0, statusCode: 200 }), { status: 200 });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      fetchCalls.push({ url, init: init ?? {} });
      const path = new URL(url).pathname;
      if (path === '/api/2.0/backup/getbackupschedule') return envelope(schedule);
      if (path === '/api/2.0/settings') return envelope({ timezone: 'Europe/Berlin', utcOffset: '01:00:00', standalone: false });
      if (path === '/api/2.0/files/12345') return envelope({ current: { id: 12345, title: 'Backups' }, folders: [], pathParts: [] });
      return new Response('', { status: 404 });
    }),
  );
}

beforeEach(() => {
  fakeBrowser.reset();
  mockPermissions();
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('route: who is asking', () => {
  it.each<[string, Browser.runtime.MessageSender]>([
    ['another extension', { id: 'other-extension', url: 'chrome-extension://other-extension/popup.html' }],
    ['a content script (web page URL)', { id: ctx.ownId, url: 'https://portal.example.com/rooms', tab: { id: 3 } as Browser.tabs.Tab }],
    ['a sender without url', { id: ctx.ownId }],
    ['an empty sender', {}],
    ['a look-alike extension URL', { id: ctx.ownId, url: `chrome-extension://${ctx.ownId}-evil/popup.html` }],
  ])('%s gets no answer', async (_name, sender) => {
    await portalsItem.setValue([{ origin: PORTAL, name: 'P', addedAt: 1 }]);
    expect(await route({ type: 'portals.list' }, sender, ctx)).toBeUndefined();
  });

  it("the extension's own page opened in a tab (options) is answered", async () => {
    const options = { id: ctx.ownId, url: `${ctx.ownBaseUrl}options.html`, tab: { id: 9 } as Browser.tabs.Tab };
    expect(await route({ type: 'portals.list' }, options, ctx)).toEqual({ ok: true, data: [] });
  });
});

describe('route: what is asked', () => {
  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'portals.list'],
    ['an unknown type', { type: 'portals.drop' }],
    ['an empty origin', { type: 'schedule.load', origin: '' }],
    ['a save without its request', { type: 'schedule.save', origin: PORTAL, expected: 'none', force: false }],
    ['a rename to an empty name', { type: 'portals.rename', origin: PORTAL, name: '' }],
    ['too many storage params', {
      type: 'schedule.save',
      origin: PORTAL,
      expected: 'none',
      force: false,
      request: {
        storageType: 5,
        storageParams: Array.from({ length: 31 }, (_, i) => ({ key: `k${i}`, value: 'v' })),
        backupsStored: 1,
        cronParams: { period: 0, hour: 1, day: 0 },
        dump: false,
      },
    }],
  ])('%s → internal failure', async (_name, raw) => {
    expect(await route(raw, popup, ctx)).toEqual({ ok: false, failure: { kind: 'internal', message: 'Malformed request' } });
  });
});

describe('route: portals.*', () => {
  it('portals.list reports each portal with whether it is granted', async () => {
    await portalsItem.setValue([
      { origin: PORTAL, name: 'Work', addedAt: 1 },
      { origin: 'http://localhost:8092', name: 'Local', addedAt: 2 },
    ]);
    granted.add('http://localhost/*');
    expect(await route({ type: 'portals.list' }, popup, ctx)).toEqual({
      ok: true,
      data: [
        { origin: PORTAL, name: 'Work', addedAt: 1, granted: false },
        { origin: 'http://localhost:8092', name: 'Local', addedAt: 2, granted: true },
      ],
    });
  });

  it('portals.add normalises the address and names the portal after its host', async () => {
    granted.add('https://portal.example.com/*');
    const reply = await route({ type: 'portals.add', origin: 'https://portal.example.com/rooms/shared', name: '  ' }, popup, ctx);
    expect(reply).toMatchObject({ ok: true, data: [{ origin: PORTAL, name: 'portal.example.com', granted: true }] });
    // Adding it again does not duplicate it.
    await route({ type: 'portals.add', origin: PORTAL, name: 'Other' }, popup, ctx);
    expect(await portalsItem.getValue()).toHaveLength(1);
  });

  it('portals.add without the permission is no-permission and stores nothing', async () => {
    expect(await route({ type: 'portals.add', origin: PORTAL, name: 'P' }, popup, ctx)).toEqual({ ok: false, failure: { kind: 'no-permission' } });
    expect(await portalsItem.getValue()).toEqual([]);
  });

  it('portals.add of an http address that is not loopback is refused', async () => {
    granted.add('http://portal.example.com/*');
    const reply = await route({ type: 'portals.add', origin: 'http://portal.example.com', name: 'P' }, popup, ctx);
    expect(reply).toMatchObject({ ok: false, failure: { kind: 'internal' } });
    expect(await portalsItem.getValue()).toEqual([]);
  });

  it("portals.remove forgets the cache and the draft, and gives back the host's permission", async () => {
    await portalsItem.setValue([{ origin: PORTAL, name: 'P', addedAt: 1 }]);
    granted.add('https://portal.example.com/*');
    await draftItem(PORTAL).setValue({ form: defaultForm(), base: 'none', savedAt: 1 });
    const reply = await route({ type: 'portals.remove', origin: PORTAL }, popup, ctx);
    expect(reply).toEqual({ ok: true, data: [] });
    expect(await draftItem(PORTAL).getValue()).toBeNull();
    expect(await scheduleCacheItem(PORTAL).getValue()).toBeNull();
    expect(fakeBrowser.permissions.remove).toHaveBeenCalledWith({ origins: ['https://portal.example.com/*'] });
  });

  it('portals.remove keeps the permission while another portal on the same host needs it', async () => {
    await portalsItem.setValue([
      { origin: 'http://localhost:8092', name: 'A', addedAt: 1 },
      { origin: 'http://localhost:9000', name: 'B', addedAt: 2 },
    ]);
    granted.add('http://localhost/*');
    const reply = await route({ type: 'portals.remove', origin: 'http://localhost:8092' }, popup, ctx);
    expect(reply).toMatchObject({ ok: true, data: [{ origin: 'http://localhost:9000', granted: true }] });
    expect(fakeBrowser.permissions.remove).not.toHaveBeenCalled();
  });

  it('portals.rename trims the name', async () => {
    await portalsItem.setValue([{ origin: PORTAL, name: 'P', addedAt: 1 }]);
    expect(await route({ type: 'portals.rename', origin: PORTAL, name: '  Work  ' }, popup, ctx)).toMatchObject({
      ok: true,
      data: [{ origin: PORTAL, name: 'Work' }],
    });
  });
});

describe('route: portal requests', () => {
  it('a portal that is not added is not-added, without any request', async () => {
    stubPortal();
    expect(await route({ type: 'schedule.load', origin: PORTAL }, popup, ctx)).toEqual({ ok: false, failure: { kind: 'not-added' } });
    expect(fetchCalls).toEqual([]);
  });

  it('a portal that is added but not granted is no-permission, without any request', async () => {
    stubPortal();
    await portalsItem.setValue([{ origin: PORTAL, name: 'P', addedAt: 1 }]);
    expect(await route({ type: 'schedule.load', origin: PORTAL }, popup, ctx)).toEqual({ ok: false, failure: { kind: 'no-permission' } });
    expect(fetchCalls).toEqual([]);
  });

  it('schedule.load reads the schedule, the settings and the room name, and caches the result', async () => {
    stubPortal();
    await portalsItem.setValue([{ origin: PORTAL, name: 'P', addedAt: 1 }]);
    granted.add('https://portal.example.com/*');
    const reply = await route({ type: 'schedule.load', origin: PORTAL }, popup, ctx);
    expect(reply).toMatchObject({
      ok: true,
      data: {
        schedule,
        target: { title: 'Backups' },
        portal: { timezone: 'Europe/Berlin', standalone: false, utcOffset: '01:00:00' },
      },
    });
    // Written behind the answer, so the page does not wait for it.
    await vi.waitFor(async () => expect(await scheduleCacheItem(PORTAL).getValue()).toEqual(reply?.ok ? reply.data : undefined));
    expect(fetchCalls.every((c) => c.init.credentials === 'include')).toBe(true);
  });

  it("asks for the last room's name alongside the schedule, not after it", async () => {
    stubPortal();
    const answer = vi.mocked(fetch).getMockImplementation()!;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    vi.mocked(fetch).mockImplementation(async (input, init) => {
      // The schedule answers only when the test says so.
      if (String(input).includes('getbackupschedule')) await held;
      return answer(input, init);
    });
    await portalsItem.setValue([{ origin: PORTAL, name: 'P', addedAt: 1 }]);
    granted.add('https://portal.example.com/*');
    await healthItem(PORTAL).setValue({ origin: PORTAL, state: 'healthy', checkedAt: 1, schedule, lastKnownSchedule: schedule });
    const reply = route({ type: 'schedule.load', origin: PORTAL }, popup, ctx);
    await vi.waitFor(() => expect(fetchCalls.map((c) => new URL(c.url).pathname)).toContain('/api/2.0/files/12345'));
    release();
    expect(await reply).toMatchObject({ ok: true, data: { target: { title: 'Backups' } } });
    expect(fetchCalls.filter((c) => c.url.includes('/files/'))).toHaveLength(1);
  });

  it('asks again when the schedule now points at another room', async () => {
    stubPortal();
    await portalsItem.setValue([{ origin: PORTAL, name: 'P', addedAt: 1 }]);
    granted.add('https://portal.example.com/*');
    const before = { ...schedule, storageParams: { folderId: '999' } };
    await healthItem(PORTAL).setValue({ origin: PORTAL, state: 'healthy', checkedAt: 1, schedule: before, lastKnownSchedule: before });
    const reply = await route({ type: 'schedule.load', origin: PORTAL }, popup, ctx);
    expect(reply).toMatchObject({ ok: true, data: { target: { title: 'Backups' } } });
    expect(fetchCalls.map((c) => new URL(c.url).pathname).filter((p) => p.startsWith('/api/2.0/files/'))).toEqual([
      '/api/2.0/files/999',
      '/api/2.0/files/12345',
    ]);
  });

  it("a Firefox container's session is read from its cookie store and sent as a header", async () => {
    stubPortal();
    await portalsItem.setValue([{ origin: PORTAL, name: 'P', addedAt: 1 }]);
    granted.add('https://portal.example.com/*');
    const getAll = vi.fn(async () => [{ name: 'asc_auth_key', value: 'container-token' }] as FakeCookie[]);
    vi.spyOn(fakeBrowser.cookies, 'getAll').mockImplementation(getAll);
    const reply = await route({ type: 'schedule.load', origin: PORTAL, cookieStoreId: 'firefox-container-2' }, popup, ctx);
    expect(reply?.ok).toBe(true);
    expect(getAll).toHaveBeenCalledWith({ url: PORTAL, name: 'asc_auth_key', storeId: 'firefox-container-2', partitionKey: {} });
    expect(fetchCalls.length).toBeGreaterThan(0);
    for (const call of fetchCalls) {
      expect(call.init.credentials).toBe('omit');
      expect((call.init.headers as Record<string, string>).Authorization).toBe('container-token');
    }
  });

  it('a container without a session is signed-out', async () => {
    stubPortal();
    await portalsItem.setValue([{ origin: PORTAL, name: 'P', addedAt: 1 }]);
    granted.add('https://portal.example.com/*');
    vi.spyOn(fakeBrowser.cookies, 'getAll').mockResolvedValue([]);
    expect(await route({ type: 'schedule.load', origin: PORTAL, cookieStoreId: 'firefox-container-2' }, popup, ctx)).toEqual({
      ok: false,
      failure: { kind: 'signed-out' },
    });
    expect(fetchCalls).toEqual([]);
  });

  it('schedule.save answers conflict, without writing, when the schedule changed since the edit began', async () => {
    stubPortal();
    await portalsItem.setValue([{ origin: PORTAL, name: 'P', addedAt: 1 }]);
    granted.add('https://portal.example.com/*');
    const reply = await route(
      {
        type: 'schedule.save',
        origin: PORTAL,
        expected: 'none',
        force: false,
        request: { storageType: 0, storageParams: [{ key: 'folderId', value: '1' }], backupsStored: 1, cronParams: { period: 0, hour: 1, day: 0 }, dump: false },
      },
      popup,
      ctx,
    );
    expect(reply).toMatchObject({ ok: true, data: { status: 'conflict', loaded: { schedule } } });
    expect(fetchCalls.some((c) => c.init.method === 'POST')).toBe(false);
  });

  it('health.checkAll checks every added portal in one message; a second one while it runs joins it', async () => {
    stubPortal();
    const other = 'https://other.example.com';
    await portalsItem.setValue([PORTAL, other].map((origin, i) => ({ origin, name: origin, addedAt: i })));
    granted.add('https://portal.example.com/*');
    granted.add('https://other.example.com/*');
    const [first, second] = await Promise.all([route({ type: 'health.checkAll' }, popup, ctx), route({ type: 'health.checkAll' }, popup, ctx)]);
    expect(first).toEqual({ ok: true, data: { checked: 2 } });
    expect(second).toEqual(first);
    // One check each, not two.
    expect(fetchCalls.filter((c) => new URL(c.url).pathname.endsWith('/getbackupschedule')).map((c) => new URL(c.url).origin).sort()).toEqual([other, PORTAL]);
    for (const origin of [PORTAL, other]) expect(await healthItem(origin).getValue()).toMatchObject({ origin, schedule });
  });

  it('a failure that is not a PortalError is an internal failure with its message', async () => {
    await portalsItem.setValue([{ origin: PORTAL, name: 'P', addedAt: 1 }]);
    vi.spyOn(fakeBrowser.permissions, 'contains').mockRejectedValue(new Error('permissions exploded'));
    expect(await route({ type: 'schedule.load', origin: PORTAL }, popup, ctx)).toEqual({
      ok: false,
      failure: { kind: 'internal', message: 'permissions exploded' },
    });
  });
});

describe('route: writing a schedule', () => {
  /** A portal that stores what it is sent, passed through `store` (to imitate a portal that changes it). */
  function statefulPortal(cookieStoreId: (sent: Record<string, unknown>) => Record<string, unknown> = (s) => s) {
    let current: Record<string, unknown> | undefined = { ...schedule };
    const calls: string[] = [];
    const envelope = (response: unknown) => new Response(JSON.stringify({ response, count: 1, status: 0, statusCode: 200 }), { status: 200 });
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const path = new URL(String(input)).pathname;
        calls.push(`${init?.method} ${path}`);
        if (path === '/api/2.0/backup/getbackupschedule') return envelope(current);
        if (path === '/api/2.0/backup/createbackupschedule') {
          const body = JSON.parse(String(init?.body)) as { storageParams: { key: string; value: string }[] } & Record<string, unknown>;
          const storageParams = Object.fromEntries(body.storageParams.map((p) => [p.key, p.value]));
          current = cookieStoreId({ ...body, storageParams, lastBackupTime: '0001-01-01T00:00:00' });
          return envelope(true);
        }
        if (path === '/api/2.0/backup/deletebackupschedule') {
          current = undefined;
          return envelope(true);
        }
        if (path === '/api/2.0/settings') return envelope({ timezone: 'UTC', standalone: false });
        return new Response('', { status: 404 });
      }),
    );
    return calls;
  }

  const request = {
    storageType: 0,
    storageParams: [{ key: 'folderId', value: '12345' }],
    backupsStored: 3,
    cronParams: { period: 2, hour: 23, day: 31 },
    dump: false,
  };

  async function setUp() {
    await portalsItem.setValue([{ origin: PORTAL, name: 'P', addedAt: 1 }]);
    granted.add('https://portal.example.com/*');
    const loaded = await route({ type: 'schedule.load', origin: PORTAL }, popup, ctx);
    if (!loaded?.ok) throw new Error('load failed');
    return (loaded.data as { fingerprint: string }).fingerprint;
  }

  it('saves, reads back and answers saved when the portal stores what was sent', async () => {
    const calls = statefulPortal();
    const expected = await setUp();
    const reply = await route({ type: 'schedule.save', origin: PORTAL, expected, force: false, request }, popup, ctx);
    expect(reply).toMatchObject({ ok: true, data: { status: 'saved', loaded: { schedule: { cronParams: { period: 2, hour: 23, day: 31 }, backupsStored: 3 } } } });
    expect(calls.filter((c) => c.startsWith('POST'))).toEqual(['POST /api/2.0/backup/createbackupschedule']);
  });

  it('answers mismatch with the differences when the portal stores something else', async () => {
    statefulPortal((s) => ({ ...s, cronParams: { period: 2, hour: 22, day: 31 } }));
    const expected = await setUp();
    const reply = await route({ type: 'schedule.save', origin: PORTAL, expected, force: false, request }, popup, ctx);
    expect(reply).toMatchObject({
      ok: true,
      data: { status: 'mismatch', differences: [{ field: 'cronParams.hour', sent: '23', stored: '22' }] },
    });
  });

  it('force writes over a schedule that changed meanwhile', async () => {
    const calls = statefulPortal();
    await setUp();
    const reply = await route({ type: 'schedule.save', origin: PORTAL, expected: 'stale', force: true, request }, popup, ctx);
    expect(reply).toMatchObject({ ok: true, data: { status: 'saved' } });
    expect(calls).toContain('POST /api/2.0/backup/createbackupschedule');
  });

  it('schedule.delete removes the schedule and answers saved with no schedule', async () => {
    const calls = statefulPortal();
    const expected = await setUp();
    const reply = await route({ type: 'schedule.delete', origin: PORTAL, expected, force: false }, popup, ctx);
    expect(reply).toMatchObject({ ok: true, data: { status: 'saved', loaded: { schedule: null, fingerprint: 'none' } } });
    expect(calls).toContain('DELETE /api/2.0/backup/deletebackupschedule');
  });
});
