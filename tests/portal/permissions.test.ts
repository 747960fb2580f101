import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { B, scheduleBody, startTestPortal, type RoleName, type TestPortal } from './helpers';

let t: TestPortal;
beforeAll(async () => {
  t = await startTestPortal();
});
afterAll(() => t.close());

const GUID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
const dataStoreSchedule = scheduleBody({ storageType: 4, storageParams: [] });

/** Every backup endpoint guarded by DemandPermissionsBackupAsync, with a request that passes everything else. */
const ENDPOINTS: Array<[string, string, unknown?]> = [
  ['GET', `${B}/getbackupschedule`],
  ['POST', `${B}/createbackupschedule`, dataStoreSchedule],
  ['DELETE', `${B}/deletebackupschedule`],
  ['POST', `${B}/startbackup`, { storageType: 4 }],
  ['POST', `${B}/cancelbackup`],
  ['GET', `${B}/getbackupprogress`],
  ['GET', `${B}/getbackuphistory`],
  ['DELETE', `${B}/deletebackup/${GUID}`],
  ['DELETE', `${B}/deletebackuphistory`],
  ['GET', `${B}/getbackupscount`],
  ['GET', `${B}/getservicestate`],
];

const ROLES: Array<[RoleName, boolean]> = [
  ['owner', true],
  ['admin', true],
  ['roomadmin', false],
  ['user', false],
  ['guest', false],
];

describe('permission table: only the owner and DocSpace admins may use the backup API', () => {
  for (const [role, allowed] of ROLES) {
    it.each(ENDPOINTS)(`${role}: %s %s`, async (method, path, body) => {
      await t.call(`${B}/cancelbackup`, { method: 'POST', token: await t.login('owner') });
      const r = await t.call(path, { method, body, token: await t.login(role) });
      if (allowed) {
        // deletebackup of an unknown id is the server's NullReferenceException (BUG 80605).
        expect(r.status).toBe(path.includes('deletebackup/') ? 500 : 200);
      } else {
        expect(r.status).toBe(403);
        expect(r.json.error.message).toBe('Access denied');
        expect(r.json.error.type).toBe('ASC.Common.Security.Authorizing.AuthorizingException');
        expect(r.json).toMatchObject({ status: 1, statusCode: 403 });
      }
    });
  }
});

describe('order of checks for non-admins on createbackupschedule', () => {
  it('folder checks run before the permission check', async () => {
    const token = await t.login('user');
    const missing = await t.call(`${B}/createbackupschedule`, { token, body: scheduleBody({ storageParams: [{ key: 'folderId', value: 999 }] }) });
    expect(missing.status).toBe(404);
    expect(missing.json.error.message).toBe('The required folder was not found');
    const noKey = await t.call(`${B}/createbackupschedule`, { token, body: scheduleBody({ storageParams: [] }) });
    expect(noKey.status).toBe(500);
    expect(noKey.json.error.type).toBe('System.Collections.Generic.KeyNotFoundException');
    const range = await t.call(`${B}/createbackupschedule`, { token, body: scheduleBody({ backupsStored: 40 }) });
    expect(range.status).toBe(400);
    // A room the user may create in passes the folder check and then meets the permission check.
    const own = await t.call(`${B}/createbackupschedule`, { token, body: scheduleBody({ storageParams: [{ key: 'folderId', value: 102 }] }) });
    expect(own.status).toBe(403);
    expect(own.json.error.type).toBe('ASC.Common.Security.Authorizing.AuthorizingException');
    // A room the user is not in fails the folder check (SecurityException).
    const foreign = await t.call(`${B}/createbackupschedule`, { token, body: scheduleBody({ storageParams: [{ key: 'folderId', value: 103 }] }) });
    expect(foreign.status).toBe(403);
    expect(foreign.json.error.type).toBe('System.Security.SecurityException');
  });

  it('getbackupscount checks the date range before the permission', async () => {
    const r = await t.call(`${B}/getbackupscount?from=2026-02-01&to=2026-01-01`, { token: await t.login('guest') });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toBe('From date must be less than to date');
  });

  it('the other API areas stay open to every signed-in user', async () => {
    for (const role of ['roomadmin', 'user', 'guest'] as const) {
      const token = await t.login(role);
      expect((await t.call('/api/2.0/people/@self', { token })).status).toBe(200);
      expect((await t.call('/api/2.0/settings', { token })).status).toBe(200);
      expect((await t.call('/api/2.0/files/rooms', { token })).status).toBe(200);
      const storages = await t.call('/api/2.0/settings/storage/backup', { token });
      expect(storages.status).toBe(403);
      const zones = await t.call('/api/2.0/settings/timezones', { token });
      expect(zones.status).toBe(403);
      expect(zones.text).toBe('');
    }
  });
});
