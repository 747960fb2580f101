import { browser } from '#imports';
import { findPortal } from '../extension/portal-list';
import { getValues, type StorageItem } from '../extension/storage-item';

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
let lastFlush = 0;

async function flush() {
  timer = undefined;
  lastFlush = Date.now();
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
    // The first value after a quiet spell goes out at once (with what this turn queues): the first
    // row of a refresh is not held back for a batch that is not there yet.
    timer ??= setTimeout(() => void flush(), Math.max(0, lastFlush + WINDOW_MS - Date.now()));
  });
}

/** The value queued for `item` and not written yet, if any: a read must not miss it. */
export function queuedValue<T>(item: StorageItem<T>): { value: T } | undefined {
  const q = queued.get(item.key) ?? writing.get(item.key);
  return q ? { value: q.value as T } : undefined;
}

/*
 * Reads, batched the same way: a fleet refresh starts dozens of checks at once, each reading its
 * portal's record and caches. Every storage call is a round trip through the browser process
 * (about 0.3 ms of the service worker's CPU and as much of the browser's, in Chromium 156), so the
 * reads asked for while one is being read go out together, as the next storage.local.get().
 * A lone read waits for nothing (one microtask).
 */
interface Reading {
  item: StorageItem<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

let toRead: Reading[] = [];
let readingNow = false;

async function readBatch() {
  readingNow = true;
  while (toRead.length) {
    const batch = toRead;
    toRead = [];
    try {
      // Each value is checked against its schema as any read is (storage-item.ts).
      const values = await getValues(batch.map((r) => r.item));
      // A value queued or being written since the read went out is newer than what it found.
      batch.forEach((r, i) => r.resolve(queuedValue(r.item) ? queuedValue(r.item)!.value : values[i]));
    } catch (error) {
      for (const r of batch) r.reject(error);
    }
  }
  readingNow = false;
}

/** `item.getValue()`, or the value queued for it, read in one storage call with the reads asked for alongside. */
export function readSoon<T>(item: StorageItem<T>): Promise<T> {
  const queued = queuedValue(item);
  if (queued) return Promise.resolve(queued.value);
  return new Promise<T>((resolve, reject) => {
    toRead.push({ item, resolve: resolve as (value: unknown) => void, reject });
    if (toRead.length === 1 && !readingNow) queueMicrotask(() => void readBatch());
  });
}
