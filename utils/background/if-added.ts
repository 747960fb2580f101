import { findPortal } from '../extension/portal-list';
import type { StorageItem } from '../extension/storage-item';

/**
 * Writes a per-portal value only while the portal is still added: an answer that
 * arrives after the user removed the portal must not put its keys back. Says whether it wrote.
 */
export async function setIfAdded<T>(origin: string, item: StorageItem<T>, value: T): Promise<boolean> {
  if (!(await findPortal(origin))) return false;
  await item.setValue(value);
  return true;
}
