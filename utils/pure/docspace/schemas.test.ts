import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  authTokenSchema,
  backupProgressSchema,
  backupStoragesSchema,
  envelope,
  errorEnvelopeSchema,
  folderContentSchema,
  historySchema,
  portalSettingsSchema,
  s3RegionsSchema,
  scheduleSchema,
  selfSchema,
  thirdPartyFolderSchema,
  validationProblemSchema,
} from './schemas';

// ---------------------------------------------------------------------------
// Example answers of the published OpenAPI documents (v3.7.0), assembled by
// scripts/openapi-examples.ts into a fixture kept in the repository.
// ---------------------------------------------------------------------------

const examples = JSON.parse(readFileSync(fileURLToPath(new URL('../../../tests/fixtures/openapi-examples.json', import.meta.url)), 'utf8')) as Record<string, unknown>;

const SCHEMA_OF: Record<string, z.ZodMiniType> = {
  'backup ScheduleDto': scheduleSchema,
  'backup ScheduleWrapper': envelope(scheduleSchema),
  'backup BackupProgress': backupProgressSchema,
  'backup BackupProgressWrapper': envelope(backupProgressSchema),
  'backup BackupHistoryRecord': historySchema,
  'backup BackupHistoryRecordArrayWrapper': envelope(historySchema),
  'backup BooleanWrapper': envelope(z.boolean()),
  'settings SettingsDto': portalSettingsSchema,
  'settings SettingsWrapper': envelope(portalSettingsSchema),
  'settings StorageDto': backupStoragesSchema,
  'settings StorageArrayWrapper': envelope(backupStoragesSchema),
  'settings AuthenticationTokenDto': authTokenSchema,
  'people EmployeeFullDto': selfSchema,
  'people EmployeeFullWrapper': envelope(selfSchema),
  'files FolderContentDtoInteger': folderContentSchema,
  'files FolderContentIntegerWrapper': envelope(folderContentSchema),
  'files FolderDtoString (third-party backup folder)': thirdPartyFolderSchema,
  'files FolderStringWrapper': envelope(thirdPartyFolderSchema),
};
const fromDocs = Object.entries(SCHEMA_OF).map(([name, schema]) => ({ name, schema, value: examples[name] }));

describe('OpenAPI examples', () => {
  it('covers every example in the fixture', () => {
    expect(Object.keys(examples).sort()).toEqual(Object.keys(SCHEMA_OF).sort());
  });

  it.each(fromDocs.map((c) => [c.name, c] as const))('%s parses', (_name, { schema, value }) => {
    const parsed = schema.safeParse(value);
    expect(parsed.success ? 'ok' : z.prettifyError(parsed.error)).toBe('ok');
  });

  it('the assembled examples carry the documented values', () => {
    const byName = Object.fromEntries(fromDocs.map((c) => [c.name, c.value]));
    expect(scheduleSchema.parse(byName['backup ScheduleDto'])).toMatchObject({
      storageType: 0,
      cronParams: { period: 0, hour: 0, day: 0 },
      backupsStored: 5,
      lastBackupTime: '2026-01-01T00:00:00Z',
      dump: false,
    });
    expect(portalSettingsSchema.parse(byName['settings SettingsDto'])).toMatchObject({
      timezone: 'UTC',
      utcOffset: '-08:30:00',
      utcHoursOffset: -8.5,
      standalone: true,
    });
    expect(selfSchema.parse(byName['people EmployeeFullDto'])).toMatchObject({
      id: '00000000-0000-0000-0000-000000000000',
      displayName: 'Mike Zanyatski',
      email: 'my@gmail.com',
      isAdmin: false,
      isOwner: false,
    });
    const content = folderContentSchema.parse(byName['files FolderContentDtoInteger']);
    expect(content.folders).toEqual([{ id: 20, title: 'My Folder' }]);
    expect(content.total).toBe(4);
  });
});

// ---------------------------------------------------------------------------
// Hand-written answers, as the server really sends them (server-api.md §2, §7).
// ---------------------------------------------------------------------------

