import { browser } from '#imports';

/**
 * A typed value in extension storage (local area). WXT's storage module does
 * this too, but costs 2.5 kB gzip in every page; the popup has a size budget
 * and needs only get/set/remove.
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

const valueOf = <T>(got: Record<string, unknown>, key: string, fallback: T): T =>
  key in got && got[key] !== undefined && got[key] !== null ? (got[key] as T) : fallback;

export function localItem<T>(key: string, fallback: T): StorageItem<T> {
  return {
    key,
    fallback,
    async getValue() {
      return valueOf(await browser.storage.local.get(key), key, fallback);
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

type ValuesOf<I extends readonly StorageItem<unknown>[]> = { [K in keyof I]: I[K] extends StorageItem<infer T> ? T : never };

/** Several items in one storage call: one round trip where a page is waiting to draw. */
export async function getValues<const I extends readonly StorageItem<unknown>[]>(items: I): Promise<ValuesOf<I>> {
  const got = await browser.storage.local.get(items.map((item) => item.key));
  return items.map((item) => valueOf(got, item.key, item.fallback)) as ValuesOf<I>;
}
