import type * as z from 'zod/mini';
import { localItem } from './storage-item';
import { prefsSchema } from '../pure/storage/registry';
import { readPolicy, type ManagedPolicy } from './managed-policy';

// The schema lives with every other stored value's, in the storage registry.
export { prefsSchema };
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

/** Stored preferences over the policy's and the defaults; a value that no longer validates falls back. */
export async function getPrefs(): Promise<Prefs> {
  const [stored, policy] = await Promise.all([item.getValue(), readPolicy()]);
  const managed = { ...DEFAULT_PREFS, ...managedPrefs(policy) };
  const parsed = prefsSchema.safeParse(policy.lockSettings ? managed : { ...managed, ...stored });
  return parsed.success ? parsed.data : DEFAULT_PREFS;
}

/** Stores only what the user chose, so a later policy default still applies to the rest. */
export async function setPrefs(patch: Partial<Prefs>): Promise<Prefs> {
  if ((await readPolicy()).lockSettings) return getPrefs();
  prefsSchema.parse({ ...(await getPrefs()), ...patch });
  const kept: Partial<Prefs> = { ...(await item.getValue()), ...patch };
  // A stored value that no longer validates is dropped, not kept beside the new one.
  for (const key of Object.keys(kept) as (keyof Prefs)[]) {
    if (!prefsSchema.safeParse({ ...DEFAULT_PREFS, [key]: kept[key] }).success) delete kept[key];
  }
  await item.setValue(kept);
  return getPrefs();
}

export const prefsItem = item;
