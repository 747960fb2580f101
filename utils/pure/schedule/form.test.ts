import { describe, expect, it } from 'vitest';
import type { ScheduleRequest } from './cron';
import type { ScheduleDto } from '../docspace/schemas';
import {
  clampCopies,
  compareStored,
  defaultForm,
  fingerprint,
  formFromSchedule,
  pickBackupRoom,
  requestFromForm,
  setupForm,
  validateForm,
  withConnectedFolder,
  type ScheduleForm,
} from './form';
import { weeklySchedule as schedule } from '@/tests/unit/schedules';

/** An enabled, valid form: a weekly backup to room 12345 on Mondays at 05:00, 7 copies. */
function form(patch: Partial<ScheduleForm> = {}): ScheduleForm {
  return {
    ...defaultForm(),
    enabled: true,
    storage: 'room',
    roomFolderId: '12345',
    period: 1,
    hour: 5,
    weekday: 2,
    backupsStored: '7',
    ...patch,
  };
}

describe('defaultForm', () => {
  it("is the portal page's default: off, a room, every day at 12:00, 10 copies", () => {
    expect(defaultForm()).toMatchObject({
      enabled: false,
      storage: 'room',
      period: 0,
      hour: 12,
      weekday: 2,
      monthDay: 1,
      backupsStored: '10',
      dump: false,
      otherStorage: null,
    });
    expect(defaultForm(1).weekday).toBe(1);
  });
});

describe('formFromSchedule', () => {
  it('no schedule gives the default form, turned off', () => {
    expect(formFromSchedule(null, 7)).toEqual(defaultForm(7));
  });

  it('a weekly room schedule', () => {
    const f = formFromSchedule(schedule());
    expect(f).toMatchObject({
      enabled: true,
      storage: 'room',
      roomFolderId: '12345',
      period: 1,
      hour: 5,
      weekday: 2,
      monthDay: 1,
      backupsStored: '7',
      dump: false,
      otherStorage: null,
    });
  });

  it('a monthly schedule sets the month day and keeps the locale weekday', () => {
    const f = formFromSchedule(schedule({ cronParams: { period: 2, hour: 23, day: 31 } }), 1);
    expect(f).toMatchObject({ period: 2, hour: 23, monthDay: 31, weekday: 1 });
  });

  it('a daily schedule keeps the defaults for weekday and month day', () => {
    const f = formFromSchedule(schedule({ cronParams: { period: 0, hour: 0, day: 0 } }), 7);
    expect(f).toMatchObject({ period: 0, hour: 0, weekday: 7, monthDay: 1 });
  });

  it('a third-party folder', () => {
    const f = formFromSchedule(schedule({ storageType: 1, storageParams: { folderId: 'sbox-12-|backups' } }));
    expect(f).toMatchObject({ storage: 'thirdparty', thirdPartyFolderId: 'sbox-12-|backups', roomFolderId: '', otherStorage: null });
  });

  it('a third-party storage (S3) with its props under the module', () => {
    const f = formFromSchedule(
      schedule({
        storageType: 5,
        storageParams: { module: 's3', bucket: 'backups', region: 'eu-west-1', serviceurl: null, forcepathstyle: 'False' },
      }),
    );
    expect(f.storage).toBe('consumer');
    expect(f.module).toBe('s3');
    expect(f.moduleProps).toEqual({ s3: { bucket: 'backups', region: 'eu-west-1', serviceurl: '', forcepathstyle: 'False' } });
    expect(f.otherStorage).toBeNull();
  });

  it('Local is kept as the portal has it', () => {
    const params = { folderId: '/var/backups', filePath: '/var/backups' };
    const f = formFromSchedule(schedule({ storageType: 3, storageParams: params }));
    expect(f.storage).toBe('keep');
    expect(f.otherStorage).toEqual({ storageType: 3, storageParams: params });
  });

  it('DataStore with folderId null is kept too', () => {
    const f = formFromSchedule(schedule({ storageType: 4, storageParams: { folderId: null } }));
    expect(f).toMatchObject({ storage: 'keep', otherStorage: { storageType: 4, storageParams: { folderId: null } } });
  });

  it('an omitted backupsStored reads as 1, the server default', () => {
    expect(formFromSchedule(schedule({ backupsStored: undefined })).backupsStored).toBe('1');
  });

  it('a dump schedule keeps dump', () => {
    expect(formFromSchedule(schedule({ dump: true })).dump).toBe(true);
  });
});

