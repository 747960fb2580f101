import { browser } from '#imports';
import type * as Registry from '../pure/storage/registry';
import { loadOnce } from '../pure/load-once';

/**
 * A typed value in extension storage (local area). WXT's storage module does
 * this too, but costs 2.5 kB gzip in every page; the popup has a size budget
 * and needs only get/set/remove.
 *
 * Every value read is checked against its key's schema in ../pure/storage/registry: a
 * corrupted value is repaired or dropped, and noted for the pages to say so, never cast.
 * The pages are the exception (`leaveChecksToBackground`): the background also checks every
 * value anyone stores (utils/background/storage-guard.ts), so a page reads what the guard let
 * stand, without zod, and the popup draws at once. A page that still meets a damaged value
 * (stored a moment ago) asks the background to check and reads again (utils/pages/stored-data.ts).
 */
export interface StorageItem<T> {
  readonly key: string;
  readonly fallback: T;
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
  /** Calls back with each new value; returns the unsubscribe function. */
  watch(callback: (value: T) => void): () => void;
}

// Without its registry (a chunk missing after an update) a value is used as read.
const loadRegistry = loadOnce(() => import('../pure/storage/registry').catch((): typeof Registry | null => null));
let checked = true;

/** Called first thing by each page: its reads are left to the background's guard. */
export function leaveChecksToBackground() {
  checked = false;
}

const registry = async () => (checked ? loadRegistry() : null);

/** At most this many repair notes are kept for the pages to show. */
const MAX_REPAIRS = 20;

// One note at a time: two bad values read together must not overwrite each other's note.
let notes: Promise<void> = Promise.resolve();
function noteRepair(reg: typeof Registry, key: string, name: string, action: 'repaired' | 'dropped'): Promise<void> {
  notes = notes.then(() => appendNote(reg, key, name, action)).catch(() => undefined);
  return notes;
}

async function appendNote(reg: typeof Registry, key: string, name: string, action: 'repaired' | 'dropped') {
  const got = (await browser.storage.local.get('storageRepairs')).storageRepairs;
  const list = Array.isArray(got) ? got.slice(-(MAX_REPAIRS - 1)) : [];
  const next = [...list, { key: key.slice(0, 400), name, action, at: Date.now() }];
  if (reg.checkStored('storageRepairs', next).ok) await browser.storage.local.set({ storageRepairs: next });
}

/**
 * The stored value as its schema allows it, else the fallback; a bad value is mended in storage.
 * Exported for the background's guard, which checks what others stored.
 */
export async function settle<T>(reg: typeof Registry | null, key: string, raw: unknown, fallback: T): Promise<T> {
  if (raw === undefined || raw === null) return fallback;
  if (!reg) return raw as T;
  const checked = reg.checkStored(key, raw);
  if (checked.ok) return checked.value as T;
  const { repaired, def } = checked;
  // The notes themselves are never noted: a broken list is simply started afresh.
  const note = key === 'storageRepairs' ? Promise.resolve() : noteRepair(reg, key, def.name, repaired === undefined ? 'dropped' : 'repaired');
  await Promise.all([repaired === undefined ? browser.storage.local.remove(key) : browser.storage.local.set({ [key]: repaired }), note]).catch(() => undefined);
  return repaired === undefined ? fallback : (repaired as T);
}

export function localItem<T>(key: string, fallback: T): StorageItem<T> {
  return {
    key,
    fallback,
    async getValue() {
      const [got, reg] = await Promise.all([browser.storage.local.get(key), registry()]);
      return settle(reg, key, got[key], fallback);
    },
    setValue: (value) => browser.storage.local.set({ [key]: value }),
    removeValue: () => browser.storage.local.remove(key),
    watch(callback) {
      const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
        if (area !== 'local' || !(key in changes)) return;
        const raw = changes[key]!.newValue;
        void registry()
          .then((reg) => settle(reg, key, raw, fallback))
          .then(callback)
          .catch(() => undefined);
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}

/**
 * A value of `key` that arrived some other way (a storage.onChanged change seen by a
 * page listening to many keys at once), checked like every read.
 */
export async function checkedValue<T>(key: string, raw: unknown, fallback: T): Promise<T> {
  return settle(await registry(), key, raw, fallback);
}

export type ValuesOf<I extends readonly StorageItem<unknown>[]> = { [K in keyof I]: I[K] extends StorageItem<infer T> ? T : never };

/** Several items in one storage call: one round trip where a page is waiting to draw. */
export async function getValues<const I extends readonly StorageItem<unknown>[]>(items: I): Promise<ValuesOf<I>> {
  const [got, reg] = await Promise.all([browser.storage.local.get(items.map((item) => item.key)), registry()]);
  return Promise.all(items.map((item) => settle(reg, item.key, got[item.key], item.fallback))) as Promise<ValuesOf<I>>;
}
