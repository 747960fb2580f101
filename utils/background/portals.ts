import { browser } from '#imports';
import { PortalError } from '../pure/docspace/failure';
import type { PortalInfo, RequestOf, ResponseOf } from '../pure/messages/protocol';
import { parsePortalOrigin, permissionPattern } from '../pure/portals/origin';
import { lastPortalItem, portalsItem } from '../extension/portal-list';
import { clientFor } from './session';
import { scheduleCacheItem } from '../extension/schedule-cache';
import { draftItem } from '../extension/schedule-draft';
import { healthItem } from '../extension/health-record';
import { backupStatusItem } from '../extension/backup-status';
import { settingsItem } from './health';
import { portalKeys } from '../pure/storage/registry';
import { readPolicy } from '../extension/managed-policy';
import { assertUnlocked, managedState } from './managed-sync';
import { queueFor } from './limits';
import type { Portal } from '../extension/portal-list';

async function granted(origin: string) {
  return browser.permissions.contains({ origins: [permissionPattern(origin)] });
}

export async function listPortals(): Promise<PortalInfo[]> {
  const [portals, policy] = await Promise.all([portalsItem.getValue(), readPolicy()]);
  return Promise.all(
    portals.map(async (p) => {
      const managed = managedState(policy, p.origin);
      return { ...p, granted: await granted(p.origin), ...(managed.managed ? managed : {}) };
    }),
  );
}

export async function addPortal({ origin: input, name }: RequestOf<'portals.add'>) {
  const parsed = parsePortalOrigin(input);
  if (!parsed.ok) throw new PortalError({ kind: 'internal', message: `Not a portal address: ${input}` });
  // The page asked for the permission from the user's click; without it we cannot reach the portal.
  if (!(await granted(parsed.origin))) throw new PortalError({ kind: 'no-permission' });
  const portals = await portalsItem.getValue();
  if (!portals.some((p) => p.origin === parsed.origin)) {
    const title = name.trim() || new URL(parsed.origin).host;
    await portalsItem.setValue([...portals, { origin: parsed.origin, name: title, addedAt: Date.now() }]);
  }
  return listPortals();
}

export async function removePortal({ origin }: RequestOf<'portals.remove'>) {
  await assertUnlocked(origin);
  const portals = await portalsItem.getValue();
  const rest = portals.filter((p) => p.origin !== origin);
  await portalsItem.setValue(rest);
  await forgetPortal(origin, rest);
  return listPortals();
}

/** Clears what extension storage holds about a portal no longer in the list (`rest`). */
export async function forgetPortal(origin: string, rest: Portal[]) {
  // Nothing about a removed portal stays behind in extension storage.
  const items = [scheduleCacheItem, draftItem, healthItem, backupStatusItem, settingsItem].map((item) => item(origin).key);
  await browser.storage.local.remove(items);
  // And every other per-portal key the storage registry knows, drafts of both pages included.
  await browser.storage.local.remove(portalKeys(origin));
  if ((await lastPortalItem.getValue()) === origin) await lastPortalItem.removeValue();
  // One pattern covers every port of a host: keep it while another portal there needs it.
  const pattern = permissionPattern(origin);
  if (!rest.some((p) => permissionPattern(p.origin) === pattern)) {
    // A permission granted at install (the demo build's loopback) cannot be removed; that is fine.
    await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
  }
}

export async function renamePortal({ origin, name }: RequestOf<'portals.rename'>) {
  await assertUnlocked(origin);
  const portals = await portalsItem.getValue();
  await portalsItem.setValue(portals.map((p) => (p.origin === origin ? { ...p, name: name.trim() || p.name } : p)));
  return listPortals();
}

export async function portalStatus({ origin, cookieStoreId }: RequestOf<'portal.status'>): Promise<ResponseOf<'portal.status'>> {
  try {
    // Inside the try: a container without a session cookie is signed out too, not a failure.
    // The settings page asks this for every portal it lists: within the same limits as the checks.
    const client = await clientFor(origin, cookieStoreId, { queue: queueFor(origin) });
    const self = await client.getSelf();
    return {
      signedIn: true,
      user: {
        displayName: self.displayName ?? self.email ?? self.id,
        email: self.email ?? '',
        isOwner: self.isOwner,
        isAdmin: self.isAdmin || self.isOwner,
      },
    };
  } catch (error) {
    if (error instanceof PortalError && error.failure.kind === 'signed-out') return { signedIn: false };
    throw error;
  }
}