describe('validateForm', () => {
  it('a valid form and a disabled form have no errors', () => {
    expect(validateForm(form())).toEqual([]);
    expect(validateForm(form({ enabled: false, roomFolderId: '', backupsStored: 'abc', hour: 99 }))).toEqual([]);
  });

  it.each([[''], ['#12'], ['12a']])('room folder %j → errChooseRoom', (roomFolderId) => {
    expect(validateForm(form({ roomFolderId }))).toEqual([{ field: 'folder', message: 'errChooseRoom' }]);
  });

  it('third-party folder missing → errChooseThirdPartyFolder', () => {
    expect(validateForm(form({ storage: 'thirdparty', thirdPartyFolderId: '' }))).toEqual([
      { field: 'folder', message: 'errChooseThirdPartyFolder' },
    ]);
    expect(validateForm(form({ storage: 'thirdparty', thirdPartyFolderId: 'sbox-1' }))).toEqual([]);
  });

  it('third-party storage without a module → errChooseStorage', () => {
    expect(validateForm(form({ storage: 'consumer', module: '' }))).toEqual([{ field: 'module', message: 'errChooseStorage' }]);
  });

  it.each([
    ['s3', ['bucket']],
    ['googlecloud', ['bucket']],
    ['rackspace', ['private_container', 'public_container', 'region']],
    ['selectel', ['private_container', 'public_container']],
  ])('%s requires %j', (module, required) => {
    const missing = validateForm(form({ storage: 'consumer', module, moduleProps: {} }));
    expect(missing).toEqual(required.map((name) => ({ field: `prop:${name}`, message: 'errRequired' })));
    // Blank is missing too.
    const blank = Object.fromEntries(required.map((name) => [name, '   ']));
    expect(validateForm(form({ storage: 'consumer', module, moduleProps: { [module]: blank } }))).toHaveLength(required.length);
    const filled = Object.fromEntries(required.map((name) => [name, 'x']));
    expect(validateForm(form({ storage: 'consumer', module, moduleProps: { [module]: filled } }))).toEqual([]);
  });

  it('props typed for another module do not count', () => {
    const errors = validateForm(form({ storage: 'consumer', module: 's3', moduleProps: { googlecloud: { bucket: 'b' } } }));
    expect(errors).toEqual([{ field: 'prop:bucket', message: 'errRequired' }]);
  });

  it.each([
    ['abc', 'errCopiesNumber'],
    ['', 'errCopiesNumber'],
    ['1.5', 'errCopiesNumber'],
    ['-1', 'errCopiesNumber'],
    ['0', 'errCopiesRange'],
    ['31', 'errCopiesRange'],
  ])('copies %j → %s', (backupsStored, message) => {
    expect(validateForm(form({ backupsStored }))).toEqual([{ field: 'backupsStored', message }]);
  });

  it.each([['1'], ['30'], [' 7 ']])('copies %j is fine', (backupsStored) => {
    expect(validateForm(form({ backupsStored }))).toEqual([]);
  });

  it.each([[-1], [24], [1.5], [Number.NaN]])('hour %s → errHour', (hour) => {
    expect(validateForm(form({ hour }))).toEqual([{ field: 'hour', message: 'errHour' }]);
  });

  it('hours 0 and 23 are fine', () => {
    expect(validateForm(form({ hour: 0 }))).toEqual([]);
    expect(validateForm(form({ hour: 23 }))).toEqual([]);
  });

  it.each([[0], [8], [2.5]])('weekday %s → errWeekday, only when weekly', (weekday) => {
    expect(validateForm(form({ period: 1, weekday }))).toEqual([{ field: 'weekday', message: 'errWeekday' }]);
    expect(validateForm(form({ period: 0, weekday }))).toEqual([]);
    expect(validateForm(form({ period: 2, weekday, monthDay: 1 }))).toEqual([]);
  });

  it.each([[0], [32], [15.5]])('month day %s → errMonthDay, only when monthly', (monthDay) => {
    expect(validateForm(form({ period: 2, monthDay }))).toEqual([{ field: 'monthDay', message: 'errMonthDay' }]);
    expect(validateForm(form({ period: 1, monthDay }))).toEqual([]);
  });

  it('reports every wrong field at once, in field order', () => {
    const errors = validateForm(form({ roomFolderId: '', backupsStored: '99', hour: 24, period: 2, monthDay: 0 }));
    expect(errors.map((e) => e.field)).toEqual(['folder', 'backupsStored', 'hour', 'monthDay']);
  });
});

