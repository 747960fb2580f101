import type * as z from 'zod/mini';
import { localItem } from './storage-item';
import type { prefsSchema } from '../pure/storage/registry';
import { loadOnce } from '../pure/load-once';
import { readPolicy, type ManagedPolicy } from './managed-policy';

// The schema lives with every other stored value's, in the storage registry; a page
// loads it (and zod) only when the user changes a preference.
const loadSchema = loadOnce(() => import('../pure/storage/registry').then((m) => m.prefsSchema));
export type Prefs = z.infer<typeof prefsSchema>;

export const DEFAULT_PREFS: Prefs = { checkHours: 6, notify: false };

const item = localItem<Partial<Prefs>>('prefs', {});

/** The organisation's values (utils/extension/managed-policy.ts): defaults the user may change, or fixed when locked. */
function managedPrefs(policy: ManagedPolicy): Partial<Prefs> {
  const values: Partial<Prefs> = {};
  if (policy.checkHours !== undefined) values.checkHours = policy.checkHours;
  if (policy.notify !== undefined) values.notify = policy.notify;
  return values;
}

/**
 * Stored preferences over the policy's and the defaults. The stored ones passed the
 * storage guard (utils/background/storage-guard.ts), the policy's managed-policy.ts.
 */
export async function getPrefs(): Promise<Prefs> {
  const [stored, policy] = await Promise.all([item.getValue(), readPolicy()]);
  const managed = { ...DEFAULT_PREFS, ...managedPrefs(policy) };
  return policy.lockSettings ? managed : { ...managed, ...stored };
}

/** Stores only what the user chose, so a later policy default still applies to the rest. */
export async function setPrefs(patch: Partial<Prefs>): Promise<Prefs> {
  if ((await readPolicy()).lockSettings) return getPrefs();
  const schema = await loadSchema();
  schema.parse({ ...(await getPrefs()), ...patch });
  const kept: Partial<Prefs> = { ...(await item.getValue()), ...patch };
  // A stored value that no longer validates is dropped, not kept beside the new one.
  for (const key of Object.keys(kept) as (keyof Prefs)[]) {
    if (!schema.safeParse({ ...DEFAULT_PREFS, [key]: kept[key] }).success) delete kept[key];
  }
  await item.setValue(kept);
  return getPrefs();
}

export const prefsItem = item;
