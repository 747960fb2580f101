import { browser } from '#imports';
import { findPortal } from '../extension/portal-list';
import type { StorageItem } from '../extension/storage-item';

/**
 * Per-portal values written together. The checks of a fleet refresh finish dozens
 * at a time; one storage.set() per check cost a storage round trip and a
 * storage.onChanged event in every extension page per portal (500 for 500
 * portals). Values queued within WINDOW_MS go out in one set(), each only while
 * its portal is still added (as setIfAdded).
 */
export const WINDOW_MS = 20;

interface Queued {
  origin: string;
  value: unknown;
  settle: Array<(wrote: boolean) => void>;
  fail: Array<(error: unknown) => void>;
}

let queued = new Map<string, Queued>();
let writing = new Map<string, Queued>();
let timer: ReturnType<typeof setTimeout> | undefined;

async function flush() {
  timer = undefined;
  const batch = queued;
  queued = new Map();
  writing = batch;
  try {
    const added = await Promise.all([...batch.values()].map((q) => findPortal(q.origin)));
    const values: Record<string, unknown> = {};
    [...batch].forEach(([key, q], i) => {
      if (added[i]) values[key] = q.value;
    });
    if (Object.keys(values).length) await browser.storage.local.set(values);
    for (const [key, q] of batch) for (const settle of q.settle) settle(key in values);
  } catch (error) {
    for (const q of batch.values()) for (const fail of q.fail) fail(error);
  } finally {
    if (writing === batch) writing = new Map();
  }
}

/**
 * setIfAdded, batched: resolves once written (true) or dropped because the portal
 * was removed (false). A later value for the same key replaces a queued one.
 */
export function setIfAddedSoon<T>(origin: string, item: StorageItem<T>, value: T): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const q = queued.get(item.key) ?? { origin, value, settle: [], fail: [] };
    q.value = value;
    q.settle.push(resolve);
    q.fail.push(reject);
    queued.set(item.key, q);
    timer ??= setTimeout(() => void flush(), WINDOW_MS);
  });
}

/** The value queued for `item` and not written yet, if any: a read must not miss it. */
export function queuedValue<T>(item: StorageItem<T>): { value: T } | undefined {
  const q = queued.get(item.key) ?? writing.get(item.key);
  return q ? { value: q.value as T } : undefined;
}