describe('requestFromForm', () => {
  it('weekly: the day is sent as Quartz (1 = Sunday) unchanged', () => {
    expect(requestFromForm(form({ period: 1, weekday: 1 }), false).cronParams).toEqual({ period: 1, hour: 5, day: 1 });
    expect(requestFromForm(form({ period: 1, weekday: 7 }), false).cronParams).toEqual({ period: 1, hour: 5, day: 7 });
  });

  it('daily sends day 0, whatever weekday and month day hold', () => {
    expect(requestFromForm(form({ period: 0, weekday: 4, monthDay: 15 }), false).cronParams).toEqual({ period: 0, hour: 5, day: 0 });
  });

  it('monthly sends the month day', () => {
    expect(requestFromForm(form({ period: 2, monthDay: 31, hour: 23 }), false).cronParams).toEqual({ period: 2, hour: 23, day: 31 });
  });

  it('a room: Documents with folderId, numbers as numbers', () => {
    const req = requestFromForm(form({ backupsStored: ' 7 ' }), false);
    expect(req).toEqual({
      storageType: 0,
      storageParams: [{ key: 'folderId', value: '12345' }],
      backupsStored: 7,
      cronParams: { period: 1, hour: 5, day: 2 },
      dump: false,
    });
    expect(typeof req.backupsStored).toBe('number');
  });

  it('a third-party folder: ThirdPartyDocuments with the string folderId', () => {
    const req = requestFromForm(form({ storage: 'thirdparty', thirdPartyFolderId: 'sbox-12-|backups' }), false);
    expect(req.storageType).toBe(1);
    expect(req.storageParams).toEqual([{ key: 'folderId', value: 'sbox-12-|backups' }]);
  });

  it("a third-party storage: module first, then that module's non-empty props", () => {
    const req = requestFromForm(
      form({
        storage: 'consumer',
        module: 's3',
        moduleProps: { s3: { bucket: 'backups', region: 'eu-west-1', serviceurl: '' }, googlecloud: { bucket: 'other' } },
      }),
      false,
    );
    expect(req.storageType).toBe(5);
    expect(req.storageParams).toEqual([
      { key: 'module', value: 's3' },
      { key: 'bucket', value: 'backups' },
      { key: 'region', value: 'eu-west-1' },
    ]);
  });

  it('a kept storage goes back as it came, without null values', () => {
    const local = requestFromForm(formFromSchedule(schedule({ storageType: 3, storageParams: { folderId: '/b', filePath: '/b' } })), true);
    expect(local.storageType).toBe(3);
    expect(local.storageParams).toEqual([
      { key: 'folderId', value: '/b' },
      { key: 'filePath', value: '/b' },
    ]);
    const dataStore = requestFromForm(formFromSchedule(schedule({ storageType: 4, storageParams: { folderId: null } })), false);
    expect(dataStore).toMatchObject({ storageType: 4, storageParams: [] });
  });

  it('dump is sent only for a standalone portal', () => {
    expect(requestFromForm(form({ dump: true }), true).dump).toBe(true);
    expect(requestFromForm(form({ dump: true }), false).dump).toBe(false);
    expect(requestFromForm(form({ dump: false }), true).dump).toBe(false);
  });

  it('round-trips a schedule read from the portal', () => {
    const s = schedule({ storageType: 5, storageParams: { module: 's3', bucket: 'b' }, cronParams: { period: 2, hour: 1, day: 29 }, backupsStored: 3 });
    const req = requestFromForm(formFromSchedule(s), false);
    expect(compareStored(req, s)).toEqual([]);
  });
});

