import { browser } from '#imports';
import * as registry from '../pure/storage/registry';
import { settle } from '../extension/storage-item';
import { migrateStorage } from './storage-migrate';

/**
 * Checks every value any page (or anything else) stores, and everything at each
 * start, as the background checks its own reads (storage-item.ts). A value its
 * schema refuses is mended or dropped, with a note the pages show. So pages read
 * without zod; one that still meets a damaged value (stored a moment ago) asks
 * `checkStoredNow` and reads again.
 */
let started: Promise<number> | undefined;

/** Mends what fails its schema among these values; how many it mended or dropped. */
async function checkValues(values: Record<string, unknown>): Promise<number> {
  const bad = Object.entries(values).filter(([key, raw]) => raw !== undefined && raw !== null && !registry.checkStored(key, raw).ok);
  // settle() checks again, mends in storage and writes the note (one note at a time).
  await Promise.all(bad.map(([key, raw]) => settle(registry, key, raw, undefined)));
  return bad.length;
}

/** Every stored value, checked now (after the layout is brought up to date). */
export async function checkStoredNow(): Promise<number> {
  await (started ?? startStorageGuard());
  return checkValues(await browser.storage.local.get(null));
}

/** Called once as the background starts: every change is checked from here on. */
export function startStorageGuard(): Promise<number> {
  if (started) return started;
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    const values = Object.fromEntries(Object.entries(changes).map(([key, change]) => [key, (change as { newValue?: unknown }).newValue]));
    void checkValues(values).catch(() => undefined);
  });
  started = migrateStorage()
    .catch(() => undefined)
    .then(async () => checkValues(await browser.storage.local.get(null)))
    .catch(() => 0);
  return started;
}
