import { computeNextRun, type NextRun } from '../pure/docspace/next-run';
import { instantFromWallClock, parseServerUtc, wallClockInZone } from '../pure/docspace/time-zone';
import { StorageType } from '../pure/docspace/storage-type';
import type { ScheduleDto } from '../pure/docspace/schemas';
import { weekdayName } from '../pure/docspace/week';
import { formatHour, formatTime, userTimeZone } from './format';
import { plural, t, uiLanguage } from './i18n';

export interface StorageTarget {
  /** The room, folder or storage the backups go to, as the portal names it. */
  title?: string;
  /** The room or folder no longer exists (404 when looked up). */
  missing?: boolean;
}

/** "Every Monday at 03:00" */
export function describeWhen(cron: ScheduleDto['cronParams']): string {
  const hour = formatHour(cron.hour);
  if (cron.period === 1) return t('whenWeekly', [weekdayName(cron.day ?? 1, uiLanguage(), 'long'), hour]);
  if (cron.period === 2) return t('whenMonthly', [String(cron.day ?? 1), hour]);
  return t('whenDaily', hour);
}

/** The user's own clock time for a portal hour, or null when both zones agree on it. */
export function localEquivalent(hour: number, portalZone: string, now = new Date()): string | null {
  const today = wallClockInZone(now, portalZone);
  const instant = instantFromWallClock({ ...today, hour, minute: 0, second: 0 }, portalZone);
  const mine = formatTime(instant, userTimeZone());
  return mine === formatTime(instant, portalZone) ? null : mine;
}

export function describeStorage(
  storageType: number,
  params: Record<string, string | null>,
  target: StorageTarget | undefined,
): string {
  switch (storageType) {
    case StorageType.Documents:
      return t('toRoom', target?.title ?? `#${params.folderId ?? '?'}`);
    case StorageType.ThirdPartyDocuments:
      return t('toThirdPartyFolder', target?.title ?? params.folderId ?? '?');
    case StorageType.ThirdPartyConsumer:
      return t('toStorage', target?.title ?? params.module ?? '?');
    case StorageType.Local:
      return t('toLocal', params.filePath ?? params.folderId ?? '?');
    case StorageType.DataStore:
      return t('toTemporary');
    default:
      return t('toCustomCloud');
  }
}

export interface ScheduleSentence {
  when: string;
  portalZone: string;
  local: string | null;
  storage: string;
  copies: string;
}

export function describeSchedule(schedule: ScheduleDto, portalZone: string, target?: StorageTarget): ScheduleSentence {
  return {
    when: describeWhen(schedule.cronParams),
    portalZone,
    local: localEquivalent(schedule.cronParams.hour, portalZone),
    storage: describeStorage(schedule.storageType, schedule.storageParams ?? {}, target),
    copies: plural('keepsCopies', schedule.backupsStored ?? 1),
  };
}

export function lastBackup(schedule: ScheduleDto): Date | null {
  return parseServerUtc(schedule.lastBackupTime);
}

export function nextBackup(schedule: ScheduleDto, portalZone: string, now = new Date()): NextRun | null {
  const { period, hour, day } = schedule.cronParams;
  if (period !== 0 && period !== 1 && period !== 2) return null;
  try {
    return computeNextRun({ cron: { period, hour, day: day ?? 0 }, lastBackupTime: schedule.lastBackupTime, timeZone: portalZone, now });
  } catch {
    return null;
  }
}
