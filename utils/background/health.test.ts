import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { mockI18n } from '../../tests/unit/i18n-mock';
import { scheduleBody, startTestPortal, type TestPortal } from '../../tests/portal/helpers';
import { healthItem } from '../extension/health-record';
import { scheduleCacheItem } from '../extension/schedule-cache';
import type { HealthRecord } from '../pure/messages/protocol';
import type { ScheduleDto } from '../pure/docspace/schemas';
import { portalsItem } from '../extension/portal-list';
import { setPrefs } from '../extension/prefs';
import { updateBadge } from './badge';
import { checkAll, checkPortal, namesLookedUp, settingsItem } from './health';
import { clientFor } from './session';
import { GLOBAL_LIMIT, PER_PORTAL_LIMIT } from './limits';
import { flushDigest } from './notify-digest';

// The background's health check against the local DocSpace portal over real
// HTTP (in-process, port 0), and against fetch stubs for queueing and timing.
// Node's fetch has no cookie jar: `browserFetch` plays the browser, attaching
// the session cookie to credentialed requests, as Chromium does for the
// extension's background with the host permission.

const realFetch = globalThis.fetch;
let granted: Set<string>;

beforeEach(() => {
  fakeBrowser.reset();
  granted = new Set(['http://127.0.0.1/*', 'https://*/*']);
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async (p) =>
    (p.origins ?? []).every((o) => granted.has(o) || (o.startsWith('https://') && granted.has('https://*/*'))),
  );
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const addPortals = (origins: string[]) => portalsItem.setValue(origins.map((origin, i) => ({ origin, name: `P${i}`, addedAt: i })));

describe('checkPortal against the local portal', () => {
  let portal: TestPortal;
  let session: string | undefined;
  let requests: { method: string; path: string }[];

  /** The browser's side of a background fetch: the portal's cookie on credentialed requests. */
  // Holds the next folder request until released (a slow answer, on cue).
  let holdFolder: Promise<void> | undefined;
  const browserFetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    requests.push({ method: init?.method ?? 'GET', path: url.pathname });
    if (holdFolder && /^\/api\/2\.0\/files\/\d+$/.test(url.pathname)) {
      const hold = holdFolder;
      holdFolder = undefined;
      await hold;
    }
    const headers = new Headers(init?.headers);
    if (init?.credentials === 'include' && session && url.origin === portal.base) headers.set('Cookie', `asc_auth_key=${session}`);
    return realFetch(input, { ...init, headers });
  };

  const api = async (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
    portal.call(path, { method, body, token: await portal.login('owner') });
  const createSchedule = async (cronParams: Record<string, number>) => {
    const r = await api('/api/2.0/backup/createbackupschedule', scheduleBody({ cronParams }));
    expect(r.status).toBe(200);
  };
  const settingsRequests = () => requests.filter((r) => r.path === '/api/2.0/settings').length;

  beforeAll(async () => {
    portal = await startTestPortal();
  });
  afterAll(async () => {
    await portal.close();
  });

  beforeEach(async () => {
    requests = [];
    holdFolder = undefined;
    await portal.call('/__test__/reset', { method: 'POST', body: {} });
    // A fixed portal time, far from any slot used below (scheduler ticks only on clock moves).
    await portal.call('/__test__/clock', { method: 'POST', body: { set: '2026-03-09T12:00:00Z' } });
    session = await portal.login('owner');
    vi.stubGlobal('fetch', browserFetch);
    await addPortals([portal.base]);
  });

  it('no schedule: off, with the portal time zone and kind', async () => {
    const record = await checkPortal(portal.base);
    expect(record).toMatchObject({ origin: portal.base, state: 'off', schedule: null, lastKnownSchedule: null, timezone: 'Europe/Berlin', standalone: true });
    expect(record.nextRun).toBeUndefined();
    expect(await healthItem(portal.base).getValue()).toEqual(record);
  });

  it("records the backup room's name, asked once per room", async () => {
    await createSchedule({ period: 0, hour: 2 });
    const folderReads = () => requests.filter((r) => /^\/api\/2\.0\/files\/\d+$/.test(r.path)).length;
    expect((await checkPortal(portal.base)).room).toEqual({ folderId: '101', title: 'Backups' });
    expect(folderReads()).toBe(1);
    expect((await checkPortal(portal.base)).room).toEqual({ folderId: '101', title: 'Backups' });
    expect(folderReads()).toBe(1);
  });

  it('a schedule that ran at its last slot: healthy, with the file and the next run; overdue one hour after a missed slot', async () => {
    // Daily 02:00 Berlin; the portal runs it Mon 2026-03-09 02:00 CET = 01:00Z. Next slot Tue 02:00 CET = 01:00Z.
    await portal.call('/__test__/clock', { method: 'POST', body: { set: '2026-03-09T00:30:00Z' } });
    await createSchedule({ period: 0, hour: 2 });
    await portal.call('/__test__/clock', { method: 'POST', body: { set: '2026-03-09T12:00:00Z' } });
    const healthy = await checkPortal(portal.base, () => new Date('2026-03-09T12:00:00Z'));
    expect(healthy).toMatchObject({ state: 'healthy', nextRun: Date.parse('2026-03-10T01:00:00Z'), checkedAt: Date.parse('2026-03-09T12:00:00Z') });
    expect(healthy.run).toEqual({ startedAt: Date.parse('2026-03-09T01:00:00Z'), outcome: 'succeeded', finishedAt: Date.parse('2026-03-09T01:00:00Z'), fileName: 'localhost_2026-03-09_02-00-00.tar.gz' });
    expect(healthy.schedule).toMatchObject({ cronParams: { period: 0, hour: 2 }, lastBackupTime: '2026-03-09T01:00:00' });
    expect(healthy.lastKnownSchedule).toEqual(healthy.schedule);
    expect(healthy.missedSlot).toBeUndefined();

    expect((await checkPortal(portal.base, () => new Date('2026-03-10T01:59:59Z'))).state).toBe('healthy');
    const overdue = await checkPortal(portal.base, () => new Date('2026-03-10T02:00:00Z'));
    expect(overdue).toMatchObject({ state: 'overdue', missedSlot: Date.parse('2026-03-10T01:00:00Z') });
  });

  it('a never-run schedule keeps the time it was first seen across checks, and restarts it when edited', async () => {
    // Daily 02:00, first seen Tue 2026-03-10 11:00 CET (10:00Z): due at once, expected by 10:15Z, overdue after 11:15Z.
    await createSchedule({ period: 0, hour: 2 });
    const first = await checkPortal(portal.base, () => new Date('2026-03-10T10:00:00Z'));
    expect(first).toMatchObject({ state: 'scheduled', neverRunSince: Date.parse('2026-03-10T10:00:00Z'), firstRun: Date.parse('2026-03-10T10:15:00Z') });
    const later = await checkPortal(portal.base, () => new Date('2026-03-10T11:15:01Z'));
    expect(later).toMatchObject({ state: 'overdue', neverRunSince: Date.parse('2026-03-10T10:00:00Z'), missedSlot: Date.parse('2026-03-10T10:00:00Z') });

    // Edited (hour 3): a new never-run schedule, whose clock starts at this check.
    await createSchedule({ period: 0, hour: 3 });
    const edited = await checkPortal(portal.base, () => new Date('2026-03-10T11:20:00Z'));
    expect(edited).toMatchObject({ state: 'scheduled', neverRunSince: Date.parse('2026-03-10T11:20:00Z') });
  });

  it('a schedule that disappears: vanished, on later checks too, with the last known schedule kept', async () => {
    await createSchedule({ period: 1, hour: 3, day: 2 });
    const before = await checkPortal(portal.base);
    expect(before.state).toBe('scheduled');
    expect((await portal.call('/__test__/schedule/vanish', { method: 'POST', body: {} })).json).toEqual({ deleted: true });

    // The audit trail answers and has no 5130: the portal removed it by itself.
    const gone = await checkPortal(portal.base);
    expect(gone).toMatchObject({ state: 'vanished', schedule: null, removedBy: 'portal' });
    expect(gone.lastKnownSchedule).toEqual(before.schedule);
    const again = await checkPortal(portal.base);
    expect(again).toMatchObject({ state: 'vanished', schedule: null });
    expect(again.lastKnownSchedule).toEqual(before.schedule);
  });

  it('a schedule that disappears while the portal could not be reached is still told as vanished', async () => {
    await createSchedule({ period: 0, hour: 2 });
    const before = await checkPortal(portal.base);
    expect(before.state).toBe('scheduled');
    await portal.call('/__test__/faults', { method: 'POST', body: { path: 'getbackupschedule', status: 503 } });
    expect((await checkPortal(portal.base)).state).toBe('unreachable');
    await portal.call('/__test__/schedule/vanish', { method: 'POST', body: {} });
    const gone = await checkPortal(portal.base);
    expect(gone).toMatchObject({ state: 'vanished', schedule: null, lastKnownSchedule: before.schedule });
    expect(gone.failure).toBeUndefined();
  });

  it('a schedule already told as vanished stays vanished after a check that failed', async () => {
    await createSchedule({ period: 0, hour: 2 });
    const before = await checkPortal(portal.base);
    await portal.call('/__test__/schedule/vanish', { method: 'POST', body: {} });
    expect((await checkPortal(portal.base)).state).toBe('vanished');
    await portal.call('/__test__/faults', { method: 'POST', body: { path: 'getbackupschedule', status: 503 } });
    expect((await checkPortal(portal.base)).state).toBe('unreachable');
    expect((await checkPortal(portal.base)).state).toBe('vanished');
    expect((await healthItem(portal.base).getValue())?.lastKnownSchedule).toEqual(before.schedule);
  });

  /** Daily 02:00 Berlin, run by the portal at Mon 2026-03-09 01:00Z, failing with `message`. */
  const failedRun = async (message: string) => {
    await portal.call('/__test__/clock', { method: 'POST', body: { set: '2026-03-09T00:30:00Z' } });
    await createSchedule({ period: 0, hour: 2 });
    expect((await portal.call('/__test__/backup-failure', { method: 'POST', body: { message } })).status).toBe(200);
    await portal.call('/__test__/clock', { method: 'POST', body: { set: '2026-03-09T12:00:00Z' } });
  };

  it('a last run that failed is still failed after a check that failed, and after its progress expired', async () => {
    await failedRun('Disk full');
    expect(await checkPortal(portal.base, () => new Date('2026-03-09T12:00:00Z'))).toMatchObject({ state: 'failed', error: 'Disk full' });
    await portal.call('/__test__/faults', { method: 'POST', body: { path: 'getbackupschedule', status: 503 } });
    expect((await checkPortal(portal.base)).state).toBe('unreachable');
    // The next day, before the next slot: the portal's progress is gone; the record keeps the error.
    await portal.call('/__test__/clock', { method: 'POST', body: { set: '2026-03-10T00:50:00Z' } });
    expect(await checkPortal(portal.base, () => new Date('2026-03-10T00:50:00Z'))).toMatchObject({ state: 'failed', error: 'Disk full' });
  });

  it('a failure first checked 25 portal-hours later: failed from the audit trail (5129), not healthy', async () => {
    // Weekly, so no later run replaces anything: Monday (Quartz 2) 02:00 Berlin = Mon 2026-03-09 01:00Z.
    await portal.call('/__test__/clock', { method: 'POST', body: { set: '2026-03-09T00:30:00Z' } });
    await createSchedule({ period: 1, hour: 2, day: 2 });
    await portal.call('/__test__/backup-failure', { method: 'POST', body: { message: 'Room deleted' } });
    await portal.call('/__test__/clock', { method: 'POST', body: { set: '2026-03-10T02:00:00Z' } });
    const record = await checkPortal(portal.base, () => new Date('2026-03-10T02:00:00Z'));
    expect(record).toMatchObject({ state: 'failed', run: { outcome: 'failed', startedAt: Date.parse('2026-03-09T01:00:00Z') } });
    expect(record.error).toBeUndefined();
    // A plan without the audit feature ignores the filters and answers the last 20 events: they still
    // hold the 5129, and an event found counts.
    await healthItem(portal.base).removeValue();
    await portal.call('/__test__/plan', { method: 'POST', body: { audit: false } });
    expect((await checkPortal(portal.base, () => new Date('2026-03-10T02:00:00Z'))).state).toBe('failed');
    // No audit at all (403): nothing tells any more; unknown with the reason, never healthy.
    await healthItem(portal.base).removeValue();
    await portal.call('/__test__/faults', { method: 'POST', body: { path: 'security/audit/events/filter', status: 403, times: 0 } });
    expect(await checkPortal(portal.base, () => new Date('2026-03-10T02:00:00Z'))).toMatchObject({ state: 'unknown', reason: 'progress-expired' });
    await portal.call('/__test__/faults', { method: 'DELETE', body: {} });
  });

  it('a slot skipped because a manual backup was running: no file', async () => {
    await portal.call('/__test__/clock', { method: 'POST', body: { set: '2026-03-09T00:50:00Z' } });
    await createSchedule({ period: 1, hour: 2, day: 2 });
    const token = await portal.login('owner');
    await portal.call('/api/2.0/backup/startbackup', { token, body: { storageType: 4 } });
    await portal.call('/__test__/clock', { method: 'POST', body: { set: '2026-03-09T01:05:00Z' } }); // the slot, while it runs
    await new Promise((r) => setTimeout(r, 1200)); // the manual backup (1 s here) finishes with its record
    expect((await api('/api/2.0/backup/getbackuphistory')).json.response).toHaveLength(1);
    const record = await checkPortal(portal.base, () => new Date('2026-03-09T03:00:00Z'));
    expect(record).toMatchObject({ state: 'no-file', run: { outcome: 'no-file', startedAt: Date.parse('2026-03-09T01:00:00Z') } });
  });

  it('a schedule an admin deleted: turned off, with who and when (audit 5130)', async () => {
    await createSchedule({ period: 0, hour: 2 });
    expect((await checkPortal(portal.base)).state).toBe('scheduled');
    await portal.call('/api/2.0/backup/deletebackupschedule', { method: 'DELETE', token: await portal.login('admin') });
    const record = await checkPortal(portal.base);
    expect(record).toMatchObject({ state: 'turned-off', turnedOff: { by: 'Adam Admin', at: Date.parse('2026-03-09T12:00:00Z') } });
    expect((await checkPortal(portal.base)).state).toBe('turned-off');
  });

  it('turned off with no schedule ever seen: off, not vanished', async () => {
    expect((await checkPortal(portal.base)).state).toBe('off');
    expect((await checkPortal(portal.base)).state).toBe('off');
  });

  it('signed out: records signed-out and keeps what it knew', async () => {
    await createSchedule({ period: 0, hour: 2 });
    const known = await checkPortal(portal.base);
    session = undefined; // the cookie is gone
    const record = await checkPortal(portal.base);
    expect(record).toMatchObject({ state: 'signed-out', failure: { kind: 'signed-out' }, schedule: known.schedule, lastKnownSchedule: known.schedule });
  });

  it('a user who may not manage backups: no-access', async () => {
    session = await portal.login('user');
    expect(await checkPortal(portal.base)).toMatchObject({ state: 'no-access', failure: { kind: 'forbidden' } });
  });

  it('a last run that failed: failed, with the portal\'s message', async () => {
    await failedRun('Not enough space in the room');
    expect(await checkPortal(portal.base, () => new Date('2026-03-09T12:00:00Z'))).toMatchObject({ state: 'failed', error: 'Not enough space in the room' });
  });

  it('a server error and a closed port: unreachable', async () => {
    await portal.call('/__test__/faults', { method: 'POST', body: { path: 'getbackupschedule', status: 500 } });
    expect(await checkPortal(portal.base)).toMatchObject({ state: 'unreachable', failure: { kind: 'server', status: 500 } });

    const closed = await startTestPortal();
    const origin = closed.base;
    await closed.close();
    await addPortals([portal.base, origin]);
    expect(await checkPortal(origin)).toMatchObject({ state: 'unreachable', failure: { kind: 'offline' } });
  });

  it('a portal without the host permission: no-access, without a request', async () => {
    granted.clear();
    expect(await checkPortal(portal.base)).toMatchObject({ state: 'no-access', failure: { kind: 'no-permission' } });
    expect(requests).toEqual([]);
  });

  it("in a round, records the health first and the room's name after every check, onto that same record", async () => {
    await createSchedule({ period: 0, hour: 2 });
    const [first] = await checkAll();
    // The state does not wait for the name: the row says "Backup room" meanwhile.
    expect(first).toMatchObject({ state: 'scheduled', room: { folderId: '101' } });
    expect(first!.room?.title).toBeUndefined();
    await namesLookedUp();
    expect(await healthItem(portal.base).getValue()).toEqual({ ...first, room: { folderId: '101', title: 'Backups' } });
    // Known from then on: the next round asks no name.
    const folderReads = () => requests.filter((r) => /^\/api\/2\.0\/files\/\d+$/.test(r.path)).length;
    expect(folderReads()).toBe(1);
    expect((await checkAll())[0]!.room).toEqual({ folderId: '101', title: 'Backups' });
    await namesLookedUp();
    expect(folderReads()).toBe(1);
  });

  it("a name looked up after the round never overwrites a newer check's record", async () => {
    await createSchedule({ period: 0, hour: 2 });
    let release!: () => void;
    holdFolder = new Promise((r) => (release = r));
    await checkAll();
    // A save's read-back is recorded while the round's name is on its way, and says the room is gone.
    const client = await clientFor(portal.base);
    const schedule = await client.getSchedule();
    const settings = { timezone: 'Europe/Berlin', standalone: true };
    const newer = await checkPortal(portal.base, () => new Date(Date.now() + 60_000), { client, schedule, settings, target: { missing: true } });
    expect(newer.room).toEqual({ folderId: '101', missing: true });
    release();
    await namesLookedUp();
    expect(await healthItem(portal.base).getValue()).toEqual(newer);
  });

  it('the schedule a page loaded today spares the settings and the room name requests', async () => {
    await createSchedule({ period: 0, hour: 2 });
    const schedule = ((await api('/api/2.0/backup/getbackupschedule')).json as { response: ScheduleDto }).response;
    await scheduleCacheItem(portal.base).setValue({
      schedule,
      target: { title: 'Backups' },
      portal: { timezone: 'Asia/Tokyo', standalone: true, utcOffset: '09:00:00' },
      fingerprint: 'x',
      fetchedAt: Date.now() - 3600_000,
    });
    requests = [];
    const record = await checkPortal(portal.base);
    expect(record).toMatchObject({ state: 'scheduled', timezone: 'Asia/Tokyo', room: { folderId: '101', title: 'Backups' } });
    expect(requests.map((r) => r.path)).toEqual(['/api/2.0/backup/getbackupschedule']);
    // A day old, it no longer serves: the settings are asked.
    await healthItem(portal.base).removeValue();
    await scheduleCacheItem(portal.base).setValue({ ...(await scheduleCacheItem(portal.base).getValue())!, fetchedAt: Date.now() - 25 * 3600_000 });
    expect(await checkPortal(portal.base)).toMatchObject({ timezone: 'Europe/Berlin', room: { title: 'Backups' } });
    expect(settingsRequests()).toBe(1);
  });

  it('reads the settings once for two checks', async () => {
    await createSchedule({ period: 0, hour: 2 });
    await checkPortal(portal.base);
    await checkPortal(portal.base);
    expect(settingsRequests()).toBe(1);
    expect(requests.filter((r) => r.path === '/api/2.0/backup/getbackupschedule')).toHaveLength(2);
  });

  it('notifies when a portal turns bad, once per new state, when the user asked for it', async () => {
    const create = vi.spyOn(fakeBrowser.notifications, 'create').mockResolvedValue('id');
    await checkPortal(portal.base);
    await setPrefs({ notify: true });
    session = undefined;
    await checkPortal(portal.base);
    await checkPortal(portal.base);
    await flushDigest(); // notify-digest.ts waits a moment for other portals' changes
    expect(create).toHaveBeenCalledTimes(1);
    expect(create.mock.calls[0]![0]).toBe(`health:${portal.base}`);
  });
});

describe('checking many portals (fetch stub)', () => {
  const envelope = (response: unknown) => new Response(JSON.stringify({ response, count: 1, status: 0, statusCode: 200 }), { status: 200 });
  const schedule = { storageType: 0, storageParams: { folderId: '101' }, cronParams: { period: 0, hour: 2, day: 0 }, backupsStored: 7, lastBackupTime: '0001-01-01T00:00:00', dump: false };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  let inFlight: number;
  let maxInFlight: number;
  let maxPerPortal: number;
  let calls: string[];

  /** A portal answering after `delay(origin)` ms; counts requests between their start and their answer. */
  function stub(delay: (origin: string) => number | Promise<void>) {
    inFlight = 0;
    maxInFlight = 0;
    maxPerPortal = 0;
    calls = [];
    const perPortal = new Map<string, number>();
    vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
      const url = new URL(String(input));
      calls.push(url.href);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      perPortal.set(url.origin, (perPortal.get(url.origin) ?? 0) + 1);
      maxPerPortal = Math.max(maxPerPortal, perPortal.get(url.origin)!);
      try {
        const d = delay(url.origin);
        await (typeof d === 'number' ? sleep(d) : d);
        if (url.pathname === '/api/2.0/settings') return envelope({ timezone: 'Europe/Berlin', standalone: false });
        if (url.pathname === '/api/2.0/backup/getbackupschedule') return envelope(schedule);
        if (url.pathname === '/api/2.0/backup/getbackupprogress') return envelope({ isCompleted: true, progress: 100 });
        return new Response('', { status: 404 });
      } finally {
        perPortal.set(url.origin, perPortal.get(url.origin)! - 1);
        inFlight--;
      }
    });
  }

  const origins = (n: number) => Array.from({ length: n }, (_, i) => `https://portal${i}.example.com`);

  it(`has at most ${GLOBAL_LIMIT} requests in flight, ${PER_PORTAL_LIMIT} per portal, and uses all of them`, async () => {
    const list = origins(60);
    await addPortals(list);
    stub(() => 20);
    const records = await checkAll();
    expect(records.map((r) => r.state)).toEqual(list.map(() => 'scheduled'));
    // Each portal (cloud): schedule + settings, then the backup counts (404 here: a 3.7 portal);
    // the room's name (404), queued behind the round's checks.
    await namesLookedUp();
    expect(calls).toHaveLength(list.length * 4);
    expect(maxInFlight).toBe(GLOBAL_LIMIT);
    expect(maxPerPortal).toBeLessThanOrEqual(PER_PORTAL_LIMIT);
  });

  it('a warm round (one request a check: the settings known) keeps every global slot busy', async () => {
    const list = origins(GLOBAL_LIMIT + 24);
    await addPortals(list);
    for (const origin of list) await settingsItem(origin).setValue({ at: Date.now(), settings: { timezone: 'Europe/Berlin', standalone: true } });
    stub(() => 20);
    await checkAll();
    // Names of rooms come after the round; only the schedules are the round's own requests.
    expect(calls.filter((c) => c.includes('/getbackupschedule'))).toHaveLength(list.length);
    expect(calls.filter((c) => c.includes('/api/2.0/settings'))).toHaveLength(0);
    expect(maxInFlight).toBe(GLOBAL_LIMIT);
    await namesLookedUp();
  });

  it('keeps the limits across separate checks started together (one queue)', async () => {
    const list = origins(GLOBAL_LIMIT / PER_PORTAL_LIMIT);
    await addPortals(list);
    stub(() => 15);
    // Two checks of each portal at once: still two requests per portal at most.
    await Promise.all([...list, ...list].map((o) => checkPortal(o)));
    expect(maxInFlight).toBe(GLOBAL_LIMIT);
    expect(maxPerPortal).toBe(PER_PORTAL_LIMIT);
  });

  it('a slow portal does not delay the others', async () => {
    const list = origins(12);
    await addPortals(list);
    const slow = list[0]!;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    stub((origin) => (origin === slow ? gate : 10));

    let slowDone = false;
    const slowCheck = checkPortal(slow).then((r) => ((slowDone = true), r));
    const started = performance.now();
    const others = await Promise.all(list.slice(1).map((o) => checkPortal(o)));
    const elapsed = performance.now() - started;

    expect(others.map((r) => r.state)).toEqual(list.slice(1).map(() => 'scheduled'));
    expect(slowDone).toBe(false);
    // 11 portals × 3 requests of 10 ms; the slow portal holds only its own 2 turns: well under a second.
    expect(elapsed).toBeLessThan(1000);
    for (const o of list.slice(1)) expect((await healthItem(o).getValue())?.state).toBe('scheduled');
    expect(await healthItem(slow).getValue()).toBeNull();

    release();
    expect((await slowCheck).state).toBe('scheduled');
  });
});

