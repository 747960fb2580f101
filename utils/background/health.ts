import { PortalError, toFailure } from '../pure/docspace/failure';
import type { StorageTarget } from '../extension/schedule-describe';
import type { PortalSettings, ScheduleDto } from '../pure/docspace/schemas';
import type { DocSpaceClient } from './docspace-client';
import type { HealthRecord, RequestOf } from '../pure/messages/protocol';
import { assess, stateForFailure } from '../pure/health/rules';
import { computeNextRun } from '../pure/docspace/next-run';
import { isNeverRunTime, parseServerUtc } from '../pure/docspace/time-zone';
import { readDeletion, readRunEvidence } from './run-evidence';
import { freeBackupAllowance } from '../pure/docspace/audit-schemas';
import { fingerprint } from '../pure/schedule/form';
import { portalsItem } from '../extension/portal-list';
import { localItem } from '../extension/storage-item';
import { clientFor } from './session';
import { healthItem } from '../extension/health-record';
import { inDigestBatch, noteHealthChange } from './notify-digest';
import { checkSlot, queueFor } from './limits';
import { readSoon, setIfAddedSoon } from './batched-writes';
import { scheduleCacheItem } from '../extension/schedule-cache';
import type { LoadedSchedule } from '../pure/messages/protocol';
import { knownCronOf } from '../pure/schedule/cron';
import { StorageType } from '../pure/docspace/storage-type';

const SETTINGS_TTL_MS = 24 * 3600_000;

export function settingsItem(origin: string) {
  return localItem<{ at: number; settings: Pick<PortalSettings, 'timezone' | 'standalone'> } | null>(`settings:${origin}`, null);
}

type Settings = Pick<PortalSettings, 'timezone' | 'standalone'>;

/**
 * The portal's time zone rarely changes: read it at most once a day. The schedule a page loaded
 * (the popup's cache) was read with the settings, so while that is under a day old it serves too.
 */
async function portalSettings(
  origin: string,
  client: DocSpaceClient,
  writes: Promise<unknown>[],
  read: Promise<[{ at: number; settings: Settings } | null, LoadedSchedule | null]>,
): Promise<Settings> {
  const item = settingsItem(origin);
  const [cached, loaded] = await read;
  if (cached && Date.now() - cached.at < SETTINGS_TTL_MS) return cached.settings;
  if (loaded && Date.now() - loaded.fetchedAt < SETTINGS_TTL_MS) return { timezone: loaded.portal.timezone, standalone: loaded.portal.standalone };
  const { timezone, standalone } = await client.getSettings();
  // Written with the health record (batched-writes.ts); the check waits for both.
  writes.push(setIfAddedSoon(origin, item, { at: Date.now(), settings: { timezone, standalone } }));
  return { timezone, standalone };
}

/** What a save has just read back: the check then asks the portal only for a run's evidence. */
export interface ReadBack {
  client: DocSpaceClient;
  schedule: ScheduleDto | null;
  settings: Pick<PortalSettings, 'timezone' | 'standalone'>;
  /** Where the backups go, as the load or save just named it (utils/background/schedule.ts). */
  target?: StorageTarget;
  /** A save: this month's backup counts (cloud) stay as the last check read them. */
  keepCounts?: boolean;
}

/** How a check of many portals (a round) runs. */
export interface InRound {
  /**
   * Takes work that can wait until the round's checks are done: the backup room's name, when no
   * earlier record or loaded schedule knows it. Health first: a row's state must not wait for a name.
   */
  later(task: () => Promise<unknown>): void;
}