describe('scheduleSchema', () => {
  it('reads a room schedule as the server writes it', () => {
    const value = {
      storageType: 0,
      storageParams: { folderId: '12345' },
      cronParams: { period: 1, hour: 5, day: 2 },
      backupsStored: 7,
      lastBackupTime: '2026-03-10T08:00:03',
      dump: false,
    };
    expect(scheduleSchema.parse(value)).toEqual(value);
  });

  it('reads storageParams as a dictionary, secrets and all', () => {
    const parsed = scheduleSchema.parse({
      storageType: 5,
      storageParams: { module: 's3', bucket: 'backups', region: 'eu-west-1', forcepathstyle: 'False', usehttp: 'False' },
      cronParams: { period: 2, hour: 23, day: 31 },
      backupsStored: 30,
      lastBackupTime: '0001-01-01T00:00:00',
      dump: false,
    });
    expect(parsed.storageParams).toEqual({ module: 's3', bucket: 'backups', region: 'eu-west-1', forcepathstyle: 'False', usehttp: 'False' });
  });

  it('leaves backupsStored undefined when the server omits it (0, NullIfDefault)', () => {
    const parsed = scheduleSchema.parse({
      storageType: 0,
      storageParams: { folderId: '1' },
      cronParams: { period: 0, hour: 12, day: 0 },
      lastBackupTime: '0001-01-01T00:00:00',
      dump: false,
    });
    expect(parsed.backupsStored).toBeUndefined();
    expect(parsed.lastBackupTime).toBe('0001-01-01T00:00:00');
  });

  it('accepts DataStore with folderId null, and Local with filePath', () => {
    const dataStore = scheduleSchema.parse({
      storageType: 4,
      storageParams: { folderId: null },
      cronParams: { period: 0, hour: 3, day: 0 },
      backupsStored: 1,
      lastBackupTime: '2026-03-10T03:00:12',
      dump: false,
    });
    expect(dataStore.storageParams).toEqual({ folderId: null });
    const local = scheduleSchema.parse({
      storageType: 3,
      storageParams: { folderId: '/var/backups', filePath: '/var/backups' },
      cronParams: { period: 0, hour: 3, day: 0 },
      lastBackupTime: '0001-01-01T00:00:00',
      dump: false,
    });
    expect(local.storageParams).toEqual({ folderId: '/var/backups', filePath: '/var/backups' });
  });

  it('fills defaults: no storageParams → {}, no day → 0, no dump → false', () => {
    const parsed = scheduleSchema.parse({
      storageType: 4,
      cronParams: { period: 0, hour: 3 },
      lastBackupTime: '0001-01-01T00:00:00',
    });
    expect(parsed.storageParams).toEqual({});
    expect(parsed.cronParams.day).toBe(0);
    expect(parsed.dump).toBe(false);
  });

  it('keeps fields it does not know (a dump schedule carries tenantId)', () => {
    const parsed = scheduleSchema.parse({
      storageType: 0,
      storageParams: { folderId: '1', tenantId: '1' },
      cronParams: { period: 0, hour: 3, day: 0 },
      lastBackupTime: '0001-01-01T00:00:00',
      dump: true,
      somethingNew: 42,
    });
    expect(parsed).toMatchObject({ dump: true, somethingNew: 42 });
  });

  it.each([
    ['storageType as a string', { storageType: 'Documents' }],
    ['storageParams as request pairs', { storageParams: [{ key: 'folderId', value: '1' }] }],
    ['hour as a string', { cronParams: { period: 0, hour: '5', day: 0 } }],
    ['a fractional hour', { cronParams: { period: 0, hour: 5.5, day: 0 } }],
    ['no lastBackupTime', { lastBackupTime: undefined }],
    ['no cronParams', { cronParams: undefined }],
  ])('rejects %s', (_name, patch) => {
    const base = {
      storageType: 0,
      storageParams: { folderId: '1' },
      cronParams: { period: 0, hour: 5, day: 0 },
      lastBackupTime: '0001-01-01T00:00:00',
      dump: false,
    };
    expect(scheduleSchema.safeParse({ ...base, ...patch }).success).toBe(false);
  });
});

