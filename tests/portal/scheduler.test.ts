import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { B, scheduleBody, startTestPortal, type TestPortal } from './helpers';

let t: TestPortal;
let token: string;
beforeAll(async () => {
  t = await startTestPortal({ timezone: 'Europe/Berlin' });
  token = await t.login('owner');
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.control('reset');
});

const HOUR = 3600_000;
const MIN = 60_000;
const DAY = 24 * HOUR;

async function setClock(iso: string) {
  const r = await t.call('/__test__/clock', { body: { set: iso } });
  expect(r.status).toBe(200);
}
/** Moves the clock and returns the lastBackupTime of every scheduled run it caused. */
async function advance(ms: number): Promise<string[]> {
  const r = await t.call('/__test__/clock', { body: { advanceMs: ms } });
  expect(r.status).toBe(200);
  return (r.json.ticks as Array<{ ran: Array<{ lastBackupTime: string }> }>).flatMap((x) => x.ran.map((y) => y.lastBackupTime));
}
async function createSchedule(cronParams: Record<string, unknown>, over: Record<string, unknown> = {}) {
  const r = await t.call(`${B}/createbackupschedule`, { token, body: scheduleBody({ cronParams, ...over }) });
  expect(r.status).toBe(200);
}
const seedLast = (lastBackupTime: string) => t.control('schedule/lastbackup', { lastBackupTime });
const lastBackupTime = async () => (await t.call(`${B}/getbackupschedule`, { token })).json.response.lastBackupTime as string;
const history = async () => (await t.call(`${B}/getbackuphistory`, { token })).json.response as Array<Record<string, string | number>>;

describe('first run after a save (never-run rule: UTC midnight − 1 s, read as portal time)', () => {
  it("runs at the next tick when today's slot has passed", async () => {
    await setClock('2026-03-10T10:00:00Z'); // 11:00 in Berlin
    await createSchedule({ period: 0, hour: 2 });
    expect(await lastBackupTime()).toBe('0001-01-01T00:00:00');
    expect(await advance(14 * MIN)).toEqual([]);
    expect(await advance(1 * MIN)).toEqual(['2026-03-10T10:15:00']);
    expect(await lastBackupTime()).toBe('2026-03-10T10:15:00');
    // Then the normal slot: 02:00 Berlin next day = 01:00 UTC.
    expect(await advance(DAY)).toEqual(['2026-03-11T01:00:00']);
  });

  it("waits for today's slot when it is still ahead", async () => {
    await setClock('2026-03-10T00:30:00Z'); // 01:30 in Berlin
    await createSchedule({ period: 0, hour: 2 });
    expect(await advance(15 * MIN)).toEqual([]);
    expect(await advance(15 * MIN)).toEqual(['2026-03-10T01:00:00']);
  });

  it('saved just before UTC midnight (already the next day in Berlin) it fires for the slot of the UTC date', async () => {
    // 23:40 UTC = 00:40 Berlin on the 11th. At the 23:45 tick the reference is 2026-03-09T23:59:59,
    // so 02:00 on the 10th counts as overdue, although it is already the 11th in Berlin.
    await setClock('2026-03-10T23:40:00Z');
    await createSchedule({ period: 0, hour: 2 });
    expect(await advance(5 * MIN)).toEqual(['2026-03-10T23:45:00']);
    expect(await advance(HOUR + 15 * MIN)).toEqual(['2026-03-11T01:00:00']);
  });
});

describe('tick granularity', () => {
  it('checks only on 15-minute boundaries of portal time', async () => {
    await setClock('2026-06-15T08:01:00Z'); // 10:01 CEST
    await createSchedule({ period: 0, hour: 10 });
    await seedLast('2026-06-14T08:00:00');
    expect(await advance(13 * MIN)).toEqual([]);
    expect(await advance(1 * MIN)).toEqual(['2026-06-15T08:15:00']);
    expect(await advance(DAY - 15 * MIN)).toEqual(['2026-06-16T08:00:00']);
  });

  it('POST /__test__/tick checks at the current instant, off the grid', async () => {
    await setClock('2026-06-15T08:07:00Z');
    await createSchedule({ period: 0, hour: 10 });
    await seedLast('2026-06-14T08:00:00');
    const r = await t.call('/__test__/tick', { method: 'POST' });
    expect(r.json.ran).toHaveLength(1);
    expect(r.json.ran[0].lastBackupTime).toMatch(/^2026-06-15T08:07:0\d$/);
    expect((await t.control('tick')).ran).toEqual([]);
  });

  it('GET /__test__/clock reports the portal time and offset', async () => {
    await setClock('2026-06-15T08:07:00Z');
    const r = await t.call('/__test__/clock', { method: 'GET' });
    expect(Date.parse(r.json.now) - Date.parse('2026-06-15T08:07:00Z')).toBeLessThan(5000);
    expect(r.json.offsetMs).toBeLessThan(0);
  });
});

