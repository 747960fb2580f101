import { portalsItem, type Portal } from '../extension/portal-list';
import { PortalError } from '../pure/docspace/failure';
import { managedAddedItem } from '../extension/managed-added';
import { readPolicy, watchPolicy, type ManagedPolicy } from '../extension/managed-policy';

/** Whether a portal comes from the policy, and whether the policy locks it. */
export function managedState(policy: ManagedPolicy, origin: string): { managed: boolean; locked: boolean } {
  const managed = policy.portals.some((p) => p.origin === origin);
  return { managed, locked: managed && policy.lockPortals };
}

/** Refuses to remove or rename a portal the policy locks (the pages hide those buttons too). */
export async function assertUnlocked(origin: string): Promise<void> {
  if (managedState(await readPolicy(), origin).locked) {
    throw new PortalError({ kind: 'internal', message: 'Your organisation manages this portal: it cannot be removed or renamed.' });
  }
}

/**
 * Brings the portal list in line with the policy: adds every managed portal
 * (named as the policy names it, else by its host), and removes those the policy
 * added and no longer lists. `forget` clears a removed portal's storage.
 * Returns the origins added and removed.
 */
export async function syncManagedPortals(
  forget: (origin: string, rest: Portal[]) => Promise<void>,
  now = Date.now(),
): Promise<{ added: string[]; removed: string[] }> {
  const policy = await readPolicy();
  const [portals, addedBefore] = await Promise.all([portalsItem.getValue(), managedAddedItem.getValue()]);
  const wanted = new Map(policy.portals.map((p) => [p.origin, p]));
  const removed = addedBefore.filter((origin) => !wanted.has(origin) && portals.some((p) => p.origin === origin));
  let next = portals.filter((p) => !removed.includes(p.origin));
  const added: string[] = [];
  next = next.map((p) => {
    const name = wanted.get(p.origin)?.name;
    return name && policy.lockPortals && p.name !== name ? { ...p, name } : p;
  });
  for (const { origin, name } of wanted.values()) {
    if (next.some((p) => p.origin === origin)) continue;
    // One the user removed stays removed, unless the policy locks its portals.
    if (addedBefore.includes(origin) && !policy.lockPortals) continue;
    next.push({ origin, name: name ?? new URL(origin).host, addedAt: now });
    added.push(origin);
  }
  const offered = [...new Set([...addedBefore.filter((o) => wanted.has(o)), ...added])];
  if (added.length || removed.length || next.some((p, i) => p !== portals[i])) await portalsItem.setValue(next);
  if (offered.length !== addedBefore.length || offered.some((o, i) => o !== addedBefore[i])) await managedAddedItem.setValue(offered);
  for (const origin of removed) await forget(origin, next);
  return { added, removed };
}

// One sync at a time: a policy change while the browser starts must not add a portal twice.
let running: Promise<unknown> = Promise.resolve();

/** Syncs now and whenever the policy changes. */
export function startManagedSync(forget: (origin: string, rest: Portal[]) => Promise<void>): void {
  const sync = () => {
    running = running.then(() => syncManagedPortals(forget)).catch(() => undefined);
  };
  watchPolicy(sync);
  sync();
}
