import type { DocSpaceClient } from './docspace-client';
import { PortalError } from '../pure/docspace/failure';
import { StorageType } from '../pure/docspace/storage-type';
import type { ScheduleDto } from '../pure/docspace/schemas';
import type { StorageTarget } from '../extension/schedule-describe';
import type { LoadedSchedule, RequestOf, ResponseOf } from '../pure/messages/protocol';
import { compareStored, fingerprint } from '../pure/schedule/form';
import { scheduleCacheItem } from '../extension/schedule-cache';
import { clientFor } from './session';
import { checkPortal } from './health';
import { healthItem } from '../extension/health-record';
import { getValues } from '../extension/storage-item';
import { updateBadge } from './badge';
import { reconcileDrafts } from '../extension/schedule-reconcile';
import { setIfAdded } from './if-added';

async function describeTarget(client: DocSpaceClient, schedule: ScheduleDto | null): Promise<StorageTarget | undefined> {
  if (!schedule) return undefined;
  const params = schedule.storageParams ?? {};
  try {
    if (schedule.storageType === StorageType.Documents && params.folderId) {
      const content = await client.getFolder(params.folderId);
      return { title: content.current?.title };
    }
    if (schedule.storageType === StorageType.ThirdPartyDocuments) {
      const folder = await client.getThirdPartyBackupFolder();
      return folder ? { title: folder.title } : { missing: true };
    }
    if (schedule.storageType === StorageType.ThirdPartyConsumer) {
      const storages = await client.getBackupStorages();
      return { title: storages.find((s) => s.id === params.module)?.title };
    }
  } catch (error) {
    if (error instanceof PortalError && error.failure.kind === 'not-found') return { missing: true };
    // The name is a nicety; the schedule itself was read fine.
  }
  return undefined;
}

const sameTarget = (a: ScheduleDto, b: ScheduleDto) =>
  a.storageType === b.storageType && a.storageParams?.folderId === b.storageParams?.folderId && a.storageParams?.module === b.storageParams?.module;

/** The schedule seen last time, from the popup's cache or the health check. */
async function lastSeen(origin: string): Promise<ScheduleDto | null> {
  const [cached, health] = await getValues([scheduleCacheItem(origin), healthItem(origin)] as const);
  return cached?.schedule ?? health?.schedule ?? health?.lastKnownSchedule ?? null;
}

/** What a page is given: the schedule with where it goes, in the portal's time zone. */
function loadedOf(schedule: ScheduleDto | null, target: StorageTarget | undefined, portal: LoadedSchedule['portal']): LoadedSchedule {
  return { schedule, target, portal, fingerprint: fingerprint(schedule), fetchedAt: Date.now() };
}

async function read(client: DocSpaceClient, seen = lastSeen(client.origin)): Promise<LoadedSchedule> {
  const both = Promise.allSettled([client.getSchedule(), client.getSettings()]);
  // Where the backups went last time is usually where they go now: ask for its name
  // alongside the schedule rather than after it, and use it only if it still applies.
  const last = await seen.catch(() => null);
  const guess = last ? describeTarget(client, last) : undefined;
  const [schedule, settings] = await both;
  // The schedule's failure says more (signed out, no access) than the settings'.
  if (schedule.status === 'rejected') throw schedule.reason;
  if (settings.status === 'rejected') throw settings.reason;
  const current = schedule.value;
  const { timezone, standalone, utcOffset } = settings.value;
  const loaded = loadedOf(current, await (guess && current && last && sameTarget(current, last) ? guess : describeTarget(client, current)), { timezone, standalone, utcOffset });
  // The page waiting for this answer need not wait for the cache too.
  void setIfAdded(client.origin, scheduleCacheItem(client.origin), loaded).catch(() => undefined);
  return loaded;
}

/** The schedule for a page, and the portal's health recorded from the same answers (the page watches it). */
export async function loadSchedule({ origin, cookieStoreId }: RequestOf<'schedule.load'>) {
  // Read while the client is made, so the room's name can be asked for with the schedule.
  const seen = lastSeen(origin);
  seen.catch(() => undefined);
  try {
    const client = await clientFor(origin, cookieStoreId);
    const loaded = await read(client, seen);
    void recordHealth(client, loaded).catch(() => undefined);
    return loaded;
  } catch (error) {
    // The health line must not stay green beside a failed load: a check records the failure.
    void checkPortal(origin).then(() => updateBadge()).catch(() => undefined);
    throw error;
  }
}

