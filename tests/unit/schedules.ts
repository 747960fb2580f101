import type { ScheduleDto } from '@/utils/pure/docspace/schemas';

/** A weekly room schedule as the portal returns it: Monday 05:00 (server day 2), 7 copies, last run on 10 March. */
export function weeklySchedule(patch: Partial<ScheduleDto> = {}): ScheduleDto {
  return {
    storageType: 0,
    storageParams: { folderId: '12345' },
    cronParams: { period: 1, hour: 5, day: 2 },
    backupsStored: 7,
    lastBackupTime: '2026-03-10T08:00:03',
    dump: false,
    ...patch,
  };
}
