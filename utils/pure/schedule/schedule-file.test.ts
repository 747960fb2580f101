import { describe, expect, it } from 'vitest';
import type { ScheduleDto } from '../docspace/schemas';
import type { LoadedSchedule, ResponseOf } from '../messages/protocol';
import { fingerprint, requestFromForm, validateForm } from './form';
import {
  MAX_SCHEDULE_FILE_BYTES,
  exportSchedule,
  importForm,
  parseScheduleFile,
  scheduleFileName,
  scheduleOfFile,
  serializeScheduleFile,
  type ImportTarget,
  type ScheduleFile,
} from './schedule-file';

const ORIGIN = 'https://a.example.com';
const NOW = new Date('2026-03-10T08:00:00Z');

function loadedOf(schedule: ScheduleDto | null, title?: string): LoadedSchedule {
  return {
    schedule,
    target: title ? { title } : undefined,
    portal: { timezone: 'Europe/Berlin', standalone: true },
    fingerprint: fingerprint(schedule),
    fetchedAt: 0,
  };
}

const weekly: ScheduleDto = {
  storageType: 0,
  storageParams: { folderId: '101' },
  cronParams: { period: 1, hour: 3, day: 2 },
  backupsStored: 7,
  lastBackupTime: '2026-03-09T01:00:00',
  dump: false,
};

const s3: ScheduleDto = {
  ...weekly,
  storageType: 5,
  storageParams: { module: 's3', bucket: 'company', region: 'eu-central-1', accesskey: 'AKIAEXAMPLE', secretaccesskey: 'wJalrXUtnFEMI', token: 'tok' },
};

function validFile(patch: Partial<ScheduleFile['schedule']> = {}): Record<string, unknown> {
  const file = exportSchedule(ORIGIN, loadedOf(weekly, 'Backups'), NOW)!;
  return { ...file, schedule: { ...file.schedule, ...patch } };
}

const text = (value: unknown) => JSON.stringify(value);

describe('exportSchedule', () => {
  it('writes the documented format with the origin and zone as hints', () => {
    expect(exportSchedule(ORIGIN, loadedOf(weekly, 'Backups'), NOW)).toEqual({
      format: 'docspace-backup-schedule',
      version: 1,
      exportedAt: '2026-03-10T08:00:00.000Z',
      portal: { origin: ORIGIN, timezone: 'Europe/Berlin' },
      schedule: {
        period: 1,
        hour: 3,
        day: 2,
        backupsStored: 7,
        dump: false,
        storageType: 0,
        storageParams: { folderId: '101' },
        storageTitle: 'Backups',
      },
      omitted: [],
    });
  });

  it('never writes a secret, only the names of what it left out', () => {
    const file = exportSchedule(ORIGIN, loadedOf(s3), NOW)!;
    expect(file.schedule.storageParams).toEqual({ module: 's3', bucket: 'company', region: 'eu-central-1' });
    expect(file.omitted).toEqual(['accesskey', 'secretaccesskey', 'token']);
    const written = serializeScheduleFile(file);
    for (const secret of ['AKIAEXAMPLE', 'wJalrXUtnFEMI', 'tok"']) expect(written).not.toContain(secret);
  });

  it('has nothing to export without a schedule', () => {
    expect(exportSchedule(ORIGIN, loadedOf(null), NOW)).toBeNull();
  });

  it('writes day 0 for a daily schedule and names the file after the portal and the date', () => {
    const daily = exportSchedule(ORIGIN, loadedOf({ ...weekly, cronParams: { period: 0, hour: 5, day: 3 } }), NOW)!;
    expect(daily.schedule).toMatchObject({ period: 0, hour: 5, day: 0 });
    expect(scheduleFileName('http://127.0.0.1:8092', NOW)).toBe('docspace-backup-schedule-127.0.0.1-8092-2026-03-10.json');
    expect(scheduleFileName('not a url', NOW)).toBe('docspace-backup-schedule-portal-2026-03-10.json');
  });
});

