import { describe, expect, it } from 'vitest';
import type { ScheduleDto } from '../docspace/schemas';
import type { LoadedSchedule } from '../messages/protocol';
import { fingerprint } from './form';
import { afterSave, freshTarget, nextCopyStep, planCopy, roomOfSameName, type CopyTarget, type SourceSchedule } from './copy-plan';

const weekly: ScheduleDto = {
  storageType: 0,
  storageParams: { folderId: '101' },
  cronParams: { period: 1, hour: 3, day: 2 },
  backupsStored: 7,
  lastBackupTime: '0001-01-01T00:00:00',
  dump: false,
};
const loadedOf = (schedule: ScheduleDto | null, timezone = 'Europe/Berlin'): LoadedSchedule => ({
  schedule,
  target: schedule ? { title: 'Backups' } : undefined,
  portal: { timezone, standalone: false },
  fingerprint: fingerprint(schedule),
  fetchedAt: 0,
});
const source = loadedOf(weekly) as SourceSchedule;
const options = { storages: [], regions: [], thirdParty: null, standalone: false };
const read = (patch: Partial<CopyTarget> = {}): CopyTarget => ({ ...freshTarget(), loaded: loadedOf(null), options, ...patch });

describe('copy plan', () => {
  it('a target not read yet, or with a schedule not agreed to replace, or without a room, is not copied to', () => {
    expect(planCopy(source, freshTarget(), 2).problems).toEqual(['not-read']);
    expect(planCopy(source, read(), 2).problems).toEqual(['choose-room']);
    expect(planCopy(source, read({ loaded: loadedOf(weekly), roomFolderId: '5' }), 2).problems).toEqual(['replace-needed']);
    expect(planCopy(source, read({ roomFolderId: '5', roomFolderTitle: 'R' }), 2)).toMatchObject({ problems: [], form: { roomFolderId: '5' } });
  });

  it('the next step: nothing ticked, already copied, fix a target, or the saves to send', () => {
    const ready = read({ roomFolderId: '5' });
    expect(nextCopyStep(source, [], {}, 2)).toEqual({ kind: 'choose-targets' });
    expect(nextCopyStep(source, ['b'], { b: { ...ready, result: { kind: 'saved' } } }, 2)).toEqual({ kind: 'already-copied' });
    expect(nextCopyStep(source, ['b', 'c'], { b: ready, c: read() }, 2)).toEqual({ kind: 'fix-targets' });
    const step = nextCopyStep(source, ['b', 'c'], { b: ready, c: { ...ready, result: { kind: 'saved' } } }, 2);
    expect(step.kind === 'copy' && step.plans.map((p) => p.origin)).toEqual(['b']);
  });

  it('a room of the same name is chosen only when there is exactly one', () => {
    const rooms = [{ id: 1, title: 'Backups' }, { id: 2, title: 'Marketing' }];
    expect(roomOfSameName('backups ', rooms)?.id).toBe(1);
    expect(roomOfSameName('Backups', [...rooms, { id: 3, title: 'BACKUPS' }])).toBeNull();
    expect(roomOfSameName(undefined, rooms)).toBeNull();
    expect(roomOfSameName('Sales', rooms)).toBeNull();
  });

  it('after a conflict the portal’s schedule must be agreed to again; after our own save it need not', () => {
    const loaded = loadedOf(weekly);
    expect(afterSave({ status: 'saved', loaded })).toMatchObject({ replace: true, result: { kind: 'saved' } });
    expect(afterSave({ status: 'conflict', loaded })).toMatchObject({ replace: false, result: { kind: 'conflict' } });
    expect(afterSave({ status: 'mismatch', loaded, differences: [] })).toMatchObject({ replace: true, result: { kind: 'mismatch' } });
  });
});
