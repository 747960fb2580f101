import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { B, request, startTestPortal, type TestPortal } from './helpers';

let t: TestPortal;
let token: string;
beforeAll(async () => {
  t = await startTestPortal({ backupSeconds: 0.5 });
  token = await t.login('admin');
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.control('reset');
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const start = (body: unknown) => t.call(`${B}/startbackup`, { token, body });
const progress = () => t.call(`${B}/getbackupprogress`, { token });
const history = async () => (await t.call(`${B}/getbackuphistory`, { token })).json.response as Array<Record<string, unknown>>;

async function waitDone(): Promise<Record<string, unknown>> {
  for (let i = 0; i < 40; i++) {
    const p = (await progress()).json.response;
    if (p?.isCompleted) return p;
    await sleep(50);
  }
  throw new Error('backup did not finish');
}

describe('startbackup to temporary storage', () => {
  it('reports progress while it runs (created, then running with a growing percentage)', async () => {
    // A slower portal of its own, so a busy machine cannot finish the backup before we look.
    const slow = await startTestPortal({ backupSeconds: 3 });
    try {
      const tk = await slow.login('owner');
      const first = (await slow.call(`${B}/startbackup`, { token: tk, body: { storageType: 4 } })).json.response;
      expect(first).toMatchObject({ isCompleted: false, progress: 0, status: 0 });
      await sleep(700);
      const a = (await slow.call(`${B}/getbackupprogress`, { token: tk })).json.response;
      await sleep(700);
      const b = (await slow.call(`${B}/getbackupprogress`, { token: tk })).json.response;
      expect(a).toMatchObject({ status: 1, isCompleted: false, taskId: first.taskId });
      expect(a.progress).toBeGreaterThan(0);
      expect(b.progress).toBeGreaterThan(a.progress);
      expect(b.progress).toBeLessThan(90);
    } finally {
      await slow.close();
    }
  });

  it('completes with a download link and a 24-hour history record', async () => {
    const r = await start({ storageType: 4, storageParams: null });
    expect(r.status).toBe(200);
    const first = r.json.response;
    expect(Object.keys(first)).toEqual(['isCompleted', 'progress', 'error', 'link', 'tenantId', 'backupProgressEnum', 'status', 'taskId']);
    expect(first).toMatchObject({ isCompleted: false, progress: 0, error: '', link: '', tenantId: 1, backupProgressEnum: 0, status: 0 });
    const done = await waitDone();
    expect(done).toMatchObject({ isCompleted: true, progress: 100, error: '', status: 2, taskId: first.taskId });
    expect(done.link).toMatch(/^\/storage\/backup\/1\/localhost_\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}\.tar\.gz\?expire=1440&auth=/);

    const h = await history();
    expect(h).toHaveLength(1);
    expect(h[0]?.id).toBe(first.taskId);
    expect(h[0]?.storageType).toBe(4);
    expect(Date.parse(`${h[0]?.expiresOn}Z`) - Date.parse(`${h[0]?.createdOn}Z`)).toBe(24 * 3600_000);
    expect(done.link).toContain(encodeURIComponent(String(h[0]?.fileName)));

    const file = await fetch(t.base + String(done.link));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain(String(h[0]?.fileName));
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(gunzipSync(bytes).subarray(0, 15).toString()).toBe('backupinfo.json');

    const forged = await request(t.base, String(done.link).replace(/auth=[^&]+/, 'auth=forged'));
    expect(forged.status).toBe(404);
  });

  it('a second start while running returns the running task', async () => {
    const a = (await start({ storageType: 4 })).json.response;
    const b = (await start({ storageType: 'DataStore' })).json.response;
    expect(b.taskId).toBe(a.taskId);
    await waitDone();
    const c = (await start({ storageType: 4 })).json.response;
    expect(c.taskId).not.toBe(a.taskId);
    expect(c.isCompleted).toBe(false);
  });

  it('cancelbackup stops a running backup, which then leaves no record', async () => {
    await start({ storageType: 4 });
    const c = await t.call(`${B}/cancelbackup`, { token, method: 'POST' });
    expect(c.json.response).toBe(true);
    const p = await progress();
    expect(p.status).toBe(200);
    expect(p.json.count).toBe(0);
    expect('response' in p.json).toBe(false);
    await sleep(700);
    expect(await history()).toEqual([]);
    // The job's continuation writes the cancelled task back: completed, no error, status 3 (Canceled).
    expect((await progress()).json.response).toMatchObject({ isCompleted: true, error: '', status: 3, link: '' });
    expect((await t.call(`${B}/cancelbackup`, { token, method: 'POST' })).json.response).toBe(true);
    expect((await progress()).json.count).toBe(0);
    expect((await t.call(`${B}/cancelbackup`, { token, method: 'POST' })).json.response).toBe(false);
  });

  it('cancel also dequeues a finished task', async () => {
    await start({ storageType: 4 });
    await waitDone();
    expect((await t.call(`${B}/cancelbackup`, { token, method: 'POST' })).json.response).toBe(true);
    expect((await progress()).json.count).toBe(0);
    expect(await history()).toHaveLength(1);
  });
});

describe('startbackup to other storages', () => {
  it('Documents needs an integer folderId ("wrong folder type"), then checks the folder', async () => {
    for (const body of [{ storageType: 0 }, { storageParams: [{ key: 'folderId', value: 'sbox-1-backup' }] }, { storageType: 1, storageParams: [{ key: 'folderId', value: 101 }] }]) {
      const r = await start(body);
      expect(r.status).toBe(400);
      expect(r.json.error.message).toBe('wrong folder type');
    }
    expect((await start({ storageType: 0, storageParams: [{ key: 'folderId', value: 4242 }] })).status).toBe(404);
    expect((await start({ storageType: 0, storageParams: [{ key: 'folderId', value: 1 }] })).status).toBe(403);
    const ok = await start({ storageType: 0, storageParams: [{ key: 'folderId', value: 102 }] });
    expect(ok.status).toBe(200);
    const done = await waitDone();
    expect(done.link).toBe('');
    expect((await history())[0]).toMatchObject({ storageType: 0, expiresOn: '0001-01-01T00:00:00' });
  });

  it('a third-party resource needs its string folderId', async () => {
    expect((await start({ storageType: 1 })).status).toBe(500);
    expect((await start({ storageType: 1, storageParams: [{ key: 'folderId', value: 'sbox-1-backup' }] })).status).toBe(200);
    await waitDone();
  });

  it('CustomCloud and a consumer without module fail in the worker', async () => {
    await start({ storageType: 2 });
    expect(await waitDone()).toMatchObject({ isCompleted: true, error: 'Unknown storage type.', status: 2 });
    await start({ storageType: 5, storageParams: [{ key: 'bucket', value: 'b' }] });
    expect((await waitDone()).error).toBe("The given key 'module' was not present in the dictionary.");
    expect(await history()).toEqual([]);
  });

  it('a third-party storage gets subdir=backup and an external link', async () => {
    await start({ storageType: 5, storageParams: [{ key: 'module', value: 's3' }, { key: 'bucket', value: 'bk' }, { key: 'region', value: 'eu-west-1' }] });
    const done = await waitDone();
    expect(done.link).toMatch(/^https:\/\/bk\.s3\.eu-west-1\.amazonaws\.com\/backup\//);
    const state = await t.control('state', undefined, 'GET');
    expect(state.history[0].storageParams).toEqual({ module: 's3', bucket: 'bk', region: 'eu-west-1', subdir: 'backup' });
  });

  it('Local on standalone needs filePath', async () => {
    const r = await start({ storageType: 3 });
    expect(r.status).toBe(500);
    expect(r.json.error.message).toBe("The given key 'filePath' was not present in the dictionary.");
    expect((await start({ storageType: 3, storageParams: [{ key: 'filePath', value: '/tmp' }] })).status).toBe(200);
    await waitDone();
  });
});

describe('history', () => {
  async function makeBackups(n: number) {
    for (let i = 0; i < n; i++) {
      await start({ storageType: 0, storageParams: [{ key: 'folderId', value: 101 }] });
      await waitDone();
    }
  }

  it('an empty history is [] with count 0', async () => {
    const r = await t.call(`${B}/getbackuphistory`, { token });
    expect(r.json.response).toEqual([]);
    expect(r.json.count).toBe(0);
  });

  it('deletebackup removes one record; unknown GUID → 500; non-GUID → 404 empty', async () => {
    await makeBackups(2);
    const h = await history();
    expect(h).toHaveLength(2);
    const del = await t.call(`${B}/deletebackup/${String(h[0]?.id).toUpperCase()}`, { token, method: 'DELETE' });
    expect(del.json.response).toBe(true);
    expect((await history()).map((r) => r.id)).toEqual([h[1]?.id]);
    const unknown = await t.call(`${B}/deletebackup/00000000-0000-0000-0000-000000000001`, { token, method: 'DELETE' });
    expect(unknown.status).toBe(500);
    expect(unknown.json.error).toMatchObject({ message: 'Object reference not set to an instance of an object.', type: 'System.NullReferenceException' });
    const notGuid = await t.call(`${B}/deletebackup/12345`, { token, method: 'DELETE' });
    expect(notGuid.status).toBe(404);
    expect(notGuid.text).toBe('');
    // 32-digit form of a GUID matches the route too.
    const n = await t.call(`${B}/deletebackup/${String(h[1]?.id).replace(/-/g, '')}`, { token, method: 'DELETE' });
    expect(n.json.response).toBe(true);
    expect(await history()).toEqual([]);
  });

  it('deletebackuphistory removes all; getbackupscount still counts them', async () => {
    await makeBackups(2);
    expect((await t.call(`${B}/getbackupscount`, { token })).json.response).toBe(2);
    const r = await t.call(`${B}/deletebackuphistory`, { token, method: 'DELETE' });
    expect(r.json.response).toBe(true);
    expect(await history()).toEqual([]);
    expect((await t.call(`${B}/getbackupscount`, { token })).json.response).toBe(2);
    expect((await t.call(`${B}/getbackupscount?paid=true`, { token })).json.response).toBe(0);
    expect((await t.call(`${B}/getbackupscount?from=2001-01-01&to=2001-12-31T23:59:59Z`, { token })).json.response).toBe(0);
    const bad = await t.call(`${B}/getbackupscount?from=yesterday&paid=maybe`, { token });
    expect(bad.status).toBe(400);
    expect(bad.json.response.errors).toEqual({ from: ["The value 'yesterday' is not valid for From."], paid: ["The value 'maybe' is not valid for Paid."] });
  });

  it('getservicestate is false on a standalone server', async () => {
    expect((await t.call(`${B}/getservicestate`, { token })).json.response).toEqual({ enabled: false });
  });
});
