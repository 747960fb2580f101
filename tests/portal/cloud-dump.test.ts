import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { B, scheduleBody, startTestPortal, type TestPortal } from './helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('dump (server-wide) on a standalone server', () => {
  let t: TestPortal;
  let token: string;
  beforeAll(async () => {
    t = await startTestPortal({ mode: 'standalone', backupSeconds: 0.3 });
    token = await t.login('owner');
  });
  afterAll(() => t.close());

  it('keeps the dump schedule apart (tenant −1) and adds tenantId to its params', async () => {
    expect((await t.call(`${B}/createbackupschedule`, { token, body: scheduleBody() })).status).toBe(200);
    const dump = await t.call(`${B}/createbackupschedule`, { token, body: scheduleBody({ dump: true, storageType: 4, storageParams: [], cronParams: { period: 1, hour: 1, day: 1 } }) });
    expect(dump.status).toBe(200);
    const d = (await t.call(`${B}/getbackupschedule?dump=true`, { token })).json.response;
    expect(d).toMatchObject({ storageType: 4, storageParams: { tenantId: '1', folderId: null }, cronParams: { period: 1, hour: 1, day: 1 }, dump: true });
    const p = (await t.call(`${B}/getbackupschedule?dump=false`, { token })).json.response;
    expect(p).toMatchObject({ storageType: 0, storageParams: { folderId: '101' }, dump: false });
    const state = await t.control('state', undefined, 'GET');
    expect(state.schedules.map((s: { tenantId: number }) => s.tenantId).sort()).toEqual([-1, 1]);

    expect((await t.call(`${B}/deletebackupschedule?dump=true`, { token, method: 'DELETE' })).json.response).toBe(true);
    expect((await t.call(`${B}/getbackupschedule?dump=true`, { token })).json.count).toBe(0);
    expect((await t.call(`${B}/getbackupschedule`, { token })).json.count).toBe(1);
  });

  it('a user-supplied tenantId clashes with the one the server adds', async () => {
    const r = await t.call(`${B}/createbackupschedule`, { token, body: scheduleBody({ dump: true, storageType: 4, storageParams: [{ key: 'tenantId', value: 5 }] }) });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toBe('An item with the same key has already been added. Key: tenantId');
  });

  it('runs a dump backup with its own progress and history', async () => {
    const r = await t.call(`${B}/startbackup`, { token, body: { storageType: 4, dump: true } });
    expect(r.status).toBe(200);
    expect((await t.call(`${B}/getbackupprogress`, { token })).json.count).toBe(0);
    await sleep(500);
    const p = (await t.call(`${B}/getbackupprogress?dump=true`, { token })).json.response;
    expect(p.isCompleted).toBe(true);
    expect(p.link).toMatch(/^\/storage\/backup\/root\/workspace_/);
    const h = (await t.call(`${B}/getbackuphistory?dump=true`, { token })).json.response;
    expect(h).toHaveLength(1);
    expect(h[0].fileName).toMatch(/^workspace_\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}\.tar\.gz$/);
    expect((await t.call(`${B}/getbackuphistory`, { token })).json.response).toEqual([]);
  });
});