describe('time zone and daylight saving (Europe/Berlin)', () => {
  it('spring forward: the missing 02:00 runs at the first tick after the jump', async () => {
    await setClock('2026-03-28T00:50:00Z');
    await createSchedule({ period: 0, hour: 2 });
    await seedLast('2026-03-28T01:00:00'); // 02:00 CET on the 28th
    expect(await advance(25 * HOUR + 10 * MIN)).toEqual(['2026-03-29T01:00:00']); // 03:00 CEST
    expect(await advance(DAY)).toEqual(['2026-03-30T00:00:00']); // 02:00 CEST
  });

  it('fall back: 02:00 happens twice but runs once', async () => {
    await setClock('2026-10-24T00:30:00Z');
    await createSchedule({ period: 0, hour: 2 });
    await seedLast('2026-10-24T00:00:00'); // 02:00 CEST on the 24th
    expect(await advance(2 * DAY + 2 * HOUR + 30 * MIN)).toEqual(['2026-10-25T00:00:00', '2026-10-26T01:00:00']);
  });

  it('settings report the zone and the current offset', async () => {
    await setClock('2026-07-01T12:00:00Z');
    const s = (await t.call('/api/2.0/settings', { token })).json.response;
    expect(s).toMatchObject({ timezone: 'Europe/Berlin', utcOffset: '02:00:00', utcHoursOffset: 2 });
    await setClock('2026-01-01T12:00:00Z');
    expect((await t.call('/api/2.0/settings', { token })).json.response).toMatchObject({ utcOffset: '01:00:00', utcHoursOffset: 1 });
  });
});

describe('Quartz calendar rules', () => {
  it('weekly day 1 is Sunday', async () => {
    await setClock('2026-03-02T00:00:00Z'); // a Monday
    await createSchedule({ period: 1, hour: 3, day: 1 });
    await seedLast('2026-03-01T02:00:00'); // Sunday 03:00 CET
    const runs = await advance(14 * DAY);
    expect(runs).toEqual(['2026-03-08T02:00:00', '2026-03-15T02:00:00']);
    for (const r of runs) expect(new Date(`${r}Z`).getUTCDay()).toBe(0);
  });

  it('weekly day 2 is Monday, day 7 is Saturday', async () => {
    await setClock('2026-03-02T12:00:00Z');
    await createSchedule({ period: 1, hour: 12, day: 2 });
    await seedLast('2026-03-02T11:00:00');
    expect(await advance(7 * DAY)).toEqual(['2026-03-09T11:00:00']);
    await createSchedule({ period: 1, hour: 12, day: 7 });
    await seedLast('2026-03-09T11:00:00');
    expect(await advance(7 * DAY)).toEqual(['2026-03-14T11:00:00']);
  });

  it('monthly day 31 skips 30-day months', async () => {
    await setClock('2026-03-31T12:00:00Z');
    await createSchedule({ period: 2, hour: 0, day: 31 });
    await seedLast('2026-03-30T22:00:00'); // 00:00 CEST on 31 March
    expect(await advance(62 * DAY)).toEqual(['2026-05-30T22:00:00']); // 31 May, not 30 April
  });

  it('monthly day 30 skips February', async () => {
    await setClock('2027-01-30T12:00:00Z');
    await createSchedule({ period: 2, hour: 12, day: 30 });
    await seedLast('2027-01-30T11:00:00');
    expect(await advance(60 * DAY)).toEqual(['2027-03-30T10:00:00']);
  });
});

