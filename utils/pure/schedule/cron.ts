// The one schedule vocabulary: what a schedule's period, day and hour mean, and
// the request body the portal takes. Every module that reads or builds a
// schedule uses these words (server-api.md §6: BackupPeriod, CronParams).
import type { ScheduleDto } from '../docspace/schemas';

/** 0 every day, 1 every week, 2 every month (BackupPeriod). */
export type Period = 0 | 1 | 2;

/** A schedule's time, on the portal's wall clock. */
export type Cron = {
  period: Period;
  /** 0-23, portal time */
  hour: number;
  /** 0 every day; weekly: Quartz 1 = Sunday … 7 = Saturday; monthly: 1-31. */
  day: number;
};

type LooseCron = { period: number; hour: number; day?: number | null };

export const isPeriod = (value: number): value is Period => value === 0 || value === 1 || value === 2;

/** The period of a schedule that passed its schema (which allows only 0-2). */
export function periodOf(value: number): Period {
  return isPeriod(value) ? value : 0;
}

/** The cron of a validated schedule; the portal sends a daily one's day as null or 0. */
export function cronOf(params: LooseCron): Cron {
  const period = periodOf(params.period);
  return { period, hour: params.hour, day: period === 0 ? 0 : (params.day ?? 1) };
}

/** The cron, or null when the period is not one the server knows: judging never guesses. */
export function knownCronOf(params: LooseCron): Cron | null {
  return isPeriod(params.period) ? cronOf(params) : null;
}

/**
 * The schedule a request would store, as the portal returns it (storageParams a dictionary, a
 * run never made): for drawing what is about to be sent beside what is stored.
 */
export function storedSchedule(request: Omit<ScheduleRequest, 'storageParams'> & { storageParams: Record<string, string> }): ScheduleDto {
  return {
    storageType: request.storageType,
    storageParams: { ...request.storageParams },
    cronParams: { ...request.cronParams },
    backupsStored: request.backupsStored,
    lastBackupTime: '0001-01-01T00:00:00',
    dump: request.dump,
  };
}

/** What createbackupschedule takes. storageParams is a list of pairs, as the server binds it. */
export interface ScheduleRequest {
  storageType: number;
  storageParams: { key: string; value: string }[];
  backupsStored: number;
  cronParams: Cron;
  dump: boolean;
}
