import { browser } from '#imports';

/**
 * A typed value in extension storage (local area). WXT's storage module does
 * this too, but costs 2.5 kB gzip in every page; the popup has a size budget
 * and needs only get/set/remove.
 */
export interface StorageItem<T> {
  readonly key: string;
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
  /** Calls back with each new value; returns the unsubscribe function. */
  watch(callback: (value: T) => void): () => void;
}

export function localItem<T>(key: string, fallback: T): StorageItem<T> {
  return {
    key,
    async getValue() {
      const got = await browser.storage.local.get(key);
      return key in got && got[key] !== undefined && got[key] !== null ? (got[key] as T) : fallback;
    },
    setValue: (value) => browser.storage.local.set({ [key]: value }),
    removeValue: () => browser.storage.local.remove(key),
    watch(callback) {
      const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
        if (area === 'local' && key in changes) callback((changes[key]!.newValue ?? fallback) as T);
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}
