import { instantFromWallClock, wallClockInZone, wallToEpochMs, type WallTime } from '../docspace/time-zone';
import type { ScheduleDto } from '../docspace/schemas';
import type { ResponseOf } from '../messages/protocol';
import { cronOfForm, formFromSchedule, type ScheduleForm } from './form';
import type { Cron } from './cron';
import { withoutSecrets } from './secrets';

// What carries over when a schedule moves to another portal (copied, or
// imported from a file), and what has to be chosen again there:
// - a backup room or folder belongs to one portal: it is picked again;
// - the third-party resource folder too: the target's own connected folder is used;
// - a third-party storage keeps its non-secret fields; the target needs it set up;
// - period, hour, day and copies carry over; the hour is read in the target's time zone;
// - the database dump exists only on self-hosted portals.

type StorageOptions = ResponseOf<'storage.options'>;

/** Something the user must know (or fix) about one target portal. */
export type CarryNote =
  | { kind: 'pick-room' }
  | { kind: 'no-third-party' }
  | { kind: 'storage-not-set'; title: string }
  | { kind: 'storage-unknown'; module: string }
  | { kind: 'secrets-dropped'; names: string[] }
  | { kind: 'dump-dropped' }
  /** An imported room id exists on the target too: it is kept, but may be a different room. */
  | { kind: 'room-found'; id: string; title: string }
  /** The hour was written for another time zone and is kept as the same hour on this portal's clock. */
  | { kind: 'zone-differs'; from: string; to: string };

/** Notes that stop a copy until they are fixed on the target. */
export function isBlocking(note: CarryNote): boolean {
  return note.kind === 'no-third-party' || note.kind === 'storage-not-set' || note.kind === 'storage-unknown';
}

export interface TargetFacts {
  standalone: boolean;
  /** The target's storage lists; null while unknown (nothing is checked then). */
  options: StorageOptions | null;
}

/**
 * Adapts a form that came from another portal to a target: the room is left
 * for the caller to choose (or check), secrets are dropped, the target's own
 * third-party folder is used and the dump is kept only where it exists.
 */
export function carryOver(source: ScheduleForm, target: TargetFacts): { form: ScheduleForm; notes: CarryNote[] } {
  const form: ScheduleForm = { ...source, moduleProps: { ...source.moduleProps }, otherStorage: source.otherStorage ? { ...source.otherStorage } : null };
  const notes: CarryNote[] = [];
  const dropped: string[] = [];

  if (form.storage === 'room') {
    form.roomFolderId = '';
    form.roomFolderTitle = '';
    notes.push({ kind: 'pick-room' });
  }
  if (form.storage === 'thirdparty') {
    const folder = target.options?.thirdParty;
    form.thirdPartyFolderId = folder ? String(folder.id) : '';
    form.thirdPartyFolderTitle = folder?.title ?? '';
    if (target.options && !folder) notes.push({ kind: 'no-third-party' });
  }
  if (form.storage === 'consumer') {
    const { kept, dropped: names } = withoutSecrets(form.moduleProps[form.module] ?? {});
    form.moduleProps = { [form.module]: kept };
    dropped.push(...names);
    const storage = target.options?.storages.find((s) => s.id === form.module);
    if (target.options && !storage) notes.push({ kind: 'storage-unknown', module: form.module });
    if (storage && !storage.isSet) notes.push({ kind: 'storage-not-set', title: storage.title });
  }
  if (form.otherStorage) {
    const { kept, dropped: names } = withoutSecrets(form.otherStorage.storageParams);
    form.otherStorage = { ...form.otherStorage, storageParams: kept };
    dropped.push(...names);
  }
  if (dropped.length) notes.push({ kind: 'secrets-dropped', names: dropped });
  if (form.dump && !target.standalone) {
    form.dump = false;
    notes.push({ kind: 'dump-dropped' });
  }
  return { form, notes };
}

const DAY_MS = 86_400_000;

/**
 * The same moment on a portal in another zone: source 03:00 Monday in Berlin is
 * 21:00 Sunday in New York. Uses the offsets on `now`'s date (daylight saving
 * can move it by an hour later in the year). Null when there is no such
 * schedule: a zone off by a fraction of an hour, or a month day pushed out of 1-31.
 */
export function sameMoment(cron: Cron, fromZone: string, toZone: string, now = new Date()): Cron | null {
  let from: WallTime;
  let to: WallTime;
  try {
    from = { ...wallClockInZone(now, fromZone), hour: cron.hour, minute: 0, second: 0 };
    to = wallClockInZone(instantFromWallClock(from, fromZone), toZone);
  } catch {
    return null; // an unknown zone
  }
  if (to.minute !== 0 || to.second !== 0) return null;
  const dayOf = (w: WallTime) => Math.floor(wallToEpochMs({ ...w, hour: 0, minute: 0, second: 0 }) / DAY_MS);
  const shift = dayOf(to) - dayOf(from);
  if (cron.period === 0) return { period: 0, hour: to.hour, day: 0 };
  if (cron.period === 1) return { period: 1, hour: to.hour, day: ((((cron.day - 1 + shift) % 7) + 7) % 7) + 1 };
  const day = cron.day + shift;
  return day >= 1 && day <= 31 ? { period: 2, hour: to.hour, day } : null;
}

export function withCron(form: ScheduleForm, cron: Cron): ScheduleForm {
  const next = { ...form, period: cron.period, hour: cron.hour };
  if (cron.period === 1) next.weekday = cron.day;
  if (cron.period === 2) next.monthDay = cron.day;
  return next;
}

/** How the hour is carried to a portal in another zone. */
export type HourMode = 'portal-hour' | 'same-moment';

export interface CopyChoice {
  roomFolderId: string;
  roomFolderTitle: string;
  hourMode: HourMode;
}

/**
 * The form to save on one target when copying `source` (a schedule of a portal
 * in `sourceZone`) there. By default the hour stays the same on the target
 * portal's clock.
 */
export function copyForm(
  source: ScheduleDto,
  sourceZone: string,
  target: TargetFacts & { timezone: string },
  choice: CopyChoice,
  firstWeekday = 2,
  now = new Date(),
): { form: ScheduleForm; notes: CarryNote[] } {
  const { form, notes } = carryOver(formFromSchedule(source, firstWeekday), target);
  let result = form;
  if (form.storage === 'room') {
    result = { ...result, roomFolderId: choice.roomFolderId, roomFolderTitle: choice.roomFolderTitle };
  }
  if (choice.hourMode === 'same-moment') {
    const moved = sameMoment(cronOfForm(form), sourceZone, target.timezone, now);
    if (moved) result = withCron(result, moved);
  }
  return { form: result, notes: choice.roomFolderId && form.storage === 'room' ? notes.filter((n) => n.kind !== 'pick-room') : notes };
}