describe('parseScheduleFile', () => {
  it('reads back what was exported', () => {
    const file = exportSchedule(ORIGIN, loadedOf(weekly, 'Backups'), NOW)!;
    const parsed = parseScheduleFile(serializeScheduleFile(file));
    expect(parsed).toEqual({ ok: true, file, ignored: [] });
    if (parsed.ok) expect(fingerprint(scheduleOfFile(parsed.file))).toBe(fingerprint(weekly));
  });

  it('accepts a byte-order mark and leaves optional fields to their defaults', () => {
    const parsed = parseScheduleFile(
      `\uFEFF${text({ format: 'docspace-backup-schedule', version: 1, schedule: { period: 0, hour: 4, backupsStored: 2, storageType: 4 } })}`,
    );
    expect(parsed.ok && parsed.file.schedule).toEqual({ period: 0, hour: 4, day: 0, backupsStored: 2, dump: false, storageType: 4, storageParams: {} });
  });

  it('ignores secrets in a hand-edited file and says which', () => {
    const parsed = parseScheduleFile(text(validFile({ storageType: 5, storageParams: { module: 's3', bucket: 'b', secretaccesskey: 'x' } })));
    expect(parsed.ok && parsed.file.schedule.storageParams).toEqual({ module: 's3', bucket: 'b' });
    expect(parsed.ok && parsed.ignored).toEqual(['secretaccesskey']);
  });

  it.each([
    ['', 'importEmpty', ''],
    ['   \n', 'importEmpty', ''],
    ['{"format": ', 'importNotJson', ''],
    ['[1, 2]', 'importNotObject', ''],
    ['null', 'importNotObject', ''],
    ['"text"', 'importNotObject', ''],
    [text({ hello: 'world' }), 'importNotScheduleFile', 'format'],
    [text({ format: 'docspace-backup-schedule', version: 2 }), 'importNewerVersion', 'version'],
    [text({ format: 'docspace-backup-schedule', version: '1' }), 'importBadVersion', 'version'],
    [text({ format: 'docspace-backup-schedule' }), 'importBadVersion', 'version'],
  ])('rejects %j with one clear problem', (input, key, field) => {
    const parsed = parseScheduleFile(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems).toEqual([expect.objectContaining({ key, field })]);
  });

  it('rejects a file that is too large before reading it', () => {
    const parsed = parseScheduleFile('{}', MAX_SCHEDULE_FILE_BYTES + 1);
    expect(!parsed.ok && parsed.problems).toEqual([{ field: '', key: 'importTooLarge', subs: ['64'] }]);
  });

  it('lists every wrong field at once', () => {
    const parsed = parseScheduleFile(text(validFile({ period: 5 as 0, hour: 24, backupsStored: 0, storageType: 9, storageParams: { folderId: 101 as unknown as string } })));
    expect(!parsed.ok && parsed.problems).toEqual([
      { field: 'schedule.period', key: 'importPeriod' },
      { field: 'schedule.hour', key: 'errHour' },
      { field: 'schedule.backupsStored', key: 'errCopiesRange' },
      { field: 'schedule.storageType', key: 'importStorageType' },
      { field: 'schedule.storageParams.folderId', key: 'importWrongType' },
    ]);
  });

  it('tells a missing field from a wrong one, and whole numbers from fractions', () => {
    const file = validFile();
    const schedule = { ...(file.schedule as Record<string, unknown>) };
    delete schedule.hour;
    schedule.backupsStored = 2.5;
    schedule.dump = 'yes';
    const parsed = parseScheduleFile(text({ ...file, schedule }));
    expect(!parsed.ok && parsed.problems).toEqual([
      { field: 'schedule.hour', key: 'importMissing' },
      { field: 'schedule.backupsStored', key: 'importWholeNumber' },
      { field: 'schedule.dump', key: 'importWrongType' },
    ]);
    const noSchedule = parseScheduleFile(text({ format: 'docspace-backup-schedule', version: 1 }));
    expect(!noSchedule.ok && noSchedule.problems).toEqual([{ field: 'schedule', key: 'importMissing' }]);
  });

  it('checks the day against the period and a storage against its module', () => {
    expect(parseScheduleFile(text(validFile({ period: 1, day: 8 })))).toEqual({ ok: false, problems: [{ field: 'schedule.day', key: 'errWeekday' }] });
    expect(parseScheduleFile(text(validFile({ period: 2, day: 0 })))).toEqual({ ok: false, problems: [{ field: 'schedule.day', key: 'errMonthDay' }] });
    expect(parseScheduleFile(text(validFile({ period: 0, day: 99 }))).ok).toBe(true);
    expect(parseScheduleFile(text(validFile({ storageType: 5, storageParams: { bucket: 'b' } })))).toEqual({
      ok: false,
      problems: [{ field: 'schedule.storageParams.module', key: 'importMissing' }],
    });
  });

  it('refuses overlong values and too many parameters', () => {
    const params = Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`p${i}`, 'v']));
    expect(parseScheduleFile(text(validFile({ storageType: 2, storageParams: params })))).toEqual({
      ok: false,
      problems: [{ field: 'schedule.storageParams', key: 'importTooMany' }],
    });
    const long = parseScheduleFile(text(validFile({ storageTitle: 'x'.repeat(301) })));
    expect(!long.ok && long.problems).toEqual([{ field: 'schedule.storageTitle', key: 'importTooLong' }]);
  });
});