/**
 * What a write needs around it, and no more: the schedule alone is re-read for the conflict
 * check and read back to verify. The portal's time zone and the target's name come from what the
 * page loaded (the cache) while they still apply, so a save costs three requests, four when the
 * backups now go somewhere else, and the health record is made from the read-back.
 */
async function readBack(client: DocSpaceClient, schedule: ScheduleDto | null): Promise<LoadedSchedule> {
  const known = await scheduleCacheItem(client.origin).getValue().catch(() => null);
  const settings = known?.portal ?? client.getSettings().then(({ timezone, standalone, utcOffset }) => ({ timezone, standalone, utcOffset }));
  const target =
    known && schedule && known.schedule && sameTarget(schedule, known.schedule) && known.target?.title
      ? known.target
      : describeTarget(client, schedule);
  const loaded = loadedOf(schedule, await target, await settings);
  await setIfAdded(client.origin, scheduleCacheItem(client.origin), loaded).catch(() => undefined);
  return loaded;
}

/** Re-read before writing, write, then read back and compare with what was sent. */
export async function saveSchedule(msg: RequestOf<'schedule.save'>): Promise<ResponseOf<'schedule.save'>> {
  const client = await clientFor(msg.origin, msg.cookieStoreId);
  const current = await client.getSchedule();
  if (!msg.force && fingerprint(current) !== msg.expected) return { status: 'conflict', loaded: await readBack(client, current) };
  await client.saveSchedule(msg.request);
  const after = await readBack(client, await client.getSchedule());
  const differences = compareStored(msg.request, after.schedule);
  await recordHealth(client, after, true);
  // The page that asked may be closed by now (the popup): its draft must not outlive the save.
  if (!differences.length) await reconcileDrafts(msg.origin, after).catch(() => undefined);
  return differences.length ? { status: 'mismatch', loaded: after, differences } : { status: 'saved', loaded: after };
}

export async function deleteSchedule(msg: RequestOf<'schedule.delete'>): Promise<ResponseOf<'schedule.delete'>> {
  const client = await clientFor(msg.origin, msg.cookieStoreId);
  const current = await client.getSchedule();
  if (!msg.force && fingerprint(current) !== msg.expected) return { status: 'conflict', loaded: await readBack(client, current) };
  await client.deleteSchedule();
  const after = await readBack(client, await client.getSchedule());
  if (!after.schedule) {
    // Turned off here, on purpose: not a schedule that vanished.
    const health = await healthItem(msg.origin).getValue();
    if (health) await healthItem(msg.origin).setValue({ ...health, schedule: null, state: 'off', failure: undefined, checkedAt: Date.now() });
    void updateBadge().catch(() => undefined);
    await reconcileDrafts(msg.origin, after).catch(() => undefined);
    return { status: 'saved', loaded: after };
  }
  return { status: 'mismatch', loaded: after, differences: [{ field: 'schedule', sent: 'deleted', stored: 'still there' }] };
}

/** The health record from the read-back: only a run still being judged needs more evidence. */
async function recordHealth(client: DocSpaceClient, loaded: LoadedSchedule, keepCounts = false): Promise<void> {
  await checkPortal(client.origin, undefined, { client, schedule: loaded.schedule, settings: loaded.portal, target: loaded.target, keepCounts });
  void updateBadge().catch(() => undefined);
}

export async function storageOptions({ origin, cookieStoreId }: RequestOf<'storage.options'>): Promise<ResponseOf<'storage.options'>> {
  const client = await clientFor(origin, cookieStoreId);
  const [storages, regions, thirdParty, settings] = await Promise.all([
    client.getBackupStorages(),
    client.getS3Regions().catch(() => []),
    // No connected third-party account is a normal state, not a failure.
    client.getThirdPartyBackupFolder().catch((error: unknown) => {
      if (error instanceof PortalError && (error.failure.kind === 'not-found' || error.failure.kind === 'forbidden')) return null;
      throw error;
    }),
    client.getSettings(),
  ]);
  return { storages, regions, thirdParty, standalone: settings.standalone };
}

export async function listFolders({ origin, cookieStoreId, folderId }: RequestOf<'folders.list'>) {
  const client = await clientFor(origin, cookieStoreId);
  return folderId === undefined ? client.getRooms() : client.getFolder(folderId);
}
