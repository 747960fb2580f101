import { localItem } from './storage-item';
import type { LoadedSchedule } from '../pure/messages/protocol';

/**
 * The last schedule read from each portal, so the popup can draw at once and
 * refresh behind. Written by the background only.
 */
export function scheduleCacheItem(origin: string) {
  return localItem<LoadedSchedule | null>(`cache:${origin}`, null);
}
