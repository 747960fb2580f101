import type { HealthRecord } from '../pure/messages/protocol';
import { StorageType } from '../pure/docspace/storage-type';
import { t } from './i18n';
import { describeStorage } from './schedule-describe';

/**
 * Where a portal's backups go, for the overview and its report: a room by the name
 * the portal gives it (looked up by the health check), never its id.
 */
export function storageOf(record: HealthRecord): string {
  const schedule = record.schedule;
  if (!schedule) return '';
  if (schedule.storageType === StorageType.Documents) {
    const room = record.room?.folderId === schedule.storageParams?.folderId ? record.room : undefined;
    if (room?.title) return t('toRoom', room.title);
    return room?.missing ? t('fleetRoomGone') : t('storageRoom');
  }
  return describeStorage(schedule.storageType, schedule.storageParams ?? {}, undefined);
}
