import type * as z from 'zod/mini';
import { localItem } from './storage-item';
import { prefsSchema } from './storage/registry';

// The schema lives with every other stored value's, in the storage registry.
export { prefsSchema };
export type Prefs = z.infer<typeof prefsSchema>;

export const DEFAULT_PREFS: Prefs = { checkHours: 6, notify: false };

const item = localItem<Partial<Prefs>>('prefs', {});

/** Stored preferences over the defaults; a value that no longer validates falls back. */
export async function getPrefs(): Promise<Prefs> {
  const merged = { ...DEFAULT_PREFS, ...(await item.getValue()) };
  const parsed = prefsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_PREFS;
}

export async function setPrefs(patch: Partial<Prefs>): Promise<Prefs> {
  const next = prefsSchema.parse({ ...(await getPrefs()), ...patch });
  await item.setValue(next);
  return next;
}

export const prefsItem = item;