/** Reads one portal and records its backup health. Never throws: a failure is a state. */
export async function checkPortal(origin: string, now = () => new Date(), known?: ReadBack, round?: InRound): Promise<HealthRecord> {
  const item = healthItem(origin);
  // Read at once, together with the other checks' reads (batched-writes.ts): the last record, and
  // what can spare requests (the settings cache, the schedule a page loaded) unless the caller knows.
  const cache = known ? Promise.resolve(null) : readSoon(scheduleCacheItem(origin)).catch(() => null);
  const cachedSettings = known ? Promise.resolve(null) : readSoon(settingsItem(origin));
  // Not a rejection left unhandled while the client is made; awaited where needed.
  cachedSettings.catch(() => undefined);
  const previous = await readSoon(item);
  const writes: Promise<unknown>[] = [];
  // A failed check says nothing about the backup: judge against the last check that got through.
  const settled = previous?.failure ? previous.beforeFailure : previous?.state;
  let record: HealthRecord;
  try {
    // One queue for every check (limits.ts): a refresh of many portals stays within the limits,
    // and a slow portal only holds its own turns.
    const client = known?.client ?? (await clientFor(origin, undefined, { queue: queueFor(origin) }));
    const [schedule, settings] = known
      ? [known.schedule, known.settings]
      : await Promise.all([client.getSchedule(), portalSettings(origin, client, writes, Promise.all([cachedSettings, cache]))]);
    const print = fingerprint(schedule);
    const neverRun = schedule && isNeverRunTime(schedule.lastBackupTime);
    const neverRunSince = neverRun ? (previous?.fingerprint === print && previous.neverRunSince) || now().getTime() : undefined;
    const started = schedule ? parseServerUtc(schedule.lastBackupTime) : null;
    // The previous judgement of this same run; a settled one needs no new evidence.
    const previousRun = previous?.run && started && previous.run.startedAt === started.getTime() ? previous.run : undefined;
    const settledRun = previousRun?.outcome === 'succeeded' || previousRun?.outcome === 'failed';
    const lastSchedule = previous?.schedule ?? (settled === 'vanished' || settled === 'turned-off' ? previous?.lastKnownSchedule : null);
    const [evidence, backupsThisMonth, room] = await Promise.all([
      started && !settledRun
        ? readRunEvidence(client, started)
        : !schedule && lastSchedule && settled !== 'turned-off'
          ? readDeletion(client, parseServerUtc(lastSchedule.lastBackupTime)).then((audit) => ({ audit }))
          : Promise.resolve({}),
      // A save does not change how many backups were made this month.
      schedule && !settings.standalone ? (known?.keepCounts && previous?.backupsThisMonth) || backupsThisMonthOf(client) : undefined,
      roomOf(client, schedule, previous?.room, known?.target ?? targetOf(await cache, schedule), round),
    ]);
    const assessment = assess({
      now: now(),
      timeZone: settings.timezone,
      schedule,
      ...evidence,
      // A failed check keeps the schedule seen before it, so a vanished schedule is still told after one.
      previousSchedule: previous ? previous.schedule : undefined,
      previousState: settled,
      neverRunSince,
      previousRun,
      previousTurnedOff: previous?.turnedOff,
    });
    let nextRun: number | undefined;
    const cron = schedule ? knownCronOf(schedule.cronParams) : null;
    if (schedule && cron) {
      nextRun = computeNextRun({ cron, lastBackupTime: schedule.lastBackupTime, timeZone: settings.timezone, now: now() }).slot.getTime();
    }
    record = {
      origin,
      state: assessment.state,
      checkedAt: now().getTime(),
      schedule,
      lastKnownSchedule: schedule ?? previous?.lastKnownSchedule ?? null,
      timezone: settings.timezone,
      standalone: settings.standalone,
      nextRun,
      missedSlot: assessment.missedSlot?.getTime(),
      missedCount: assessment.missedCount,
      error: assessment.error,
      neverRunSince,
      fingerprint: print,
      run: assessment.run,
      firstRun: assessment.firstRun?.getTime(),
      turnedOff: assessment.turnedOff,
      removedBy: assessment.removedBy,
      reason: assessment.reason,
      backupsThisMonth,
      room: room instanceof Function ? room.known : room,
    };
    if (room instanceof Function) {
      const checked = record;
      round?.later(() => room(checked));
    }
  } catch (error) {
    const failure = toFailure(error);
    record = {
      // Keep what we knew, so a later check can still tell a vanished schedule.
      ...(previous ?? { origin, schedule: null, lastKnownSchedule: null }),
      origin,
      state: stateForFailure(failure),
      beforeFailure: settled,
      checkedAt: now().getTime(),
      failure,
      // Nothing the failed check could not confirm is shown as current: the run stays for the next judgement only.
      missedSlot: undefined,
      missedCount: undefined,
      error: undefined,
      firstRun: undefined,
      backupsThisMonth: undefined,
    };
  }
  // A portal removed while it was being checked leaves no record behind. Written in a batch
  // with the other checks finishing now (batched-writes.ts).
  const [wrote] = await Promise.all([setIfAddedSoon(origin, item, record), ...writes]);
  if (!wrote) return record;
  noteHealthChange(previous, record);
  return record;
}

/** Where the backups go, as a page last loaded it, while it is still the same room. */
function targetOf(loaded: LoadedSchedule | null, schedule: ScheduleDto | null): StorageTarget | undefined {
  const folderId = schedule?.storageType === StorageType.Documents ? schedule.storageParams?.folderId : undefined;
  const was = loaded?.schedule;
  if (!folderId || !loaded || was?.storageType !== StorageType.Documents || was.storageParams?.folderId !== folderId) return undefined;
  return loaded.target?.title || loaded.target?.missing ? loaded.target : undefined;
}

