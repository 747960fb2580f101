import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { B, scheduleBody, startTestPortal, type TestPortal } from './helpers';

let t: TestPortal;
let token: string;
beforeAll(async () => {
  t = await startTestPortal();
  token = await t.login('owner');
});
afterAll(() => t.close());

describe('envelopes and routing', () => {
  it('links echo the full request URL with its query and the method', async () => {
    const r = await t.call(`${B}/getbackupschedule?dump=false&x=1`, { token });
    expect(r.json.links).toEqual([{ href: `${t.base}${B}/getbackupschedule?dump=false&x=1`, action: 'GET' }]);
    expect(Object.keys(r.json)).toEqual(['count', 'links', 'status', 'statusCode']);
  });

  it('count: 1 for a bool or object, the length for a list', async () => {
    const del = await t.call(`${B}/deletebackupschedule`, { token, method: 'DELETE' });
    expect(del.json).toMatchObject({ response: true, count: 1, status: 0, statusCode: 200 });
    expect(Object.keys(del.json)).toEqual(['response', 'count', 'links', 'status', 'statusCode']);
    const regions = await t.call('/api/2.0/settings/storage/s3/regions', { token });
    expect(regions.json.count).toBe(regions.json.response.length);
    expect((await t.call(`${B}/getbackupscount`, { token })).json).toMatchObject({ response: 0, count: 1 });
  });

  it('routes are case-insensitive and tolerate a trailing slash', async () => {
    expect((await t.call('/API/2.0/Backup/GetBackupSchedule/', { token })).status).toBe(200);
  });

  it('unknown routes are 404 with an empty body; a wrong method is 405', async () => {
    for (const path of ['/api/2.0/backup/nope', '/api/2.0/nothing', '/nothing', '/api/2.0/backup/startrestore']) {
      const r = await t.call(path, { token });
      expect(r.status).toBe(404);
      expect(r.text).toBe('');
    }
    const r = await t.call(`${B}/getbackupschedule`, { token, method: 'DELETE' });
    expect(r.status).toBe(405);
    expect(r.headers.get('allow')).toBe('GET');
  });

  it('an exception carries type, stack and hresult', async () => {
    const r = await t.call(`${B}/createbackupschedule`, { token, body: scheduleBody({ backupsStored: 0 }) });
    expect(Object.keys(r.json)).toEqual(['error', 'status', 'statusCode']);
    expect(Object.keys(r.json.error)).toEqual(['message', 'type', 'stack', 'hresult']);
    expect(r.json.error.stack).toMatch(/^ {3}at ASC\.Data\.Backup\.Controllers\.BackupController\.CreateBackupSchedule/);
    expect(r.json.error.hresult).toBe(-2147024809);
  });

  it('restore progress is anonymous and empty', async () => {
    const r = await t.call(`${B}/getrestoreprogress`);
    expect(r.status).toBe(200);
    expect(r.json.count).toBe(0);
  });
});