describe('runs, history and retention', () => {
  it('a run stamps lastBackupTime (UTC, no offset) and adds a history record', async () => {
    await setClock('2026-04-01T12:00:00Z');
    await createSchedule({ period: 0, hour: 2 });
    await seedLast('2026-04-01T00:00:00');
    await advance(DAY);
    expect(await lastBackupTime()).toBe('2026-04-02T00:00:00');
    const h = await history();
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ storageType: 0, createdOn: '2026-04-02T00:00:00', expiresOn: '0001-01-01T00:00:00' });
    expect(h[0]?.fileName).toBe('localhost_2026-04-02_02-00-00.tar.gz'); // standalone: server (portal) local time
    expect(h[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps only the newest backupsStored scheduled copies; manual copies are not counted', async () => {
    await setClock('2026-04-01T12:00:00Z');
    const manual = await t.call(`${B}/startbackup`, { token, body: { storageType: 0, storageParams: [{ key: 'folderId', value: 102 }] } });
    expect(manual.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1300));
    await createSchedule({ period: 0, hour: 2 }, { backupsStored: 2 });
    await seedLast('2026-04-01T00:00:00');
    expect(await advance(4 * DAY)).toHaveLength(4);
    const h = await history();
    expect(h).toHaveLength(3);
    expect(h[0]?.createdOn).toMatch(/^2026-04-01T12:00:0\d$/); // the manual copy
    expect(h.map((r) => r.createdOn).slice(1)).toEqual(['2026-04-04T00:00:00', '2026-04-05T00:00:00']);
    const records = (await t.control('state', undefined, 'GET')).history as Array<{ isScheduled: boolean; removed: boolean }>;
    expect(records.filter((r) => r.isScheduled).map((r) => r.removed)).toEqual([true, true, false, false]);
  });

  it('temporary (DataStore) scheduled copies expire after 24 hours', async () => {
    await setClock('2026-04-01T12:00:00Z');
    await createSchedule({ period: 0, hour: 2 }, { storageType: 4, storageParams: [] });
    await seedLast('2026-04-01T00:00:00');
    await advance(DAY);
    const h = await history();
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ storageType: 4, createdOn: '2026-04-02T00:00:00', expiresOn: '2026-04-03T00:00:00' });
    await advance(DAY - 2 * HOUR);
    expect((await history()).map((r) => r.createdOn)).toEqual(['2026-04-03T00:00:00']);
  });

  it('a scheduled run while a manual backup is running only stamps lastBackupTime', async () => {
    await setClock('2026-04-01T12:00:00Z');
    await createSchedule({ period: 0, hour: 2 });
    await seedLast('2026-04-01T00:00:00');
    await t.call(`${B}/startbackup`, { token, body: { storageType: 4 } });
    const state = await t.call('/__test__/clock', { body: { advanceMs: DAY } });
    expect(state.json.ticks[0].ran[0]).toMatchObject({ lastBackupTime: '2026-04-02T00:00:00', started: false });
    await new Promise((r) => setTimeout(r, 1300));
    expect((await history()).map((r) => r.storageType)).toEqual([4]);
  });

  it('moving the clock back does not replay ticks', async () => {
    await setClock('2026-04-10T12:00:00Z');
    await createSchedule({ period: 0, hour: 2 });
    await seedLast('2026-04-10T00:00:00');
    await setClock('2026-04-01T12:00:00Z');
    expect(await advance(HOUR)).toEqual([]);
  });

  it('the schedule can vanish behind the client', async () => {
    await createSchedule({ period: 0, hour: 2 });
    expect((await t.control('schedule/vanish')).deleted).toBe(true);
    expect((await t.call(`${B}/getbackupschedule`, { token })).json.count).toBe(0);
  });
});

describe('another zone (America/New_York)', () => {
  it('reads the hour in the portal zone', async () => {
    const ny = await startTestPortal({ timezone: 'America/New_York' });
    try {
      const tk = await ny.login('admin');
      await ny.control('clock', { set: '2026-01-10T12:00:00Z' });
      await ny.call(`${B}/createbackupschedule`, { token: tk, body: scheduleBody({ cronParams: { period: 0, hour: 2 } }) });
      await ny.control('schedule/lastbackup', { lastBackupTime: '2026-01-10T07:00:00' });
      const r = await ny.call('/__test__/clock', { body: { advanceMs: DAY } });
      expect(r.json.ticks.map((x: { ran: Array<{ lastBackupTime: string }> }) => x.ran[0]?.lastBackupTime)).toEqual(['2026-01-11T07:00:00']);
      expect((await ny.call('/api/2.0/settings', { token: tk })).json.response).toMatchObject({ timezone: 'America/New_York', utcOffset: '-05:00:00', utcHoursOffset: -5 });
    } finally {
      await ny.close();
    }
  });
});