describe('updateBadge', () => {
  const A = 'https://a.example.com';
  const B = 'https://b.example.com';
  const C = 'http://127.0.0.1:8092';

  let text: MockInstance<typeof fakeBrowser.action.setBadgeText>;
  let color: MockInstance<typeof fakeBrowser.action.setBadgeBackgroundColor>;
  let title: MockInstance<typeof fakeBrowser.action.setTitle>;
  let tabUrl: string | undefined;

  const record = (origin: string, state: HealthRecord['state']): HealthRecord => ({ origin, state, checkedAt: 1, schedule: null, lastKnownSchedule: null });

  beforeEach(async () => {
    mockI18n();
    text = vi.spyOn(fakeBrowser.action, 'setBadgeText').mockResolvedValue(undefined);
    color = vi.spyOn(fakeBrowser.action, 'setBadgeBackgroundColor').mockResolvedValue(undefined);
    title = vi.spyOn(fakeBrowser.action, 'setTitle').mockResolvedValue(undefined);
    tabUrl = undefined;
    vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation(async () => (tabUrl ? [{ url: tabUrl } as Awaited<ReturnType<typeof fakeBrowser.tabs.query>>[number]] : []));
    await addPortals([A, B, C]);
    await healthItem(A).setValue(record(A, 'healthy'));
    await healthItem(B).setValue(record(B, 'overdue'));
    await healthItem(C).setValue(record(C, 'signed-out'));
  });

  const last = () => ({ text: text.mock.lastCall?.[0], color: color.mock.lastCall?.[0], title: title.mock.lastCall?.[0] });

  it("on a portal's tab, shows that portal's state", async () => {
    tabUrl = `${A}/rooms/shared/101`;
    await updateBadge();
    expect(last()).toEqual({
      text: { text: '✓' },
      color: { color: '#1a7f37' },
      title: { title: 'DocSpace Backup — a.example.com: Backups are running on schedule.' },
    });

    tabUrl = `${C}/`;
    await updateBadge();
    expect(last()).toEqual({
      text: { text: '⏻' },
      color: { color: '#9a6700' },
      title: { title: 'DocSpace Backup — 127.0.0.1:8092: Signed out: sign in to the portal to check its backup.' },
    });
  });

  it('on any other tab (or none), shows the worst of all portals', async () => {
    tabUrl = 'https://news.example.org/';
    await updateBadge();
    expect(last()).toEqual({
      text: { text: '!' },
      color: { color: '#bf8700' },
      title: { title: 'DocSpace Backup — all portals: Overdue: no backup since the last scheduled time.' },
    });

    await healthItem(A).setValue(record(A, 'vanished'));
    tabUrl = undefined;
    await updateBadge();
    expect(last()).toEqual({
      text: { text: '?' },
      color: { color: '#cf222e' },
      title: { title: 'DocSpace Backup — all portals: The backup schedule has disappeared.' },
    });
  });

  it('a different port on the same host is a different portal', async () => {
    tabUrl = 'http://127.0.0.1:9999/';
    await updateBadge();
    expect(last().text).toEqual({ text: '!' }); // the worst (B), not C's signed-out
  });

  it('ignores records of portals that were removed, and clears the badge when nothing was checked', async () => {
    await healthItem('https://gone.example.com').setValue(record('https://gone.example.com', 'failed'));
    await updateBadge();
    expect(last().text).toEqual({ text: '!' });

    await addPortals([]);
    await updateBadge();
    expect(last().text).toEqual({ text: '' });
    expect(last().title).toEqual({ title: 'DocSpace Backup' });
  });

  it('still updates when the tabs API fails', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockRejectedValue(new Error('No window'));
    await updateBadge();
    expect(last().text).toEqual({ text: '!' });
  });
});
