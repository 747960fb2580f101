import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { B, scheduleBody, startTestPortal, type Reply, type TestPortal } from './helpers';

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
const createRaw = (raw: string, contentType = 'application/json') =>
  t.call(`${B}/createbackupschedule`, { token, method: 'POST', raw, headers: { 'Content-Type': contentType } });
const schedule = async () => (await t.call(`${B}/getbackupschedule`, { token })).json.response;

/** The 400 ValidationProblemDetails inside the success envelope. */
function expectValidation(r: Reply, key: string, message?: RegExp | string) {
  expect(r.status).toBe(400);
  expect(r.json.status).toBe(1);
  expect(r.json.statusCode).toBe(400);
  expect(r.json.count).toBe(1);
  expect(r.json.links[0].action).toBe('POST');
  const resp = r.json.response;
  expect(resp.type).toBe('https://tools.ietf.org/html/rfc9110#section-15.5.1');
  expect(resp.title).toBe('One or more validation errors occurred.');
  expect(resp.status).toBe(400);
  expect(resp.traceId).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
  expect(Object.keys(resp.errors)).toEqual([key]);
  if (message) expect(resp.errors[key][0]).toMatch(message);
}

describe('enums: names in any case, integers, numeric strings', () => {
  it.each([
    ['DataStore', 4],
    ['datastore', 4],
    ['DATASTORE', 4],
    [4, 4],
    ['4', 4],
    ['ThridpartyDocuments', 1],
  ])('storageType %j → %i', async (value, expected) => {
    const params = expected === 1 ? [{ key: 'folderId', value: 'sbox-1-backup' }] : [];
    expect((await create(scheduleBody({ storageType: value, storageParams: params }))).status).toBe(200);
    expect((await schedule()).storageType).toBe(expected);
  });

  it.each([
    ['EveryMonth', 2],
    ['everymonth', 2],
    ['2', 2],
    [2, 2],
    ['everyweek', 1],
  ])('cronParams.period %j → %i', async (value, expected) => {
    expect((await create(scheduleBody({ cronParams: { period: value, hour: 3, day: 5 } }))).status).toBe(200);
    expect((await schedule()).cronParams.period).toBe(expected);
  });

  it('an undefined storageType integer binds and is stored as is', async () => {
    expect((await create(scheduleBody({ storageType: 9, storageParams: [] }))).status).toBe(200);
    expect((await schedule()).storageType).toBe(9);
  });

  it('an undefined period integer binds, then fails the cron parse with 500', async () => {
    const r = await create(scheduleBody({ cronParams: { period: '5', hour: 3 } }));
    expect(r.status).toBe(500);
    expect(r.json.error.type).toBe('System.FormatException');
  });

  it('unknown names are binding errors keyed by the JSON path as sent', async () => {
    expectValidation(
      await create(scheduleBody({ cronParams: { period: 'Weekly', hour: 3 } })),
      '$.cronParams.period',
      /^The JSON value could not be converted to System\.Nullable`1\[ASC\.Data\.Backup\.Services\.BackupPeriod\]\. Path: \$\.cronParams\.period \| LineNumber: 0 \| BytePositionInLine: \d+\.$/,
    );
    expectValidation(await create(scheduleBody({ storageType: 'Room' })), '$.storageType', /BackupStorageType/);
    expectValidation(await createRaw('{"CronParams":{"Period":"x","Hour":1}}'), '$.CronParams.Period');
    expectValidation(await create(scheduleBody({ storageType: 1.5 })), '$.storageType');
  });
});

describe('numbers, booleans and property names', () => {
  it('reads numbers from strings and matches property names case-insensitively (the portal UI style)', async () => {
    const r = await createRaw(
      '{"STORAGETYPE":"0","StorageParams":[{"Key":"folderId","Value":"102"}],"BackupsStored":"10","CronParams":{"Period":"1","Hour":"23","Day":"7"},"backupMail":false,"Dump":false}',
    );
    expect(r.status).toBe(200);
    expect(await schedule()).toMatchObject({ storageType: 0, storageParams: { folderId: '102' }, backupsStored: 10, cronParams: { period: 1, hour: 23, day: 7 } });
  });

  it.each([
    [{ period: 0, hour: 5.5 }, '$.cronParams.hour', 'System.Int32'],
    [{ period: 0, hour: '5.0' }, '$.cronParams.hour', 'System.Int32'],
    [{ period: 0, hour: ' 5' }, '$.cronParams.hour', 'System.Int32'],
    [{ period: 0, hour: true }, '$.cronParams.hour', 'System.Int32'],
    [{ period: 0, hour: null }, '$.cronParams.hour', 'System.Int32'],
    [{ period: 0, hour: 1e10 }, '$.cronParams.hour', 'System.Int32'],
    [{ period: 1, hour: 1, day: 'monday' }, '$.cronParams.day', 'System.Nullable`1[System.Int32]'],
  ])('%j → 400 at %s', async (cronParams, key, type) => {
    expectValidation(await create(scheduleBody({ cronParams })), key, new RegExp(`converted to ${type.replace(/[`[\].]/g, '\\$&')}\\.`));
  });

  it('a missing hour is 0 and a null day is 0', async () => {
    expect((await create(scheduleBody({ cronParams: { period: 0 } }))).status).toBe(200);
    expect((await schedule()).cronParams.hour).toBe(0);
  });

  it('booleans must be JSON booleans', async () => {
    expectValidation(await create(scheduleBody({ dump: 'false' })), '$.dump', /System\.Boolean/);
    expectValidation(await create(scheduleBody({ dump: 0 })), '$.dump');
    expectValidation(await create(scheduleBody({ dump: null })), '$.dump');
  });

  it('backupsStored as a numeric string or null is fine, as an object is not', async () => {
    expect((await create(scheduleBody({ backupsStored: '3' }))).status).toBe(200);
    expectValidation(await create(scheduleBody({ backupsStored: {} })), '$.backupsStored', /System\.Nullable`1\[System\.Int32\]/);
  });
});