describe('envelopes', () => {
  it('a success with no response (no schedule) parses, response undefined', () => {
    const parsed = envelope(scheduleSchema).parse({
      count: 0,
      links: [{ href: 'https://p.example.com/api/2.0/backup/getbackupschedule', action: 'GET' }],
      status: 0,
      statusCode: 200,
    });
    expect(parsed.response).toBeUndefined();
    expect(parsed.count).toBe(0);
  });

  it('an envelope without status is not an envelope', () => {
    expect(envelope(z.boolean()).safeParse({ response: true }).success).toBe(false);
  });

  it('reads the error envelope, with nulls kept', () => {
    const parsed = errorEnvelopeSchema.parse({
      error: { message: 'Access denied', type: 'System.Security.SecurityException', stack: '   at …', hresult: -2146233078 },
      status: 1,
      statusCode: 403,
    });
    expect(parsed.error.message).toBe('Access denied');
    expect(errorEnvelopeSchema.parse({ error: { message: null, type: null, stack: null, hresult: 0 }, status: 1, statusCode: 500 }).error.message).toBeNull();
  });

  it('reads a ValidationProblemDetails only with status 1', () => {
    const problem = {
      response: {
        type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
        title: 'One or more validation errors occurred.',
        status: 400,
        errors: { '$.cronParams.period': ['The JSON value could not be converted.'] },
        traceId: '00-1-2-00',
      },
      count: 1,
      status: 1,
      statusCode: 400,
    };
    expect(validationProblemSchema.parse(problem).response.errors).toEqual({ '$.cronParams.period': ['The JSON value could not be converted.'] });
    expect(validationProblemSchema.safeParse({ ...problem, status: 0 }).success).toBe(false);
  });
});

describe('other answers', () => {
  it('portal settings: the zone and standalone, which defaults to false', () => {
    expect(portalSettingsSchema.parse({ timezone: 'Europe/Berlin', utcOffset: '01:00:00', utcHoursOffset: 1, standalone: true })).toMatchObject({
      timezone: 'Europe/Berlin',
      standalone: true,
    });
    expect(portalSettingsSchema.parse({ timezone: 'UTC' }).standalone).toBe(false);
    // Signed out, /settings has no time zone: not something to draw a schedule with.
    expect(portalSettingsSchema.safeParse({ culture: 'en-US', standalone: false }).success).toBe(false);
  });

  it('@self: roles default to false', () => {
    expect(selfSchema.parse({ id: 'u1' })).toEqual({ id: 'u1', isAdmin: false, isOwner: false });
  });

  it('backup storages: properties default to [], values may be null', () => {
    const parsed = backupStoragesSchema.parse([
      { id: 's3', title: 'Amazon AWS S3', isSet: true, current: true, properties: [{ name: 'bucket', title: 'Bucket', value: 'b' }, { name: 'region', value: null }] },
      { id: 'googlecloud', title: 'Google Cloud Storage', isSet: false },
    ]);
    expect(parsed[0]!.properties).toHaveLength(2);
    expect(parsed[1]).toMatchObject({ properties: [], current: false });
  });

  it('S3 regions', () => {
    expect(s3RegionsSchema.parse([{ systemName: 'eu-west-1', displayName: 'Europe (Ireland)' }])).toHaveLength(1);
    expect(s3RegionsSchema.safeParse([{ systemName: 'eu-west-1' }]).success).toBe(false);
  });

  it('rooms: numeric ids, pathParts as objects or bare ids, defaults for missing lists', () => {
    const parsed = folderContentSchema.parse({
      folders: [{ id: 7, title: 'Backups', roomType: 5, rootFolderType: 14, security: { Create: true, Read: true } }],
      current: { id: 2, title: 'Rooms', rootFolderType: 14 },
      pathParts: [{ id: 2, title: 'Rooms' }],
      total: 1,
    });
    expect(parsed.folders[0]).toMatchObject({ id: 7, title: 'Backups', roomType: 5 });
    expect(folderContentSchema.parse({ pathParts: [2, 7] }).pathParts).toEqual([2, 7]);
    expect(folderContentSchema.parse({}).folders).toEqual([]);
  });

  it('third-party backup folder: a string id', () => {
    expect(thirdPartyFolderSchema.parse({ id: 'sbox-12-|backups', title: 'backups', providerKey: 'Dropbox' })).toMatchObject({
      id: 'sbox-12-|backups',
    });
  });

  it('backup progress and history', () => {
    expect(
      backupProgressSchema.parse({ isCompleted: true, progress: 100, link: '/backup.tar.gz', tenantId: 1, backupProgressEnum: 0, status: 2, taskId: 't' }),
    ).toMatchObject({ isCompleted: true, progress: 100, status: 2 });
    expect(backupProgressSchema.safeParse({ isCompleted: false, progress: '50' }).success).toBe(false);
    const history = historySchema.parse([
      {
        id: '6b6a7a9e-1b1e-4b6e-9d2a-3c4d5e6f7a8b',
        fileName: 'docspace_2026-03-10.tar.gz',
        storageType: 0,
        createdOn: '2026-03-10T08:00:03',
        expiresOn: '0001-01-01T00:00:00',
      },
    ]);
    expect(history[0]!.storageType).toBe(0);
  });
});
