import type { HealthRecord } from '../pure/messages/protocol';
import { localItem } from './storage-item';

/** Each portal's last health check; written by the background, read by the pages. */
export function healthItem(origin: string) {
  return localItem<HealthRecord | null>(`health:${origin}`, null);
}

/** The later of two records: what a read brings back must not undo a check recorded while it was out. */
export function newerRecord(seen: HealthRecord | null | undefined, read: HealthRecord | null): HealthRecord | null {
  return seen && (!read || seen.checkedAt > read.checkedAt) ? seen : read;
}
