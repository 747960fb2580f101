// How the local portal records each backup run (run-outcomes.md): history,
// progress for 24 portal-hours, the audit trail, skipped and unpaid slots,
// the backup-failure control, getbackupscountbypaid and the storage-list 500.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { B, scheduleBody, startTestPortal, type TestPortal } from './helpers';

const HOUR = 3600_000;
const MIN = 60_000;
const DAY = 24 * HOUR;
const OWNER_ID = '6a1c0c6e-5b1f-4c3e-9d2a-0f5d2b7e1a01';
const ADMIN_ID = '6a1c0c6e-5b1f-4c3e-9d2a-0f5d2b7e1a02';
const AUDIT = '/api/2.0/security/audit/events';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('self-hosted portal', () => {
  let t: TestPortal;
  let token: string;
  beforeAll(async () => {
    t = await startTestPortal({ timezone: 'Europe/Berlin', backupSeconds: 0.3 });
    token = await t.login('owner');
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.control('reset');
    await t.control('clock', { set: '2026-03-10T10:00:00Z' }); // 11:00 in Berlin
  });

  const createDaily = async (hour = 12) => {
    expect((await t.call(`${B}/createbackupschedule`, { token, body: scheduleBody({ cronParams: { period: 0, hour } }) })).status).toBe(200);
  };
  const advance = (ms: number) => t.control('clock', { advanceMs: ms });
  const progress = async () => (await t.call(`${B}/getbackupprogress`, { token })).json.response as Record<string, unknown> | undefined;
  const history = async () => (await t.call(`${B}/getbackuphistory`, { token })).json.response as Array<Record<string, unknown>>;
  const lastBackupTime = async () => (await t.call(`${B}/getbackupschedule`, { token })).json.response.lastBackupTime as string;
  const events = async (query = '') => {
    const r = await t.call(`${AUDIT}/filter${query}`, { token });
    expect(r.status).toBe(200);
    return r.json.response as Array<Record<string, unknown>>;
  };
  const waitDone = async () => {
    for (let i = 0; i < 60; i++) {
      const p = await progress();
      if (p?.isCompleted) return p;
      await sleep(50);
    }
    throw new Error('backup did not finish');
  };

  it('a failed scheduled job: no history record, progress status 2 with the error, audit 5127 then 5129', async () => {
    await createDaily(12); // 12:00 Berlin = 11:00Z
    expect((await t.call('/__test__/backup-failure', { body: { message: 'The storage is unreachable.' } })).status).toBe(200);
    await advance(HOUR);
    expect(await lastBackupTime()).toBe('2026-03-10T11:00:00');
    expect(await history()).toEqual([]);
    expect(await progress()).toMatchObject({ isCompleted: true, error: 'The storage is unreachable.', status: 2, link: '' });
    const list = await events();
    expect(list.map((e) => e.actionId)).toEqual([5129, 5127]);
    expect(list[0]).toMatchObject({
      date: '2026-03-10T12:00:00.0000000+01:00',
      user: 'Olivia Owner',
      userId: OWNER_ID,
      action: 'Scheduled backup failed',
      target: null,
    });
    for (const key of ['id', 'date', 'user', 'userId', 'action', 'actionId', 'ip', 'country', 'city', 'browser', 'platform', 'page', 'actionType', 'product', 'location', 'target', 'entries', 'context']) {
      expect(list[0]).toHaveProperty(key);
    }
    // times defaults to 1: the next day's run succeeds.
    await advance(DAY);
    expect(await history()).toHaveLength(1);
    expect((await events()).map((e) => e.actionId)).toEqual([5128, 5127, 5129, 5127]);
  });

  it('a successful scheduled job: a record created when the job finished, progress completed, audit 5127 then 5128', async () => {
    await createDaily(12);
    await advance(HOUR);
    const [record] = await history();
    expect(record).toMatchObject({ createdOn: '2026-03-10T11:00:00', storageType: 0 });
    expect(Date.parse(`${record!.createdOn as string}Z`)).toBeGreaterThanOrEqual(Date.parse(`${await lastBackupTime()}Z`));
    expect(await progress()).toMatchObject({ isCompleted: true, error: '', status: 2, progress: 100, taskId: record!.id });
    expect((await events()).map((e) => e.actionId)).toEqual([5128, 5127]);
  });

  it('manual jobs: 5125 on success with a link, 5126 on failure, 5131 on cancel; never 5127', async () => {
    await t.call(`${B}/startbackup`, { token, body: { storageType: 4 } });
    expect(await waitDone()).toMatchObject({ error: '', status: 2, link: expect.stringMatching(/^\/storage\/backup\//) });
    await t.control('backup-failure', { message: 'Disk full', times: 2 });
    await t.call(`${B}/startbackup`, { token, body: { storageType: 4 } });
    expect(await waitDone()).toMatchObject({ error: 'Disk full', status: 2, link: '' });
    await t.call(`${B}/startbackup`, { token, body: { storageType: 4 } });
    expect(await waitDone()).toMatchObject({ error: 'Disk full' });
    await t.call(`${B}/startbackup`, { token, body: { storageType: 4 } });
    expect((await t.call(`${B}/cancelbackup`, { token, body: {} })).json.response).toBe(true);
    expect((await events()).map((e) => e.actionId)).toEqual([5131, 5126, 5126, 5125]);
    expect(await history()).toHaveLength(1);
  });

  it('a finished task stays readable for 24 hours of portal time, then is gone', async () => {
    await createDaily(12);
    await t.control('backup-failure', { message: 'Room deleted' });
    await advance(HOUR); // runs and fails at 11:00Z
    await t.call(`${B}/deletebackupschedule`, { method: 'DELETE', token }); // no later run replaces it
    await advance(DAY - MIN); // 10:59Z next day
    expect(await progress()).toMatchObject({ error: 'Room deleted' });
    await advance(MIN); // exactly 24 h after it finished
    expect(await progress()).toBeUndefined();
    // The audit trail still has it.
    expect((await events('?action=5129')).map((e) => e.actionId)).toEqual([5129]);
  });

  it('the next run, a manual backup or a cancel replaces a finished task', async () => {
    await createDaily(12);
    await t.control('backup-failure', { message: 'first', times: 1 });
    await advance(HOUR);
    const failed = await progress();
    await advance(DAY); // the next run succeeds and replaces it
    const next = await progress();
    expect(next).toMatchObject({ error: '' });
    expect(next!.taskId).not.toBe(failed!.taskId);
    await t.call(`${B}/startbackup`, { token, body: { storageType: 4 } });
    expect((await progress())!.taskId).not.toBe(next!.taskId);
    await waitDone();
    await t.call(`${B}/cancelbackup`, { token, body: {} });
    expect(await progress()).toBeUndefined();
  });

  it('a slot reached while a manual backup runs moves lastBackupTime and runs nothing', async () => {
    const slow = await startTestPortal({ timezone: 'Europe/Berlin', backupSeconds: 5 });
    try {
      const tk = await slow.login('owner');
      await slow.control('clock', { set: '2026-03-10T10:00:00Z' });
      await slow.call(`${B}/createbackupschedule`, { token: tk, body: scheduleBody({ cronParams: { period: 0, hour: 12 } }) });
      await slow.call(`${B}/startbackup`, { token: tk, body: { storageType: 4 } });
      const r = await slow.call('/__test__/clock', { body: { advanceMs: HOUR } });
      expect(r.json.ticks).toEqual([expect.objectContaining({ ran: [expect.objectContaining({ lastBackupTime: '2026-03-10T11:00:00', started: false })] })]);
      expect((await slow.call(`${B}/getbackupschedule`, { token: tk })).json.response.lastBackupTime).toBe('2026-03-10T11:00:00');
      expect((await slow.call(`${B}/getbackupprogress`, { token: tk })).json.response).toMatchObject({ isCompleted: false });
      expect((await slow.call(`${AUDIT}/filter`, { token: tk })).json.response).toEqual([]);
    } finally {
      await slow.close();
    }
  });

  it('audit filter: newest first, by action (number or name), from/to, count 1–100, startIndex', async () => {
    await createDaily(12);
    await advance(3 * DAY + HOUR); // runs on the 10th, 11th, 12th and 13th: 8 events
    expect((await events()).length).toBe(8);
    const dates = (await events()).map((e) => e.date as string);
    expect([...dates].sort().reverse()).toEqual(dates);
    expect((await events('?action=5128')).length).toBe(4);
    expect((await events('?action=ScheduledBackupCompleted')).length).toBe(4);
    expect((await events(`?action=5128&from=${encodeURIComponent('2026-03-12T00:00:00Z')}`)).map((e) => e.date)).toEqual([
      '2026-03-13T12:00:00.0000000+01:00',
      '2026-03-12T12:00:00.0000000+01:00',
    ]);
    expect((await events(`?from=${encodeURIComponent('2026-03-11T12:00:00+01:00')}&to=${encodeURIComponent('2026-03-11T12:00:00+01:00')}`)).length).toBe(2);
    expect((await events('?count=3')).length).toBe(3);
    expect((await events('?count=3&startIndex=6')).length).toBe(2);
    expect((await events('?count=0')).length).toBe(8); // below 1: the default
    expect((await events('?count=1000')).length).toBe(8);
  });

  it('audit filter without the audit feature: the last 20 events, filters ignored; events/last always', async () => {
    await createDaily(12);
    await advance(11 * DAY + HOUR); // 12 runs, 24 events
    await t.control('plan', { audit: false });
    const fallback = await events('?action=5129&count=1');
    expect(fallback).toHaveLength(20);
    expect(fallback.some((e) => e.actionId !== 5129)).toBe(true);
    const last = (await t.call(`${AUDIT}/last`, { token })).json.response as unknown[];
    expect(last).toEqual(fallback);
  });

  it('audit is for the owner and admins only (403 for others, 401 signed out)', async () => {
    for (const role of ['roomadmin', 'user', 'guest'] as const) {
      const r = await t.call(`${AUDIT}/filter`, { token: await t.login(role) });
      expect(r.status).toBe(403);
      expect(r.json.error.message).toBe('Access denied');
      expect((await t.call(`${AUDIT}/last`, { token: await t.login(role) })).status).toBe(403);
    }
    expect((await t.call(`${AUDIT}/filter`, { token: await t.login('admin') })).status).toBe(200);
    expect((await t.call(`${AUDIT}/filter`)).status).toBe(401);
  });

  it('deletebackupschedule logs 5130 with the admin and the tenant as target', async () => {
    await createDaily(12);
    const admin = await t.login('admin');
    await t.call(`${B}/deletebackupschedule`, { method: 'DELETE', token: admin });
    expect((await events('?action=5130'))[0]).toMatchObject({ actionId: 5130, userId: ADMIN_ID, user: 'Adam Admin', target: '1' });
    // The test control's vanish (the portal removing it by itself) writes no event.
    await createDaily(12);
    await t.control('schedule/vanish');
    expect(await events('?action=5130')).toHaveLength(1);
  });

  it('the backup-failure control: validation, times, DELETE clears it', async () => {
    expect((await t.call('/__test__/backup-failure', { body: {} })).status).toBe(400);
    expect((await t.call('/__test__/backup-failure', { body: { message: 'x', times: 0 } })).status).toBe(400);
    expect((await t.call('/__test__/backup-failure', { body: { message: 'x', times: 1.5 } })).status).toBe(400);
    expect(await t.control('backup-failure', { message: 'x', times: 3 })).toEqual({ failNext: { message: 'x', left: 3 } });
    expect(await t.control('backup-failure', undefined, 'DELETE')).toEqual({ failNext: null });
    await t.call(`${B}/startbackup`, { token, body: { storageType: 4 } });
    expect(await waitDone()).toMatchObject({ error: '' });
  });

  it('getbackupscountbypaid is unknown on a self-hosted portal (404)', async () => {
    expect((await t.call(`${B}/getbackupscountbypaid`, { token })).status).toBe(404);
  });

  it('the storage list is a 500 KeyNotFound "module" for a third-party-storage schedule without module', async () => {
    const body = scheduleBody({ storageType: 5, storageParams: [{ key: 'bucket', value: 'b' }] });
    expect((await t.call(`${B}/createbackupschedule`, { token, body })).status).toBe(200);
    const r = await t.call('/api/2.0/settings/storage/backup', { token });
    expect(r.status).toBe(500);
    expect(r.json.error.message).toBe("The given key 'module' was not present in the dictionary.");
  });
});

describe('cloud portal', () => {
  let t: TestPortal;
  let token: string;
  beforeAll(async () => {
    t = await startTestPortal({ mode: 'cloud', timezone: 'Europe/Berlin' });
    token = await t.login('owner');
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.control('reset');
    await t.control('clock', { set: '2026-03-10T10:00:00Z' });
  });

  it('getbackupscountbypaid: {free, paid} this month; a "3.7" portal answers 404', async () => {
    await t.control('plan', { freeBackups: 2 });
    await t.call(`${B}/createbackupschedule`, { token, body: scheduleBody({ cronParams: { period: 0, hour: 12 } }) });
    await t.control('clock', { advanceMs: 2 * DAY + HOUR }); // three runs: two free, one paid
    const r = await t.call(`${B}/getbackupscountbypaid`, { token });
    expect(r.status).toBe(200);
    expect(r.json.response).toEqual({ free: 2, paid: 1 });
    await t.control('plan', { countByPaid: false });
    const old = await t.call(`${B}/getbackupscountbypaid`, { token });
    expect(old.status).toBe(404);
    expect(old.text).toBe('');
  });

  it('portal/payment/quota names the free backups a month and the audit feature', async () => {
    await t.control('plan', { freeBackups: 2, audit: false });
    await t.call(`${B}/createbackupschedule`, { token, body: scheduleBody({ cronParams: { period: 0, hour: 12 } }) });
    await t.control('clock', { advanceMs: HOUR });
    const features = (await t.call('/api/2.0/portal/payment/quota', { token })).json.response.features as Array<Record<string, unknown>>;
    expect(features.find((f) => f.id === 'free_backup')).toMatchObject({ value: 2, type: 'count', used: { value: 1 } });
    expect(features.find((f) => f.id === 'audit')).toMatchObject({ value: false, type: 'flag' });
  });

  it('an unpaid tenant: the slot runs nothing and lastBackupTime does not move', async () => {
    await t.call(`${B}/createbackupschedule`, { token, body: scheduleBody({ cronParams: { period: 0, hour: 12 } }) });
    await t.control('plan', { paid: false });
    await t.control('clock', { advanceMs: 2 * HOUR });
    const state = await t.control('state', undefined, 'GET');
    expect(state.schedule.lastBackupTime).toBe('0001-01-01T00:00:00');
    expect(state.audit).toEqual([]);
    expect(state.progress).toEqual([]);
  });

  it('audit endpoints are behind the payment filter (402 when unpaid)', async () => {
    await t.control('plan', { paid: false });
    expect((await t.call(`${AUDIT}/filter`, { token })).status).toBe(402);
  });
});
