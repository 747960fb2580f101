import { browser } from '#imports';
import { checkStored, definitionFor, draftOfLayout1, originOf, STORAGE_VERSION } from '../pure/storage/registry';

/**
 * Steps from one storage layout to the next: MIGRATIONS[n] turns layout n-1
 * into layout n. Layout 0 is everything stored before the version was kept; it
 * is layout 1 without the check, so its step only removes what no added portal owns
 * (health records that any origin could once create filled the storage quota).
 */
export const MIGRATIONS: Record<number, (all: Record<string, unknown>) => Promise<void>> = {
  1: async (all) => {
    const known = knownOrigins(all);
    const orphans = Object.keys(all).filter((key) => {
      const origin = originOf(key);
      return origin !== undefined && !known.has(origin);
    });
    if (orphans.length) await browser.storage.local.remove(orphans);
  },
  // The form's storage it does not offer was `kept`, a word the copies kept already used: `otherStorage`.
  2: async (all) => {
    const renamed = Object.fromEntries(
      Object.entries(all)
        .filter(([key]) => key.startsWith('draft:') || key.startsWith('draft-popup:'))
        .map(([key, value]) => [key, draftOfLayout1(value)] as const)
        .filter(([, value]) => value !== undefined),
    );
    if (Object.keys(renamed).length) await browser.storage.local.set(renamed);
  },
};

/** The origins whose per-portal keys are kept: the added portals. */
export function knownOrigins(all: Record<string, unknown>): Set<string> {
  const checked = checkStored('portals', all.portals ?? []);
  const list = checked.ok ? checked.value : (checked.repaired ?? []);
  return new Set((list as { origin: string }[]).map((p) => p.origin));
}

let running: Promise<number> | undefined;

/**
 * Brings storage to STORAGE_VERSION, once per background start. A layout newer
 * than this code (after a downgrade) is left alone: its values are still checked
 * one by one when read.
 */
export function migrateStorage(): Promise<number> {
  return (running ??= (async () => {
    const all = await browser.storage.local.get(null);
    let version = typeof all.storageVersion === 'number' ? all.storageVersion : 0;
    if (version > STORAGE_VERSION) return version;
    while (version < STORAGE_VERSION) {
      await MIGRATIONS[version + 1]!(all);
      version++;
      await browser.storage.local.set({ storageVersion: version });
    }
    return version;
  })().finally(() => {
    running = undefined;
  }));
}

/** Every stored key this extension does not know, for tests and support. */
export async function unknownKeys(): Promise<string[]> {
  return Object.keys(await browser.storage.local.get(null)).filter((key) => !definitionFor(key));
}