describe('storageParams: a list of {key, value} pairs', () => {
  it('an object instead of a list is a binding error', async () => {
    expectValidation(await create(scheduleBody({ storageParams: { folderId: '101' } })), '$.storageParams', /IEnumerable`1\[ASC\.Api\.Collections\.ItemKeyValuePair`2/);
  });

  it('values become strings: numbers as written, booleans as True/False, objects as raw JSON', async () => {
    const params = [
      { key: 'module', value: 's3' },
      { key: 'bucket', value: 42 },
      { key: 'ratio', value: 1.5e0 },
      { key: 'usehttp', value: true },
      { key: 'forcepathstyle', value: false },
      { key: 7, value: 'seven' },
    ];
    await create(scheduleBody({ storageType: 5, storageParams: params }));
    expect((await schedule()).storageParams).toEqual({ module: 's3', bucket: '42', ratio: '1.5', usehttp: 'True', forcepathstyle: 'False', '7': 'seven' });
    await createRaw('{"storageType":5,"storageParams":[{"key":"module","value":"s3"},{"key":"n","value":1.50},{"key":"o","value":{"a": 1}}],"cronParams":{"hour":1}}');
    expect((await schedule()).storageParams).toEqual({ module: 's3', n: '1.50', o: '{"a": 1}' });
  });

  it('a duplicate key → 400 ArgumentException', async () => {
    const r = await create(scheduleBody({ storageParams: [{ key: 'folderId', value: '101' }, { key: 'folderId', value: '102' }] }));
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ message: 'An item with the same key has already been added. Key: folderId', type: 'System.ArgumentException', hresult: -2147024809 });
  });

  it.each([
    [[{ key: 'folderId', value: null }]],
    [[{ key: null, value: '101' }]],
    [[{ value: '101' }]],
    [[{ key: 'folderId' }]],
    [[null]],
  ])('%j → 500 NullReferenceException', async (storageParams) => {
    const r = await create(scheduleBody({ storageParams }));
    expect(r.status).toBe(500);
    expect(r.json.error.message).toBe('Object reference not set to an instance of an object.');
  });

  it('storageParams null is an empty dictionary (so Documents then misses folderId)', async () => {
    const r = await create(scheduleBody({ storageParams: null }));
    expect(r.status).toBe(500);
    expect(r.json.error.type).toBe('System.Collections.Generic.KeyNotFoundException');
  });
});

describe('malformed requests', () => {
  it.each([
    ['{"cronParams":', '$.cronParams', /Expected depth to be zero|invalid start of a value|does not contain/],
    ['{"cronParams":{"hour":1,}}', '$.cronParams', /trailing comma/],
    ['{cronParams:1}', '$', /invalid start of a property name/],
    ['not json', '$', /^'o' is an invalid JSON literal. Expected the literal 'null'. Path: \$ \| LineNumber: 0 \| BytePositionInLine: 1.$/],
    ['{"a":1} x', '$', /invalid after a single JSON value/],
    ['[]', '$', /BackupScheduleDto/],
  ])('%s → 400 at %s', async (raw, key, message) => {
    expectValidation(await createRaw(raw), key, message);
  });

  it('an empty or null body → "A non-empty request body is required."', async () => {
    expectValidation(await createRaw(''), '', 'A non-empty request body is required.');
    expectValidation(await createRaw('null'), '', 'A non-empty request body is required.');
  });

  it('a non-JSON content type → 415', async () => {
    const r = await createRaw(JSON.stringify(scheduleBody()), 'text/plain');
    expect(r.status).toBe(415);
    expect(r.json.response.title).toBe('Unsupported Media Type');
  });

  it('application/*+json and text/json are JSON too', async () => {
    expect((await createRaw(JSON.stringify(scheduleBody()), 'text/json')).status).toBe(200);
    expect((await createRaw(JSON.stringify(scheduleBody()), 'application/merge-patch+json; charset=utf-8')).status).toBe(200);
  });

  it('query dump must be true or false (any case)', async () => {
    expect((await t.call(`${B}/getbackupschedule?dump=FALSE`, { token })).status).toBe(200);
    expect((await t.call(`${B}/getbackupschedule?DUMP=True`, { token })).status).toBe(200);
    const bad = await t.call(`${B}/getbackupschedule?dump=1`, { token });
    expect(bad.status).toBe(400);
    expect(bad.json.response.errors).toEqual({ Dump: ["The value '1' is not valid for Dump."] });
    expect(bad.json.links[0].action).toBe('GET');
  });
});
