import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { B, scheduleBody, startTestPortal, type TestPortal } from './helpers';

let t: TestPortal;
let token: string;
beforeAll(async () => {
  t = await startTestPortal();
  token = await t.login('owner');
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.control('reset');
});

const create = (body: unknown) => t.call(`${B}/createbackupschedule`, { token, body });
const get = () => t.call(`${B}/getbackupschedule`, { token });

function expectError(r: { status: number; json: { error: { message: string; type: string } } }, status: number, message: string, type?: string) {
  expect(r.status).toBe(status);
  expect(r.json.error.message).toBe(message);
  if (type) expect(r.json.error.type).toBe(type);
  expect(r.json).toMatchObject({ status: 1, statusCode: status });
}

describe('createbackupschedule validation (server order, messages and status codes)', () => {
  it('missing cronParams → 500 NullReferenceException', async () => {
    const body = scheduleBody();
    delete body.cronParams;
    expectError(await create(body), 500, 'Object reference not set to an instance of an object.', 'System.NullReferenceException');
  });

  it('cronParams is dereferenced before backupsStored is checked', async () => {
    expectError(await create(scheduleBody({ cronParams: null, backupsStored: 0 })), 500, 'Object reference not set to an instance of an object.');
  });

  it.each([0, 31, -1, '31'])('backupsStored %s → 400', async (n) => {
    expectError(await create(scheduleBody({ backupsStored: n })), 400, 'backupStored must be 1 - 30', 'System.ArgumentException');
  });

  it.each([1, 30, '30'])('backupsStored %s is accepted', async (n) => {
    expect((await create(scheduleBody({ backupsStored: n }))).status).toBe(200);
    expect((await get()).json.response.backupsStored).toBe(Number(n));
  });

  it('backupsStored null or missing means 1', async () => {
    await create(scheduleBody({ backupsStored: null }));
    expect((await get()).json.response.backupsStored).toBe(1);
    const body = scheduleBody();
    delete body.backupsStored;
    await create(body);
    expect((await get()).json.response.backupsStored).toBe(1);
  });

  it('the backupsStored range is checked before the folder', async () => {
    expectError(await create(scheduleBody({ backupsStored: 99, storageParams: [] })), 400, 'backupStored must be 1 - 30');
  });

  it('Documents without folderId → 500 KeyNotFoundException', async () => {
    expectError(
      await create(scheduleBody({ storageParams: [{ key: 'other', value: 'x' }] })),
      500,
      "The given key 'folderId' was not present in the dictionary.",
      'System.Collections.Generic.KeyNotFoundException',
    );
    expectError(await create(scheduleBody({ storageType: 1, storageParams: [] })), 500, "The given key 'folderId' was not present in the dictionary.");
  });

  it.each([9999, 'no-such-folder', '-5'])('unknown folder %s → 404', async (id) => {
    expectError(
      await create(scheduleBody({ storageParams: [{ key: 'folderId', value: id }] })),
      404,
      'The required folder was not found',
      'System.IO.DirectoryNotFoundException',
    );
  });

  it.each([
    [1, 'rooms root'],
    [2, 'archive'],
    [104, 'archived room'],
  ])('folder %s (%s) → 403', async (id) => {
    expectError(await create(scheduleBody({ storageParams: [{ key: 'folderId', value: id }] })), 403, 'Access denied', 'System.Security.SecurityException');
  });

  it.each([101, 102, 203, ' 101 '])('folder %s is accepted', async (id) => {
    expect((await create(scheduleBody({ storageParams: [{ key: 'folderId', value: id }] }))).status).toBe(200);
  });

  it('the folder is checked before the cron expression', async () => {
    expectError(await create(scheduleBody({ storageParams: [{ key: 'folderId', value: 9999 }], cronParams: { period: 0, hour: 99 } })), 404, 'The required folder was not found');
  });

  it('the third-party folder is a string id; no "wrong folder type" check on create', async () => {
    expect((await create(scheduleBody({ storageType: 1, storageParams: [{ key: 'folderId', value: 'sbox-1-backup' }] }))).status).toBe(200);
    expect((await get()).json.response.storageParams).toEqual({ folderId: 'sbox-1-backup' });
    expect((await create(scheduleBody({ storageType: 0, storageParams: [{ key: 'folderId', value: 'sbox-1-backup' }] }))).status).toBe(200);
    expect((await create(scheduleBody({ storageType: 1, storageParams: [{ key: 'folderId', value: '101' }] }))).status).toBe(200);
    await t.control('thirdparty', { connected: false });
    expectError(await create(scheduleBody({ storageType: 1, storageParams: [{ key: 'folderId', value: 'sbox-1-backup' }] })), 404, 'The required folder was not found');
  });

  it.each([
    [{ period: 0, hour: 24 }, 'Hour values must be between 0 and 23'],
    [{ period: 1, hour: 100, day: 99 }, 'Hour values must be between 0 and 23'],
    [{ period: 0, hour: -1 }, 'Unexpected character: -'],
    [{ period: 2, hour: 3, day: 0 }, 'Day of month values must be between 1 and 31'],
    [{ period: 2, hour: 3 }, 'Day of month values must be between 1 and 31'],
    [{ period: 2, hour: 3, day: 32 }, 'Day of month values must be between 1 and 31'],
    [{ period: 2, hour: 3, day: -2 }, 'Unexpected character: -'],
    [{ period: 1, hour: 3, day: 0 }, 'Day-of-Week values must be between 1 and 7'],
    [{ period: 1, hour: 3 }, 'Day-of-Week values must be between 1 and 7'],
    [{ period: 1, hour: 3, day: 8 }, 'Day-of-Week values must be between 1 and 7'],
    [{ period: 1, hour: 3, day: -1 }, 'Unexpected character: -'],
    [{ period: 7, hour: 3 }, "Illegal characters for this position: 'ASC'"],
  ])('cron %j → 500 FormatException "%s"', async (cronParams, message) => {
    expectError(await create(scheduleBody({ cronParams })), 500, message, 'System.FormatException');
  });

  it('accepts the edges of the cron ranges', async () => {
    for (const cronParams of [
      { period: 0, hour: 0 },
      { period: 0, hour: 23, day: 99 },
      { period: 1, hour: 0, day: 1 },
      { period: 1, hour: 0, day: 7 },
      { period: 2, hour: 0, day: 1 },
      { period: 2, hour: 0, day: 31 },
    ]) {
      expect((await create(scheduleBody({ cronParams }))).status).toBe(200);
    }
  });

  it('Local on standalone needs filePath, stored as folderId too', async () => {
    expectError(await create(scheduleBody({ storageType: 3, storageParams: [] })), 500, "The given key 'filePath' was not present in the dictionary.");
    expect((await create(scheduleBody({ storageType: 3, storageParams: [{ key: 'filePath', value: '/var/backups' }] }))).status).toBe(200);
    expect((await get()).json.response.storageParams).toEqual({ filePath: '/var/backups', folderId: '/var/backups' });
  });
});

