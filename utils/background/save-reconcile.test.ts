import type { Browser } from '#imports';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { portalsItem } from '../extension/portal-list';
import { draftItem } from '../extension/schedule-draft';
import { fingerprint, formFromSchedule, requestFromForm } from '../pure/schedule/form';
import type { ScheduleDto } from '../pure/docspace/schemas';
import { route, type RouterContext } from './router';
import { weeklySchedule } from '@/tests/unit/schedules';

// Issue 11: a save that succeeds after its page closed leaves no stale draft behind.
const PORTAL = 'https://portal.example.com';
const ctx: RouterContext = { ownId: fakeBrowser.runtime.id, ownBaseUrl: fakeBrowser.runtime.getURL('/') };
const popup: Browser.runtime.MessageSender = { id: ctx.ownId, url: `${ctx.ownBaseUrl}popup.html` };
let stored: ScheduleDto | null;

beforeEach(async () => {
  fakeBrowser.reset();
  stored = weeklySchedule();
  vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
  const envelope = (response: unknown) => new Response(JSON.stringify({ ...(response === null ? {} : { response }), status: 0, statusCode: 200 }), { status: 200 });
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input)).pathname;
    if (path.endsWith('/getbackupschedule')) return envelope(stored);
    if (path.endsWith('/createbackupschedule')) {
      const body = JSON.parse(String(init?.body)) as { storageType: number; storageParams: { key: string; value: string }[]; backupsStored: number; cronParams: ScheduleDto['cronParams'] };
      stored = { storageType: body.storageType, storageParams: Object.fromEntries(body.storageParams.map((p) => [p.key, p.value])), cronParams: body.cronParams, backupsStored: body.backupsStored, lastBackupTime: '0001-01-01T00:00:00', dump: false };
      return envelope(true);
    }
    if (path === '/api/2.0/settings') return envelope({ timezone: 'UTC', standalone: false });
    return new Response('', { status: 404 });
  }));
  await portalsItem.setValue([{ origin: PORTAL, name: 'P', addedAt: 1 }]);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

it('after a verified save, the drafts of both pages that ask for the stored schedule are removed; others stay', async () => {
  const form = { ...formFromSchedule(stored), backupsStored: '3' };
  const other = { ...formFromSchedule(stored), backupsStored: '9' };
  await draftItem(PORTAL, 'popup').setValue({ form, base: fingerprint(stored), savedAt: 1 });
  await draftItem(PORTAL, 'options').setValue({ form: other, base: fingerprint(stored), savedAt: 2 });
  const reply = await route({ type: 'schedule.save', origin: PORTAL, request: requestFromForm(form, false), expected: fingerprint(stored), force: false }, popup, ctx);
  expect(reply).toMatchObject({ ok: true, data: { status: 'saved' } });
  expect(await draftItem(PORTAL, 'popup').getValue()).toBeNull();
  expect((await draftItem(PORTAL, 'options').getValue())?.form.backupsStored).toBe('9');
});