/** The room's name as the portal says it now; a room that is gone says so. */
async function lookUpRoom(client: DocSpaceClient, folderId: string): Promise<NonNullable<HealthRecord['room']>> {
  try {
    const title = (await client.getFolder(folderId)).current?.title;
    return title ? { folderId, title } : { folderId };
  } catch (error) {
    // The name is a nicety: the check itself does not fail for it.
    return error instanceof PortalError && error.failure.kind === 'not-found' ? { folderId, missing: true } : { folderId };
  }
}

/** A name to look up after the round's checks, and what the record says meanwhile. */
type NameLater = ((record: HealthRecord) => Promise<void>) & { known: HealthRecord['room'] };

/**
 * The name of the room the backups go to. Asked once per room: an earlier record or the schedule a
 * page loaded names it without a request; a room that was missing is asked again, since it may have
 * come back. Without a round it is asked alongside the run's evidence (no extra round trip); within a
 * round it is asked after the round's checks (NameLater), the record keeping what was known meanwhile.
 */
function roomOf(
  client: DocSpaceClient,
  schedule: ScheduleDto | null,
  known: HealthRecord['room'],
  target: StorageTarget | undefined,
  round: InRound | undefined,
): HealthRecord['room'] | Promise<HealthRecord['room']> | NameLater {
  const folderId = schedule?.storageType === StorageType.Documents ? schedule.storageParams?.folderId : undefined;
  if (!folderId) return undefined;
  if (known?.folderId === folderId && known.title) return known;
  if (target?.missing) return { folderId, missing: true };
  if (target?.title) return { folderId, title: target.title };
  if (!round) return lookUpRoom(client, folderId);
  const later = (async (record: HealthRecord) => {
    const room = await lookUpRoom(client, folderId);
    if (!room.title && !room.missing) return;
    const item = healthItem(record.origin);
    const stored = await readSoon(item);
    // Only onto the record this check wrote: a newer check has its own say about the room.
    if (!stored || stored.checkedAt !== record.checkedAt || stored.room?.folderId !== folderId) return;
    await setIfAddedSoon(record.origin, item, { ...stored, room });
  }) as NameLater;
  // Meanwhile: a room last seen missing stays so until it is found again.
  later.known = known?.folderId === folderId ? known : { folderId };
  return later;
}

/**
 * Cloud 3.8: this month's backups by who paid, and the plan's free allowance from its quota.
 * A 3.7 portal answers 404 for the counts: then nothing is shown, and the check does not fail.
 */
async function backupsThisMonthOf(client: DocSpaceClient): Promise<HealthRecord['backupsThisMonth']> {
  const counts = await client.getBackupsCountByPaid().catch(() => undefined);
  if (!counts) return undefined;
  const quota = await client.getQuota().catch(() => undefined);
  const allowance = quota && freeBackupAllowance(quota);
  return { free: counts.free, paid: counts.paid, ...(allowance !== undefined ? { allowance } : {}) };
}

let rounds = 0;
let names: Promise<unknown>[] = [];

/**
 * Checks every added portal. It answers when every portal's health is recorded; the room names it
 * could not know are asked after that, so they never hold up a check of the round. A newer round
 * drops the names still waiting: its own checks ask them again.
 */
export async function checkAll(): Promise<HealthRecord[]> {
  const portals = await portalsItem.getValue();
  const id = ++rounds;
  const later: (() => Promise<unknown>)[] = [];
  const round: InRound = { later: (task) => void later.push(task) };
  // One notification for everything this round turned bad (notify-digest.ts).
  const records = await inDigestBatch(() => Promise.all(portals.map((p) => checkSlot(() => checkPortal(p.origin, undefined, undefined, round)))));
  if (id === rounds) names = later.map((task) => checkSlot(() => (id === rounds ? task() : undefined)).catch(() => undefined));
  return records;
}

/** Resolves when the names the last round left for later are in (or dropped). */
export async function namesLookedUp(): Promise<void> {
  while (names.length) {
    const waiting = names;
    await Promise.all(waiting);
    if (names === waiting) return;
  }
}

export async function listHealth(): Promise<HealthRecord[]> {
  const portals = await portalsItem.getValue();
  const records = await Promise.all(portals.map((p) => healthItem(p.origin).getValue()));
  return records.filter((r): r is HealthRecord => !!r);
}

/** "Leave it off": the user has seen that the schedule vanished. */
export async function acknowledge({ origin }: RequestOf<'health.acknowledge'>): Promise<HealthRecord> {
  const record = await healthItem(origin).getValue();
  if (!record) return checkPortal(origin);
  const off = record.state === 'vanished' || record.state === 'turned-off';
  const next: HealthRecord = { ...record, state: off ? 'off' : record.state, lastKnownSchedule: record.lastKnownSchedule };
  await healthItem(origin).setValue(next);
  return next;
}
