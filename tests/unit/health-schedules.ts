import type { ScheduleDto } from '@/utils/pure/docspace/schemas';

// Schedules of any period, as getbackupschedule answers them, for the health-rule tests.

export const HOUR = 3_600_000;
export const NEVER = '0001-01-01T00:00:00';

export function schedule(period: number, hour: number, day: number, lastBackupTime: string): ScheduleDto {
  return { storageType: 0, storageParams: { folderId: '101' }, cronParams: { period, hour, day }, backupsStored: 7, lastBackupTime, dump: false };
}
export const daily = (hour: number, last: string) => schedule(0, hour, 0, last);
export const weekly = (day: number, hour: number, last: string) => schedule(1, hour, day, last);
export const monthly = (day: number, hour: number, last: string) => schedule(2, hour, day, last);