describe('getbackupschedule', () => {
  it('no schedule: 200, count 0, no response key', async () => {
    const r = await get();
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ count: 0, links: [{ href: `${t.base}${B}/getbackupschedule`, action: 'GET' }], status: 0, statusCode: 200 });
  });

  it('returns integers, a storageParams dictionary and the never-run time', async () => {
    await create(scheduleBody({ storageType: 'Documents', cronParams: { period: 'EveryWeek', hour: '5', day: '2' }, backupsStored: '7' }));
    const r = await get();
    expect(r.json.count).toBe(1);
    expect(r.json.response).toEqual({
      storageType: 0,
      storageParams: { folderId: '101' },
      cronParams: { period: 1, hour: 5, day: 2 },
      backupsStored: 7,
      lastBackupTime: '0001-01-01T00:00:00',
      dump: false,
    });
    expect(Object.keys(r.json.response)).toEqual(['storageType', 'storageParams', 'cronParams', 'backupsStored', 'lastBackupTime', 'dump']);
  });

  it('EveryDay reads back day 0 whatever was sent', async () => {
    await create(scheduleBody({ cronParams: { period: 0, hour: 4, day: 6 } }));
    expect((await get()).json.response.cronParams).toEqual({ period: 0, hour: 4, day: 0 });
  });

  it('DataStore reports folderId null; ThirdPartyConsumer echoes its params without folderId', async () => {
    await create(scheduleBody({ storageType: 4, storageParams: [] }));
    expect((await get()).json.response.storageParams).toEqual({ folderId: null });
    const s3 = [
      { key: 'module', value: 's3' },
      { key: 'bucket', value: 'my-bucket' },
      { key: 'region', value: 'eu-west-1' },
      { key: 'forcepathstyle', value: false },
    ];
    await create(scheduleBody({ storageType: 5, storageParams: s3 }));
    expect((await get()).json.response.storageParams).toEqual({ module: 's3', bucket: 'my-bucket', region: 'eu-west-1', forcepathstyle: 'False' });
  });

  it('an explicit folderId param keeps its place and is overwritten by the base path', async () => {
    await create(scheduleBody({ storageParams: [{ key: 'folderId', value: 102 }, { key: 'extra', value: 'x' }] }));
    const sp = (await get()).json.response.storageParams;
    expect(Object.keys(sp)).toEqual(['folderId', 'extra']);
    expect(sp.folderId).toBe('102');
  });

  it('create is an upsert that resets lastBackupTime', async () => {
    await create(scheduleBody());
    await t.control('schedule/lastbackup', { lastBackupTime: '2026-03-10T08:00:03' });
    expect((await get()).json.response.lastBackupTime).toBe('2026-03-10T08:00:03');
    await create(scheduleBody({ cronParams: { period: 2, hour: 1, day: 15 } }));
    const r = (await get()).json.response;
    expect(r.lastBackupTime).toBe('0001-01-01T00:00:00');
    expect(r.cronParams).toEqual({ period: 2, hour: 1, day: 15 });
    const state = await t.call('/__test__/state', { method: 'GET' });
    expect(state.json.schedules).toHaveLength(1);
  });

  it('deletebackupschedule is idempotent and always true', async () => {
    await create(scheduleBody());
    for (let i = 0; i < 2; i++) {
      const r = await t.call(`${B}/deletebackupschedule`, { method: 'DELETE', token });
      expect(r.status).toBe(200);
      expect(r.json.response).toBe(true);
    }
    expect((await get()).json.count).toBe(0);
  });
});
