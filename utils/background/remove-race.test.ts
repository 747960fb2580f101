import type { Browser } from '#imports';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { portalsItem } from '../extension/portal-list';
import { route, type RouterContext } from './router';
import { weeklySchedule } from '@/tests/unit/schedules';

// Removing a portal removes every key it owns, also when one of its requests was still
// under way: the answer arriving afterwards must not write the key back.
const PORTAL = 'https://portal.example.com';
const ctx: RouterContext = { ownId: fakeBrowser.runtime.id, ownBaseUrl: fakeBrowser.runtime.getURL('/') };
const options: Browser.runtime.MessageSender = { id: ctx.ownId, url: `${ctx.ownBaseUrl}options.html` };
let removeDuring: string;

beforeEach(async () => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
  vi.spyOn(fakeBrowser.permissions, 'remove').mockResolvedValue(true);
  const envelope = (response: unknown) => new Response(JSON.stringify({ response, status: 0, statusCode: 200 }), { status: 200 });
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL) => {
    const path = new URL(String(input)).pathname;
    // The user removes the portal while this request is under way.
    if (path.endsWith(removeDuring)) expect(await route({ type: 'portals.remove', origin: PORTAL }, options, ctx)).toMatchObject({ ok: true });
    if (path.endsWith('/getbackupschedule')) return envelope(weeklySchedule());
    if (path === '/api/2.0/settings') return envelope({ timezone: 'UTC', standalone: false });
    if (path.endsWith('/startbackup') || path.endsWith('/getbackupprogress')) return envelope({ progress: 10, isCompleted: false, error: null, link: null });
    return new Response('', { status: 404 });
  }));
  await portalsItem.setValue([{ origin: PORTAL, name: 'P', addedAt: 1 }]);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const keysOfPortal = async () => Object.keys(await fakeBrowser.storage.local.get(null)).filter((key) => key.endsWith(PORTAL));

it.each([
  ['schedule.load', '/getbackupschedule', { type: 'schedule.load', origin: PORTAL }],
  ['schedule.load (time zone)', '/api/2.0/settings', { type: 'schedule.load', origin: PORTAL }],
  ['backup.start', '/startbackup', { type: 'backup.start', origin: PORTAL, storageType: 4, storageParams: null }],
])('%s answered after the portal was removed writes nothing about it', async (_name, during, msg) => {
  removeDuring = during;
  expect(await route(msg, options, ctx)).toMatchObject({ ok: true });
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(await portalsItem.getValue()).toEqual([]);
  expect(await keysOfPortal()).toEqual([]);
});

it('a manual backup being followed stops asking the portal once it is removed, and writes nothing about it', async () => {
  removeDuring = '/getbackupprogress';
  expect(await route({ type: 'backup.start', origin: PORTAL, storageType: 4, storageParams: null }, options, ctx)).toMatchObject({ ok: true });
  const calls = vi.mocked(fetch).mock.calls;
  await vi.waitFor(() => expect(calls.filter(([url]) => new URL(String(url)).pathname.endsWith('/getbackupprogress'))).toHaveLength(1));
  // The follower polls every 1.5 s: give it the time for one more round.
  await new Promise((resolve) => setTimeout(resolve, 1800));
  expect(calls.filter(([url]) => new URL(String(url)).pathname.endsWith('/getbackupprogress'))).toHaveLength(1);
  expect(await keysOfPortal()).toEqual([]);
});
