import type { HealthRecord } from '../pure/messages/protocol';
import { localItem } from './storage-item';

/** Each portal's last health check; written by the background, read by the pages. */
export function healthItem(origin: string) {
  return localItem<HealthRecord | null>(`health:${origin}`, null);
}