describe('importForm', () => {
  const file = exportSchedule(ORIGIN, loadedOf(weekly, 'Backups'), NOW)!;
  const target = (patch: Partial<ImportTarget> = {}): ImportTarget => ({
    origin: 'https://b.example.com',
    timezone: 'Europe/Berlin',
    standalone: true,
    options: null,
    room: null,
    ...patch,
  });

  it('asks for a room when the file’s room is not on that portal', () => {
    const { form, notes } = importForm(file, target());
    expect(form.roomFolderId).toBe('');
    expect(notes).toEqual([{ kind: 'pick-room' }]);
    expect(validateForm(form)).toEqual([{ field: 'folder', message: 'errChooseRoom' }]);
  });

  it('keeps a room that exists there, with that portal’s name for it', () => {
    const { form, notes } = importForm(file, target({ room: { title: 'Backups B' } }));
    expect(form).toMatchObject({ enabled: true, roomFolderId: '101', roomFolderTitle: 'Backups B', period: 1, hour: 3, weekday: 2, backupsStored: '7' });
    expect(notes).toEqual([{ kind: 'room-found', id: '101', title: 'Backups B' }]);
    // On the portal it came from, the room is simply the same.
    expect(importForm(file, target({ origin: ORIGIN, room: { title: 'Backups' } })).notes).toEqual([]);
  });

  it('keeps the hour on the portal’s own clock and says so when the zones differ', () => {
    const { form, notes } = importForm(file, target({ timezone: 'America/New_York', room: { title: 'Backups' } }));
    expect(requestFromForm(form, true).cronParams).toEqual({ period: 1, hour: 3, day: 2 });
    expect(notes).toContainEqual({ kind: 'zone-differs', from: 'Europe/Berlin', to: 'America/New_York' });
  });

  it('uses the portal’s third-party folder and drops the dump on a cloud portal', () => {
    const options: ResponseOf<'storage.options'> = {
      storages: [],
      regions: [],
      thirdParty: { id: 'sbox-7', title: 'Dropbox backups', providerKey: 'DropboxV2' },
      standalone: false,
    };
    const tp = exportSchedule(ORIGIN, loadedOf({ ...weekly, storageType: 1, storageParams: { folderId: 'sbox-1' }, dump: true }), NOW)!;
    const { form, notes } = importForm(tp, target({ standalone: false, options }));
    expect(form).toMatchObject({ storage: 'thirdparty', thirdPartyFolderId: 'sbox-7', dump: false });
    expect(notes).toEqual([{ kind: 'dump-dropped' }]);
  });
});
