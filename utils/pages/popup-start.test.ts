import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { scheduleCacheItem } from '../extension/schedule-cache';
import { healthItem } from '../extension/health-record';
import type { LoadedSchedule, Request } from '../pure/messages/protocol';
import { fakeBackground } from '@/tests/unit/fake-background';
import { lastPortalItem, portalsItem, type Portal } from '../extension/portal-list';
import { draftItem, type Draft } from '../extension/schedule-draft';
import { defaultForm } from '../pure/schedule/form';
import { choosePortal, readPopupStart } from './popup-start';

const A = 'https://a.example.com';
const B = 'https://b.example.com';
const portals: Portal[] = [
  { origin: A, name: 'A', addedAt: 1 },
  { origin: B, name: 'B', addedAt: 2 },
];
const tab = (url: string, cookieStoreId?: string) => ({ url: new URL(url), cookieStoreId });

const LOADED: LoadedSchedule = {
  schedule: null,
  portal: { timezone: 'Europe/Berlin', standalone: false },
  fingerprint: 'none',
  fetchedAt: 1,
};

describe('choosePortal', () => {
  it('takes #portal= first, when it is a portal the user added', () => {
    expect(choosePortal(portals, `#portal=${B}`, tab(`${A}/rooms`), A)).toEqual({ origin: B });
    expect(choosePortal(portals, '#portal=https://unknown.example.com', {}, null)).toEqual({ origin: A, suggest: undefined });
  });

  it("then the active tab's portal, with the tab's container", () => {
    expect(choosePortal(portals, '', tab(`${B}/rooms/shared`, 'firefox-container-1'), A)).toEqual({ origin: B, cookieStoreId: 'firefox-container-1' });
  });

  it('then the last one used, then the first; a DocSpace-looking tab is offered for adding', () => {
    expect(choosePortal(portals, '', tab('https://example.org/'), B)).toEqual({ origin: B, suggest: undefined });
    expect(choosePortal(portals, '', {}, 'https://removed.example.com')).toEqual({ origin: A, suggest: undefined });
    expect(choosePortal(portals, '', tab('https://new.onlyoffice.com/rooms/shared'), null)).toEqual({
      origin: A,
      suggest: 'https://new.onlyoffice.com',
    });
    expect(choosePortal([], '', {}, null)).toEqual({ origin: null, suggest: undefined });
  });
});

describe('readPopupStart', () => {
  let sent: Request[];

  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ url: `${B}/rooms`, active: true } as Awaited<ReturnType<typeof fakeBrowser.tabs.query>>[number]]);
    sent = fakeBackground(() => ({ ok: true, data: LOADED }));
  });

  afterEach(() => vi.restoreAllMocks());

  it("reads the tab's portal and what storage keeps for it, and asks for the fresh schedule once, at once", async () => {
    const draft: Draft = { form: defaultForm(), base: 'none', savedAt: 5 };
    await portalsItem.setValue(portals);
    await lastPortalItem.setValue(A);
    await scheduleCacheItem(B).setValue(LOADED);
    await draftItem(B, 'popup').setValue(draft);
    await healthItem(B).setValue({ origin: B, state: 'off', checkedAt: 3, schedule: null, lastKnownSchedule: null });
    await scheduleCacheItem(A).setValue({ ...LOADED, fingerprint: 'not this one' });

    const start = await readPopupStart('');
    expect(start).toMatchObject({ portals, target: { origin: B }, cached: LOADED, draft, health: { state: 'off' } });
    // Asked before storage was even read: the popup refreshes a cached schedule in any case.
    expect(sent).toEqual([{ type: 'schedule.load', origin: B, cookieStoreId: undefined }]);
    expect(await start.pending).toEqual(LOADED);
  });

  it('asks the background for the schedule at once when nothing is cached', async () => {
    await portalsItem.setValue(portals);
    const start = await readPopupStart(`#portal=${A}`);
    expect(start).toMatchObject({ target: { origin: A }, cached: null, draft: null, health: null });
    expect(sent).toEqual([{ type: 'schedule.load', origin: A, cookieStoreId: undefined }]);
    expect(await start.pending).toEqual(LOADED);
  });

  it('with no portals, offers the DocSpace-looking tab and reads nothing more; the early question goes unused', async () => {
    const start = await readPopupStart('');
    expect(start).toEqual({ portals: [], target: { origin: null, suggest: B }, cached: null, health: null, draft: null });
    // The background answers it "not added" without a request to any portal (router.ts).
    expect(sent).toEqual([{ type: 'schedule.load', origin: B, cookieStoreId: undefined }]);
  });

  it("reads the named or tab's portal's keys with the portal list, in one read; only a fallback portal costs a second read", async () => {
    await portalsItem.setValue(portals);
    await lastPortalItem.setValue(A);
    await scheduleCacheItem(A).setValue(LOADED);
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const keysOf = () => get.mock.calls.map(([keys]) => keys);
    // B is the tab's portal: one read.
    await readPopupStart('');
    expect(keysOf()).toEqual([['portals', 'lastPortal', `cache:${B}`, `health:${B}`, `draft-popup:${B}`]]);
    get.mockClear();
    const ask = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    ask.mockClear();
    expect((await readPopupStart(`#portal=${A}`)).cached).toEqual(LOADED);
    expect(keysOf()).toEqual([['portals', 'lastPortal', `cache:${A}`, `health:${A}`, `draft-popup:${A}`]]);
    // The read goes out before the background is asked for the fresh schedule.
    expect(get.mock.invocationCallOrder[0]).toBeLessThan(ask.mock.invocationCallOrder[0]!);
    // A tab that is no added portal: the last one used is only known after the first read.
    vi.mocked(fakeBrowser.tabs.query).mockResolvedValue([{ url: 'https://example.org/', active: true } as Awaited<ReturnType<typeof fakeBrowser.tabs.query>>[number]]);
    get.mockClear();
    expect((await readPopupStart('')).target.origin).toBe(A);
    expect(keysOf()).toEqual([['portals', 'lastPortal', 'cache:https://example.org', 'health:https://example.org', 'draft-popup:https://example.org'], [`cache:${A}`, `health:${A}`, `draft-popup:${A}`]]);
  });
});
