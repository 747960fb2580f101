import type { Browser } from '#imports';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { portalsItem } from '../extension/portal-list';
import { scheduleCacheItem } from '../extension/schedule-cache';
import { healthItem } from '../extension/health-record';
import { fingerprint, formFromSchedule, requestFromForm } from '../pure/schedule/form';
import type { ScheduleDto } from '../pure/docspace/schemas';
import type { HealthRecord } from '../pure/messages/protocol';
import { route, type RouterContext } from './router';
import { weeklySchedule } from '@/tests/unit/schedules';

// Issue 13: what reading and writing a schedule costs. A save is a re-read for the conflict check, the write and the read-back, plus the
// target's name only when the backups now go somewhere else. Health is made from the read-back.
const PORTAL = 'https://portal.example.com';
const ctx: RouterContext = { ownId: fakeBrowser.runtime.id, ownBaseUrl: fakeBrowser.runtime.getURL('/') };
const popup: Browser.runtime.MessageSender = { id: ctx.ownId, url: `${ctx.ownBaseUrl}popup.html` };
let stored: ScheduleDto | null;
let requests: string[];

// The server leaves a null response out of the envelope.
const envelope = (response: unknown) => new Response(JSON.stringify({ ...(response === null ? {} : { response }), status: 0, statusCode: 200 }), { status: 200 });

beforeEach(async () => {
  // A week after the last run: the weekly schedule is on time.
  vi.useFakeTimers({ now: new Date('2026-03-12T00:00:00Z'), toFake: ['Date'] });
  fakeBrowser.reset();
  stored = weeklySchedule();
  requests = [];
  vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input)).pathname;
    requests.push(`${init?.method ?? 'GET'} ${path}`);
    if (path.endsWith('/getbackupschedule')) return envelope(stored);
    if (path.endsWith('/createbackupschedule')) {
      const body = JSON.parse(String(init?.body)) as { storageType: number; storageParams: { key: string; value: string }[]; backupsStored: number; cronParams: ScheduleDto['cronParams'] };
      // AddOrUpdateAsync resets lastBackupTime to DateTime.MinValue, as the local portal does.
      stored = { ...weeklySchedule(), lastBackupTime: '0001-01-01T00:00:00', storageType: body.storageType, storageParams: Object.fromEntries(body.storageParams.map((p) => [p.key, p.value])), cronParams: body.cronParams, backupsStored: body.backupsStored };
      return envelope(true);
    }
    if (path.endsWith('/deletebackupschedule')) {
      stored = null;
      return envelope(true);
    }
    if (path === '/api/2.0/settings') return envelope({ timezone: 'UTC', standalone: true });
    if (path.startsWith('/api/2.0/files/')) return envelope({ current: { id: 777, title: 'New room' }, folders: [], files: [], pathParts: [] });
    return new Response('', { status: 404 });
  }));
  await portalsItem.setValue([{ origin: PORTAL, name: 'P', addedAt: 1 }]);
  // What the page loaded before editing.
  await scheduleCacheItem(PORTAL).setValue({
    schedule: stored,
    target: { title: 'Backups' },
    portal: { timezone: 'UTC', standalone: true },
    fingerprint: fingerprint(stored),
    fetchedAt: 1,
  });
  const settledRun: HealthRecord['run'] = { startedAt: Date.parse('2026-03-10T08:00:03Z'), outcome: 'succeeded', finishedAt: Date.parse('2026-03-10T08:05:00Z') };
  await healthItem(PORTAL).setValue({ origin: PORTAL, state: 'healthy', checkedAt: 1, schedule: stored, lastKnownSchedule: stored, timezone: 'UTC', standalone: true, fingerprint: fingerprint(stored), run: settledRun });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const save = (patch: Partial<ReturnType<typeof formFromSchedule>>, expected = fingerprint(stored)) =>
  route({ type: 'schedule.save', origin: PORTAL, request: requestFromForm({ ...formFromSchedule(stored), ...patch }, true), expected, force: false }, popup, ctx);

describe('what a save costs', () => {
  it('three requests when the backups still go to the same room, and health from the read-back', async () => {
    const reply = await save({ backupsStored: '3' });
    expect(reply).toMatchObject({ ok: true, data: { status: 'saved', loaded: { target: { title: 'Backups' } } } });
    expect(requests).toEqual(['GET /api/2.0/backup/getbackupschedule', 'POST /api/2.0/backup/createbackupschedule', 'GET /api/2.0/backup/getbackupschedule']);
    const health = await healthItem(PORTAL).getValue();
    // The portal forgets the last run on every save: the schedule is new, its first run ahead.
    expect(health).toMatchObject({ state: 'scheduled', fingerprint: fingerprint(stored), schedule: { backupsStored: 3 } });
    expect(await scheduleCacheItem(PORTAL).getValue()).toMatchObject({ schedule: { backupsStored: 3 } });
  });

  it('four when the room changed: its name is asked for once', async () => {
    const reply = await save({ roomFolderId: '777' });
    expect(reply).toMatchObject({ ok: true, data: { status: 'saved', loaded: { target: { title: 'New room' } } } });
    expect(requests).toHaveLength(4);
    expect(requests[3]).toBe('GET /api/2.0/files/777');
  });

  it('a conflict costs the re-read alone and writes nothing', async () => {
    const reply = await save({ backupsStored: '3' }, 'an older fingerprint');
    expect(reply).toMatchObject({ ok: true, data: { status: 'conflict' } });
    expect(requests).toEqual(['GET /api/2.0/backup/getbackupschedule']);
  });

  it('turning off: re-read, delete, read back', async () => {
    const reply = await route({ type: 'schedule.delete', origin: PORTAL, expected: fingerprint(stored), force: false }, popup, ctx);
    expect(reply).toMatchObject({ ok: true, data: { status: 'saved', loaded: { schedule: null } } });
    expect(requests.map((r) => r.split(' ')[1]!.split('/').pop())).toEqual(['getbackupschedule', 'deletebackupschedule', 'getbackupschedule']);
    expect(await healthItem(PORTAL).getValue()).toMatchObject({ state: 'off', schedule: null });
  });

  it('a load records the health from the same answers: no second read of the schedule', async () => {
    const reply = await route({ type: 'schedule.load', origin: PORTAL }, popup, ctx);
    expect(reply).toMatchObject({ ok: true, data: { schedule: { backupsStored: 7 } } });
    // The run was judged before (the seeded record): only the schedule and the zone were needed.
    await vi.waitFor(async () => expect((await healthItem(PORTAL).getValue())?.checkedAt).toBeGreaterThan(1));
    // The room's name is the one the load asked for (this fake names every folder 'New room').
    expect(await healthItem(PORTAL).getValue()).toMatchObject({ state: 'healthy', room: { folderId: '12345', title: 'New room' } });
    expect(requests.map((r) => r.split('/').pop()).sort()).toEqual(['12345', 'getbackupschedule', 'settings']);
  });
});
