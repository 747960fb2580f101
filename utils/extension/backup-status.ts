import type { BackupStatus } from '../pure/messages/protocol';
import { localItem } from './storage-item';

/** The manual backup of each portal, as the background last saw it; pages watch this item. */
export function backupStatusItem(origin: string) {
  return localItem<BackupStatus | null>(`backup:${origin}`, null);
}