describe('compareStored', () => {
  const sent: ScheduleRequest = {
    storageType: 0,
    storageParams: [{ key: 'folderId', value: '12345' }],
    backupsStored: 7,
    cronParams: { period: 1, hour: 5, day: 2 },
    dump: false,
  };

  it('equal → no differences (numbers against the same numbers, params by key)', () => {
    expect(compareStored(sent, schedule())).toEqual([]);
  });

  it('no schedule stored', () => {
    expect(compareStored(sent, null)).toEqual([{ field: 'schedule', sent: 'saved', stored: 'none' }]);
  });

  it.each([
    ['storageType', schedule({ storageType: 4 }), { field: 'storageType', sent: '0', stored: '4' }],
    ['a param value', schedule({ storageParams: { folderId: '999' } }), { field: 'storageParams.folderId', sent: '12345', stored: '999' }],
    ['a missing param', schedule({ storageParams: {} }), { field: 'storageParams.folderId', sent: '12345', stored: '—' }],
    ['a null param', schedule({ storageParams: { folderId: null } }), { field: 'storageParams.folderId', sent: '12345', stored: '—' }],
    ['period', schedule({ cronParams: { period: 2, hour: 5, day: 2 } }), { field: 'cronParams.period', sent: '1', stored: '2' }],
    ['hour', schedule({ cronParams: { period: 1, hour: 6, day: 2 } }), { field: 'cronParams.hour', sent: '5', stored: '6' }],
    ['day', schedule({ cronParams: { period: 1, hour: 5, day: 3 } }), { field: 'cronParams.day', sent: '2', stored: '3' }],
    ['backupsStored', schedule({ backupsStored: 1 }), { field: 'backupsStored', sent: '7', stored: '1' }],
    ['an omitted backupsStored', schedule({ backupsStored: undefined }), { field: 'backupsStored', sent: '7', stored: '—' }],
    ['dump', schedule({ dump: true }), { field: 'dump', sent: 'false', stored: 'true' }],
  ])('%s', (_name, stored, difference) => {
    expect(compareStored(sent, stored)).toEqual([difference]);
  });

  it('a null day stored for a daily schedule equals the 0 sent', () => {
    const daily: ScheduleRequest = { ...sent, cronParams: { period: 0, hour: 5, day: 0 } };
    expect(compareStored(daily, schedule({ cronParams: { period: 0, hour: 5, day: null } }))).toEqual([]);
  });

  it('params the server adds are not differences; only what was sent is compared', () => {
    expect(compareStored(sent, schedule({ storageParams: { folderId: '12345', tenantId: '1' } }))).toEqual([]);
  });

  it('lists several differences together', () => {
    const diffs = compareStored(sent, schedule({ storageType: 4, storageParams: { folderId: null }, dump: true }));
    expect(diffs.map((d) => d.field)).toEqual(['storageType', 'storageParams.folderId', 'dump']);
  });
});

