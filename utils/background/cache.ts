import { storage } from '#imports';
import type { LoadedSchedule } from '../messages/protocol';

/**
 * The last schedule read from each portal, so the popup can draw at once and
 * refresh behind. Written by the background only.
 */
export function scheduleCacheItem(origin: string) {
  return storage.defineItem<LoadedSchedule | null>(`local:cache:${origin}`, { fallback: null });
}