describe('CORS (core:cors "*")', () => {
  it('answers preflights for any method and header, without credentials', async () => {
    const r = await fetch(`${t.base}${B}/createbackupschedule`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('access-control-allow-methods')).toBe('POST');
    expect(r.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    expect(r.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('adds Allow-Origin * to cross-origin answers only', async () => {
    const cross = await fetch(`${t.base}${B}/getbackupschedule`, { headers: { Origin: 'https://example.org', Authorization: token } });
    expect(cross.headers.get('access-control-allow-origin')).toBe('*');
    const same = await fetch(`${t.base}${B}/getbackupschedule`, { headers: { Authorization: token } });
    expect(same.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('settings', () => {
  it('anonymous callers get the reduced shape', async () => {
    const r = (await t.call('/api/2.0/settings')).json.response;
    expect(r.timezone).toBeUndefined();
    expect(r.utcOffset).toBe('00:00:00');
    expect(r.passwordHash).toBeDefined();
    expect(r).toMatchObject({ culture: 'en-US', standalone: true, docSpace: true, tenantStatus: 0 });
  });

  it('signed-in callers get the zone, offset and owner', async () => {
    const r = (await t.call('/api/2.0/settings', { token })).json.response;
    expect(r.timezone).toBe('Europe/Berlin');
    expect(r.utcOffset).toMatch(/^0[12]:00:00$/);
    expect([1, 2]).toContain(r.utcHoursOffset);
    expect(r.ownerId).toBe((await t.call('/api/2.0/people/@self', { token })).json.response.id);
    expect(r.passwordHash).toBeUndefined();
  });

  it('lists time zones from Intl, ordered by offset', async () => {
    const r = (await t.call('/api/2.0/settings/timezones', { token })).json.response as Array<{ id: string; displayName: string }>;
    expect(r.length).toBeGreaterThan(300);
    const berlin = r.find((z) => z.id === 'Europe/Berlin');
    expect(berlin?.displayName).toMatch(/^\(UTC\+01:00\) /);
    expect(r[0]?.displayName).toMatch(/^\(UTC-1[12]:00\)/);
    expect(r.at(-1)?.displayName).toMatch(/^\(UTC\+1[34]:\d\d\)/);
  });

  it('lists the backup storages; the saved one is current with its values', async () => {
    let r = (await t.call('/api/2.0/settings/storage/backup', { token })).json.response;
    expect(r.map((s: { id: string }) => s.id)).toEqual(['s3', 'googlecloud', 'rackspace', 'selectel']);
    expect(r.map((s: { isSet: boolean }) => s.isSet)).toEqual([true, true, false, false]);
    expect(r.every((s: { current: boolean }) => !s.current)).toBe(true);
    expect(r[0].properties.map((p: { name: string }) => p.name)).toEqual(['bucket', 'region', 'serviceurl', 'forcepathstyle', 'usehttp', 'sse', 'ssekey']);
    await t.call(`${B}/createbackupschedule`, {
      token,
      body: scheduleBody({ storageType: 5, storageParams: [{ key: 'module', value: 'googlecloud' }, { key: 'bucket', value: 'gcs-b' }] }),
    });
    r = (await t.call('/api/2.0/settings/storage/backup?dump=false', { token })).json.response;
    expect(r[1]).toMatchObject({ id: 'googlecloud', current: true, properties: [{ name: 'bucket', value: 'gcs-b', title: 'Bucket' }] });
  });

  it('lists AWS regions', async () => {
    const r = (await t.call('/api/2.0/settings/storage/s3/regions', { token: await t.login('guest') })).json.response;
    expect(r).toContainEqual(expect.objectContaining({ systemName: 'eu-central-1', displayName: 'Europe (Frankfurt)' }));
  });
});

describe('files (folder picker)', () => {
  it('lists the active rooms under the rooms root', async () => {
    const r = (await t.call('/api/2.0/files/rooms', { token })).json.response;
    expect(r.current).toMatchObject({ id: 1, title: 'Rooms', type: 14 });
    expect(r.folders.map((f: { id: number; title: string }) => [f.id, f.title])).toEqual([
      [101, 'Backups'],
      [102, 'Finance'],
      [103, 'Marketing'],
    ]);
    expect(r).toMatchObject({ files: [], pathParts: [{ id: 1, title: 'Rooms' }], startIndex: 0, count: 3, total: 3 });
    expect(r.folders[0].security.Create).toBe(true);
  });

  it('filters, pages and shows the archive', async () => {
    expect((await t.call('/api/2.0/files/rooms?filterValue=fin', { token })).json.response.folders).toHaveLength(1);
    const paged = (await t.call('/api/2.0/files/rooms?startIndex=1&count=1', { token })).json.response;
    expect(paged).toMatchObject({ startIndex: 1, count: 1, total: 3 });
    const archive = (await t.call('/api/2.0/files/rooms?searchArea=Archive', { token })).json.response;
    expect(archive.folders.map((f: { id: number }) => f.id)).toEqual([104]);
    expect(archive.folders[0].security.Create).toBe(false);
  });

  it('shows only member rooms to other users', async () => {
    const r = (await t.call('/api/2.0/files/rooms', { token: await t.login('user') })).json.response;
    expect(r.folders.map((f: { id: number }) => f.id)).toEqual([102]);
  });

  it('opens a folder with its subfolders and path', async () => {
    const r = (await t.call('/api/2.0/files/201', { token })).json.response;
    expect(r.current).toMatchObject({ id: 201, title: 'Reports', parentId: 102 });
    expect(r.folders.map((f: { id: number }) => f.id)).toEqual([203]);
    expect(r.pathParts).toEqual([
      { id: 1, title: 'Rooms' },
      { id: 102, title: 'Finance', roomType: 2 },
      { id: 201, title: 'Reports' },
    ]);
  });

  it('unknown folders are 404; other rooms are 403 for members of none', async () => {
    const r = await t.call('/api/2.0/files/999', { token });
    expect(r.status).toBe(404);
    expect(r.json.error.message).toBe('The required folder was not found');
    expect((await t.call('/api/2.0/files/101', { token: await t.login('guest') })).status).toBe(403);
  });

  it('returns the connected third-party backup folder, or nothing once disconnected', async () => {
    const r = (await t.call('/api/2.0/files/thirdparty/backup', { token })).json.response;
    expect(r).toMatchObject({ id: 'sbox-1-backup', providerKey: 'Dropbox', providerItem: true, type: 21 });
    expect((await t.call('/api/2.0/files/thirdparty/backup', { token: await t.login('user') })).json.count).toBe(0);
    await t.control('thirdparty', { connected: false });
    expect((await t.call('/api/2.0/files/thirdparty/backup', { token })).json.count).toBe(0);
    await t.control('thirdparty', { connected: true });
  });
});