describe('fingerprint', () => {
  it('no schedule is "none"', () => {
    expect(fingerprint(null)).toBe('none');
  });

  it('ignores lastBackupTime and the order of storageParams', () => {
    const a = schedule({ storageType: 5, storageParams: { module: 's3', bucket: 'b', region: 'r' } });
    const b = { ...a, storageParams: { region: 'r', bucket: 'b', module: 's3' }, lastBackupTime: '0001-01-01T00:00:00' };
    expect(fingerprint(b)).toBe(fingerprint(a));
  });

  it('treats the server-side defaults as equal (day null = 0, storageParams null = {})', () => {
    expect(fingerprint(schedule({ cronParams: { period: 0, hour: 5, day: null } }))).toBe(
      fingerprint(schedule({ cronParams: { period: 0, hour: 5, day: 0 } })),
    );
    expect(fingerprint(schedule({ storageType: 4, storageParams: null }))).toBe(fingerprint(schedule({ storageType: 4, storageParams: {} })));
  });

  it.each<[string, Partial<ScheduleDto>]>([
    ['storageType', { storageType: 1 }],
    ['a param value', { storageParams: { folderId: '54321' } }],
    ['an added param', { storageParams: { folderId: '12345', bucket: 'b' } }],
    ['a removed param', { storageParams: {} }],
    ['a param that became null', { storageParams: { folderId: null } }],
    ['period', { cronParams: { period: 2, hour: 5, day: 2 } }],
    ['hour', { cronParams: { period: 1, hour: 6, day: 2 } }],
    ['day', { cronParams: { period: 1, hour: 5, day: 3 } }],
    ['backupsStored', { backupsStored: 8 }],
    ['dump', { dump: true }],
  ])('notices a change of %s', (_name, patch) => {
    expect(fingerprint(schedule(patch))).not.toBe(fingerprint(schedule()));
  });

  it('a schedule and no schedule differ', () => {
    expect(fingerprint(schedule())).not.toBe(fingerprint(null));
  });
});

describe('one-click setup (issue #12)', () => {
  const room = (id: number | string, title: string, extra: Record<string, unknown> = {}) => ({ id, title, ...extra });

  it('proposes daily at 02:00 portal time, 7 copies, enabled, to the room given', () => {
    const form = setupForm(2, { id: '101', title: 'Backups' });
    expect(form).toMatchObject({ enabled: true, storage: 'room', period: 0, hour: 2, backupsStored: '7', roomFolderId: '101', roomFolderTitle: 'Backups' });
    expect(validateForm(form)).toEqual([]);
    // Without a room the admin still has to choose one.
    expect(validateForm(setupForm(2)).map((e) => e.field)).toEqual(['folder']);
  });

  it('picks a backup room first, else the first room a backup may go to', () => {
    expect(pickBackupRoom([room(102, 'Finance', { roomType: 2 }), room(101, 'Company backups', { roomType: 5 })])).toEqual({ id: '101', title: 'Company backups' });
    expect(pickBackupRoom([room(103, 'Marketing', { roomType: 6 }), room(105, 'Forms', { roomType: 1 }), room(102, 'Finance', { roomType: 2 })])).toEqual({ id: '102', title: 'Finance' });
    expect(pickBackupRoom([room(106, 'Read only', { security: { Create: false } })])).toBeNull();
    expect(pickBackupRoom([])).toBeNull();
  });

  it('clamps copies to a whole number from 1 to 30', () => {
    expect(['45', '0', '12', 'x7', ''].map((v) => clampCopies(v))).toEqual(['30', '1', '12', '7', '7']);
    expect(clampCopies(31)).toBe('30');
    expect(clampCopies('', '4')).toBe('4');
  });

  it('sends the connected third-party folder, never an old one', () => {
    const old = { ...formFromSchedule(null), enabled: true, storage: 'thirdparty' as const, thirdPartyFolderId: 'old-id', thirdPartyFolderTitle: 'Old' };
    expect(withConnectedFolder(old, null)).toMatchObject({ thirdPartyFolderId: '', thirdPartyFolderTitle: '' });
    expect(validateForm(withConnectedFolder(old, null))).toEqual([{ field: 'folder', message: 'errChooseThirdPartyFolder' }]);
    expect(withConnectedFolder(old, { id: 'sbox-1-backup', title: 'Backup' })).toMatchObject({ thirdPartyFolderId: 'sbox-1-backup' });
    // Not known (the list failed): unchanged.
    expect(withConnectedFolder(old, undefined)).toBe(old);
  });
});
