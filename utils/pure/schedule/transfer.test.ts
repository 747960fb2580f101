import { describe, expect, it } from 'vitest';
import type { ScheduleDto } from '../docspace/schemas';
import type { ResponseOf } from '../messages/protocol';
import { formFromSchedule, requestFromForm, validateForm } from './form';
import { carryOver, copyForm, isBlocking, sameMoment, type TargetFacts } from './transfer';

type Options = ResponseOf<'storage.options'>;

function schedule(patch: Partial<ScheduleDto> = {}): ScheduleDto {
  return {
    storageType: 0,
    storageParams: { folderId: '101' },
    cronParams: { period: 1, hour: 3, day: 2 },
    backupsStored: 7,
    lastBackupTime: '2026-03-10T08:00:03',
    dump: false,
    ...patch,
  };
}

function options(patch: Partial<Options> = {}): Options {
  return {
    storages: [
      { id: 's3', title: 'Amazon AWS S3', isSet: true, current: false, properties: [] },
      { id: 'rackspace', title: 'Rackspace Cloud Storage', isSet: false, current: false, properties: [] },
    ],
    regions: [],
    thirdParty: { id: 'sbox-9', title: 'Backups on Dropbox', providerKey: 'DropboxV2' },
    standalone: true,
    ...patch,
  };
}

const selfHosted: TargetFacts = { standalone: true, options: options() };
// A summer day and a winter day of 2026 (EU DST: Mar 29 – Oct 25; US: Mar 8 – Nov 1).
const JULY = new Date('2026-07-15T12:00:00Z');
const JANUARY = new Date('2026-01-15T12:00:00Z');

describe('carryOver', () => {
  it('leaves the room to be picked again on the target', () => {
    const { form, notes } = carryOver(formFromSchedule(schedule()), selfHosted);
    expect(form.roomFolderId).toBe('');
    expect(notes).toEqual([{ kind: 'pick-room' }]);
    expect(validateForm(form)).toEqual([{ field: 'folder', message: 'errChooseRoom' }]);
  });

  it("uses the target's own third-party folder, or says it has none", () => {
    const source = formFromSchedule(schedule({ storageType: 1, storageParams: { folderId: 'sbox-1-backup' } }));
    const { form } = carryOver(source, selfHosted);
    expect(requestFromForm(form, true).storageParams).toEqual([{ key: 'folderId', value: 'sbox-9' }]);

    const none = carryOver(source, { standalone: true, options: options({ thirdParty: null }) });
    expect(none.form.thirdPartyFolderId).toBe('');
    expect(none.notes).toEqual([{ kind: 'no-third-party' }]);
    expect(none.notes.some(isBlocking)).toBe(true);
  });

  it('carries a third-party storage without its secrets, and needs it set up on the target', () => {
    const source = formFromSchedule(
      schedule({ storageType: 5, storageParams: { module: 's3', bucket: 'company', region: 'eu-central-1', accesskey: 'AKIA', secretaccesskey: 'x' } }),
    );
    const { form, notes } = carryOver(source, selfHosted);
    expect(requestFromForm(form, true).storageParams).toEqual([
      { key: 'module', value: 's3' },
      { key: 'bucket', value: 'company' },
      { key: 'region', value: 'eu-central-1' },
    ]);
    expect(notes).toEqual([{ kind: 'secrets-dropped', names: ['accesskey', 'secretaccesskey'] }]);
    expect(notes.some(isBlocking)).toBe(false);

    const rack = formFromSchedule(schedule({ storageType: 5, storageParams: { module: 'rackspace', private_container: 'p', public_container: 'q', region: 'DFW' } }));
    expect(carryOver(rack, selfHosted).notes).toEqual([{ kind: 'storage-not-set', title: 'Rackspace Cloud Storage' }]);
    const gone = formFromSchedule(schedule({ storageType: 5, storageParams: { module: 'selectel' } }));
    expect(carryOver(gone, selfHosted).notes).toEqual([{ kind: 'storage-unknown', module: 'selectel' }]);
  });

  it('does not check storages it does not know yet', () => {
    const source = formFromSchedule(schedule({ storageType: 5, storageParams: { module: 'rackspace' } }));
    expect(carryOver(source, { standalone: true, options: null }).notes).toEqual([]);
  });

  it('keeps the dump only for self-hosted targets', () => {
    const source = formFromSchedule(schedule({ dump: true }));
    expect(carryOver(source, selfHosted).form.dump).toBe(true);
    const cloud = carryOver(source, { standalone: false, options: options({ standalone: false }) });
    expect(cloud.form.dump).toBe(false);
    expect(cloud.notes).toContainEqual({ kind: 'dump-dropped' });
  });

  it('drops secrets from a storage the editor only keeps', () => {
    const source = formFromSchedule(schedule({ storageType: 2, storageParams: { url: 'https://cloud', password: 'x' } }));
    const { form, notes } = carryOver(source, selfHosted);
    expect(form.otherStorage?.storageParams).toEqual({ url: 'https://cloud' });
    expect(notes).toEqual([{ kind: 'secrets-dropped', names: ['password'] }]);
    // The source form is not changed.
    expect(source.otherStorage?.storageParams).toEqual({ url: 'https://cloud', password: 'x' });
  });
});