describe('cloud (SaaS) portal', () => {
  let t: TestPortal;
  let token: string;
  beforeAll(async () => {
    t = await startTestPortal({ mode: 'cloud', backupSeconds: 0.3 });
    token = await t.login('owner');
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await t.control('reset');
  });

  const create = (body: unknown) => t.call(`${B}/createbackupschedule`, { token, body });
  async function finish() {
    for (let i = 0; i < 30; i++) {
      const p = (await t.call(`${B}/getbackupprogress`, { token })).json.response;
      if (p?.isCompleted) return p;
      await sleep(50);
    }
    throw new Error('not finished');
  }

  it('settings say standalone false; the default plan lets auto backup work', async () => {
    expect((await t.call('/api/2.0/settings', { token })).json.response.standalone).toBe(false);
    expect((await create(scheduleBody())).status).toBe(200);
    expect((await t.call(`${B}/getservicestate`, { token })).json.response).toEqual({ enabled: true });
  });

  it.each([
    ['GET', `${B}/getbackupschedule?dump=true`],
    ['DELETE', `${B}/deletebackupschedule?dump=true`],
    ['GET', `${B}/getbackupprogress?dump=true`],
    ['GET', `${B}/getbackuphistory?dump=true`],
    ['DELETE', `${B}/deletebackuphistory?dump=true`],
  ])('dump is 403 "Access denied": %s %s', async (method, path) => {
    const r = await t.call(path, { token, method });
    expect(r.status).toBe(403);
    expect(r.json.error).toMatchObject({ message: 'Access denied', type: 'System.Security.SecurityException' });
  });

  it('dump on create is 403 before anything else is validated', async () => {
    const r = await create({ dump: true, backupsStored: 99 });
    expect(r.status).toBe(403);
    expect((await t.call(`${B}/startbackup`, { token, body: { storageType: 4, dump: true } })).status).toBe(403);
  });

  it('Local storage is a 500 "Access denied" on the cloud', async () => {
    const r = await create(scheduleBody({ storageType: 3, storageParams: [{ key: 'filePath', value: '/x' }] }));
    expect(r.status).toBe(500);
    expect(r.json.error).toMatchObject({ message: 'Access denied', type: 'System.Exception' });
  });

  it('no free backups and the wallet service off: create → 402, startbackup → 402 quota message', async () => {
    await t.control('plan', { serviceEnabled: false, freeBackups: 0 });
    const c = await create(scheduleBody());
    expect(c.status).toBe(402);
    expect(c.json.error).toMatchObject({ message: 'Your pricing plan does not support this option', type: 'ASC.Core.Billing.BillingException' });
    const s = await t.call(`${B}/startbackup`, { token, body: { storageType: 4 } });
    expect(s.status).toBe(402);
    expect(s.json.error).toMatchObject({ message: 'The number of free backups should not exceed 0 within a month', type: 'ASC.Core.Tenants.TenantQuotaException' });
    expect((await t.call(`${B}/getservicestate`, { token })).json.response).toEqual({ enabled: false });
  });

  it('free backups are counted per month; the wallet service pays for more', async () => {
    await t.control('plan', { serviceEnabled: false, freeBackups: 1 });
    expect((await create(scheduleBody())).status).toBe(200);
    expect((await t.call(`${B}/startbackup`, { token, body: { storageType: 4 } })).status).toBe(200);
    await finish();
    const second = await t.call(`${B}/startbackup`, { token, body: { storageType: 4 } });
    expect(second.status).toBe(402);
    expect(second.json.error.message).toBe('The number of free backups should not exceed 1 within a month');
    await t.control('plan', { serviceEnabled: true });
    expect((await t.call(`${B}/startbackup`, { token, body: { storageType: 4 } })).status).toBe(200);
    await finish();
    expect((await t.call(`${B}/getbackupscount`, { token })).json.response).toBe(1);
    expect((await t.call(`${B}/getbackupscount?paid=true`, { token })).json.response).toBe(1);
  });

  it('an unpaid tenant gets a bare 402 ProblemDetails from the payment filter, except on exempt actions', async () => {
    await t.control('plan', { paid: false });
    const r = await t.call(`${B}/getbackupschedule`, { token });
    expect(r.status).toBe(402);
    expect(r.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(Object.keys(r.json).sort()).toEqual(['status', 'traceId']);
    expect(r.json).toMatchObject({ status: 402, traceId: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/) });
    expect(r.json.error).toBeUndefined();
    for (const path of ['getbackuphistory', 'createbackupschedule', 'deletebackupschedule', 'deletebackuphistory']) {
      const method = path.startsWith('create') ? 'POST' : path.startsWith('delete') ? 'DELETE' : 'GET';
      expect((await t.call(`${B}/${path}`, { token, method, body: method === 'POST' ? scheduleBody() : undefined })).status).toBe(402);
    }
    for (const path of ['getbackupprogress', 'getbackupscount', 'getservicestate']) {
      expect((await t.call(`${B}/${path}`, { token })).status).toBe(200);
    }
    expect((await t.call(`${B}/getbackupschedule`, { token, headers: { 'Payment-Info': 'false' } })).status).toBe(200);
    // Authentication still comes first.
    expect((await t.call(`${B}/getbackupschedule`)).status).toBe(401);
  });

  it('the scheduler skips unpaid tenants and deletes the schedule when billing fails', async () => {
    await t.control('clock', { set: '2026-05-10T12:00:00Z' });
    expect((await create(scheduleBody({ cronParams: { period: 0, hour: 2 } }))).status).toBe(200);
    await t.control('schedule/lastbackup', { lastBackupTime: '2026-05-10T00:00:00' });
    await t.control('plan', { paid: false });
    await t.control('clock', { advanceMs: 86400_000 });
    await t.control('plan', { paid: true, serviceEnabled: false, freeBackups: 0 });
    expect((await t.call(`${B}/getbackupschedule`, { token })).json.response.lastBackupTime).toBe('2026-05-10T00:00:00');
    const r = await t.call('/__test__/clock', { body: { advanceMs: 86400_000 } });
    expect(r.json.ticks[0].deleted).toEqual([1]);
    expect((await t.call(`${B}/getbackupschedule`, { token })).json.count).toBe(0);
  });

  it('cloud file names use UTC and the tenant alias', async () => {
    await t.control('clock', { set: '2026-05-10T12:00:00Z' });
    await create(scheduleBody({ cronParams: { period: 0, hour: 2 } }));
    await t.control('schedule/lastbackup', { lastBackupTime: '2026-05-10T00:00:00' });
    await t.control('clock', { advanceMs: 86400_000 });
    const h = (await t.call(`${B}/getbackuphistory`, { token })).json.response;
    expect(h[0].fileName).toBe('docspace_2026-05-11_00-00-00.tar.gz');
  });
});