describe('sameMoment', () => {
  it('moves the hour, and the weekday when it crosses midnight', () => {
    // Monday 03:00 in Berlin (UTC+2 in July) is Sunday 21:00 in New York (UTC-4).
    expect(sameMoment({ period: 1, hour: 3, day: 2 }, 'Europe/Berlin', 'America/New_York', JULY)).toEqual({ period: 1, hour: 21, day: 1 });
    // Sunday (1) back across the week boundary to Saturday (7).
    expect(sameMoment({ period: 1, hour: 3, day: 1 }, 'Europe/Berlin', 'America/New_York', JULY)).toEqual({ period: 1, hour: 21, day: 7 });
    // Saturday 22:00 in New York is Sunday 04:00 in Berlin.
    expect(sameMoment({ period: 1, hour: 22, day: 7 }, 'America/New_York', 'Europe/Berlin', JULY)).toEqual({ period: 1, hour: 4, day: 1 });
  });

  it("uses the offsets of the given date", () => {
    expect(sameMoment({ period: 0, hour: 3, day: 0 }, 'Europe/Berlin', 'UTC', JULY)).toEqual({ period: 0, hour: 1, day: 0 });
    expect(sameMoment({ period: 0, hour: 3, day: 0 }, 'Europe/Berlin', 'UTC', JANUARY)).toEqual({ period: 0, hour: 2, day: 0 });
  });

  it('moves a month day, unless it leaves 1-31', () => {
    expect(sameMoment({ period: 2, hour: 23, day: 15 }, 'UTC', 'Asia/Tokyo', JULY)).toEqual({ period: 2, hour: 8, day: 16 });
    expect(sameMoment({ period: 2, hour: 23, day: 31 }, 'UTC', 'Asia/Tokyo', JULY)).toBeNull();
    expect(sameMoment({ period: 2, hour: 1, day: 1 }, 'UTC', 'America/New_York', JULY)).toBeNull();
  });

  it('has no whole-hour answer for a zone off by half an hour, nor for an unknown zone', () => {
    expect(sameMoment({ period: 0, hour: 3, day: 0 }, 'UTC', 'Asia/Kolkata', JULY)).toBeNull();
    expect(sameMoment({ period: 0, hour: 3, day: 0 }, 'UTC', 'Mars/Olympus', JULY)).toBeNull();
  });

  it('is the identity between zones that agree', () => {
    expect(sameMoment({ period: 1, hour: 3, day: 2 }, 'Europe/Berlin', 'Europe/Paris', JULY)).toEqual({ period: 1, hour: 3, day: 2 });
  });
});

describe('copyForm', () => {
  const target = { ...selfHosted, timezone: 'America/New_York' };

  it('keeps the same hour on the target portal’s clock by default', () => {
    const { form, notes } = copyForm(schedule(), 'Europe/Berlin', target, { roomFolderId: '555', roomFolderTitle: 'Archive copies', hourMode: 'portal-hour' }, 2, JULY);
    expect(notes).toEqual([]);
    expect(validateForm(form)).toEqual([]);
    expect(requestFromForm(form, true)).toEqual({
      storageType: 0,
      storageParams: [{ key: 'folderId', value: '555' }],
      backupsStored: 7,
      cronParams: { period: 1, hour: 3, day: 2 },
      dump: false,
    });
  });

  it('can run at the same moment instead', () => {
    const { form } = copyForm(schedule(), 'Europe/Berlin', target, { roomFolderId: '555', roomFolderTitle: '', hourMode: 'same-moment' }, 2, JULY);
    expect(requestFromForm(form, true).cronParams).toEqual({ period: 1, hour: 21, day: 1 });
  });

  it('asks for a room until one is picked', () => {
    const { form, notes } = copyForm(schedule(), 'Europe/Berlin', target, { roomFolderId: '', roomFolderTitle: '', hourMode: 'portal-hour' });
    expect(notes).toEqual([{ kind: 'pick-room' }]);
    expect(validateForm(form)).toHaveLength(1);
  });
});
