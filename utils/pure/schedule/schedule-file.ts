import * as z from 'zod/mini';
import type { ScheduleDto } from '../docspace/schemas';
import type { LoadedSchedule } from '../messages/protocol';
import { formFromSchedule, type ScheduleForm } from './form';
import { withoutSecrets } from './secrets';
import { cronOf, periodOf, storedSchedule, type Period } from './cron';
import { carryOver, type CarryNote, type TargetFacts } from './transfer';

/*
 * A schedule as a file, to keep or to move to another portal.
 *
 *   {
 *     "format": "docspace-backup-schedule",   // always this
 *     "version": 1,                           // bumped on incompatible changes
 *     "exportedAt": "2026-03-10T08:00:00.000Z",
 *     "portal": { "origin": "https://example.onlyoffice.com", "timezone": "Europe/Berlin" },  // hints only
 *     "schedule": {
 *       "period": 1,            // 0 every day, 1 every week, 2 every month
 *       "hour": 3,              // 0-23, in the portal's time zone
 *       "day": 2,               // every week: 1 = Sunday … 7 = Saturday; every month: 1-31; every day: 0
 *       "backupsStored": 7,     // copies kept, 1-30
 *       "dump": false,          // whole-server database dump (self-hosted portals only)
 *       "storageType": 0,       // 0 room, 1 third-party resource, 2 custom cloud, 3 server folder, 4 temporary, 5 third-party storage
 *       "storageParams": { "folderId": "101" },  // never a secret: see secrets.ts
 *       "storageTitle": "Backups"                // the room, folder or storage name, a hint
 *     },
 *     "omitted": ["secretaccesskey"]              // names of parameters left out as secret
 *   }
 *
 * No session token or storage key is ever written.
 */

export const SCHEDULE_FILE_FORMAT = 'docspace-backup-schedule';
export const SCHEDULE_FILE_VERSION = 1;
/** A schedule file is a few hundred bytes; anything this big is something else. */
export const MAX_SCHEDULE_FILE_BYTES = 64 * 1024;

export interface ScheduleFile {
  format: typeof SCHEDULE_FILE_FORMAT;
  version: typeof SCHEDULE_FILE_VERSION;
  exportedAt: string;
  portal: { origin: string; timezone: string };
  schedule: {
    period: Period;
    hour: number;
    day: number;
    backupsStored: number;
    dump: boolean;
    storageType: number;
    storageParams: Record<string, string>;
    storageTitle?: string;
  };
  omitted: string[];
}

/** The file for a portal's schedule, or null when it has none. */
export function exportSchedule(origin: string, loaded: LoadedSchedule, now = new Date()): ScheduleFile | null {
  const s = loaded.schedule;
  if (!s) return null;
  const present = Object.fromEntries(
    Object.entries(s.storageParams ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  const { kept, dropped } = withoutSecrets(present);
  const schedule: ScheduleFile['schedule'] = {
    ...cronOf(s.cronParams),
    backupsStored: s.backupsStored ?? 1,
    dump: s.dump,
    storageType: s.storageType,
    storageParams: kept,
  };
  if (loaded.target?.title) schedule.storageTitle = loaded.target.title;
  return {
    format: SCHEDULE_FILE_FORMAT,
    version: SCHEDULE_FILE_VERSION,
    exportedAt: now.toISOString(),
    portal: { origin, timezone: loaded.portal.timezone },
    schedule,
    omitted: dropped,
  };
}

export function serializeScheduleFile(file: ScheduleFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** docspace-backup-schedule-example.onlyoffice.com-2026-03-10.json */
export function scheduleFileName(origin: string, now = new Date()): string {
  let host = 'portal';
  try {
    host = new URL(origin).host;
  } catch {
    // keep the stand-in
  }
  const date = now.toISOString().slice(0, 10);
  return `${SCHEDULE_FILE_FORMAT}-${host.replace(/[^a-z0-9.-]+/gi, '-')}-${date}.json`;
}

/** Message-catalog keys for what can be wrong with a file. */
export type ProblemKey =
  | 'importTooLarge'
  | 'importEmpty'
  | 'importNotJson'
  | 'importNotObject'
  | 'importNotScheduleFile'
  | 'importNewerVersion'
  | 'importBadVersion'
  | 'importMissing'
  | 'importWrongType'
  | 'importWholeNumber'
  | 'importPeriod'
  | 'importStorageType'
  | 'importTooLong'
  | 'importTooMany'
  | 'errHour'
  | 'errWeekday'
  | 'errMonthDay'
  | 'errCopiesRange';

/** One thing wrong with a file: where (a dotted path such as "schedule.hour") and what. */
export interface FileProblem {
  field: string;
  key: ProblemKey;
  /** Substitutions for the message, if it takes any. */
  subs?: string[];
}

export type ParsedScheduleFile =
  | { ok: true; file: ScheduleFile; ignored: string[] }
  | { ok: false; problems: FileProblem[] };

const OWN_KEYS = new Set<string>([
  'importWholeNumber',
  'importPeriod',
  'importStorageType',
  'importTooLong',
  'importTooMany',
  'errHour',
  'errCopiesRange',
]);

const int = () => z.number().check(z.int({ error: 'importWholeNumber' }));
const STORAGE_TYPES = [0, 1, 2, 3, 4, 5];

const fileSchema = z.object({
  format: z.literal(SCHEDULE_FILE_FORMAT),
  version: z.literal(SCHEDULE_FILE_VERSION),
  exportedAt: z.optional(z.string().check(z.maxLength(100, { error: 'importTooLong' }))),
  portal: z.optional(
    z.object({
      origin: z.optional(z.string().check(z.maxLength(300, { error: 'importTooLong' }))),
      timezone: z.optional(z.string().check(z.maxLength(100, { error: 'importTooLong' }))),
    }),
  ),
  schedule: z.object({
    period: int().check(z.refine((v) => v === 0 || v === 1 || v === 2, { error: 'importPeriod' })),
    hour: int().check(z.gte(0, { error: 'errHour' }), z.lte(23, { error: 'errHour' })),
    day: z._default(int(), 0),
    backupsStored: int().check(z.gte(1, { error: 'errCopiesRange' }), z.lte(30, { error: 'errCopiesRange' })),
    dump: z._default(z.boolean(), false),
    storageType: int().check(z.refine((v) => STORAGE_TYPES.includes(v), { error: 'importStorageType' })),
    storageParams: z._default(
      z.record(
        z.string().check(z.maxLength(200, { error: 'importTooLong' })),
        z.string().check(z.maxLength(2000, { error: 'importTooLong' })),
      ),
      {},
    ),
    storageTitle: z.optional(z.string().check(z.maxLength(300, { error: 'importTooLong' }))),
  }),
  omitted: z._default(z.array(z.string().check(z.maxLength(200, { error: 'importTooLong' }))).check(z.maxLength(30, { error: 'importTooMany' })), []),
});

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const step of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[step];
  }
  return value;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Reads a schedule file. Never throws: every problem comes back as data, one
 * per field, so the user sees all of them at once. Secret parameters in a
 * hand-edited file are ignored (their names are returned).
 */
export function parseScheduleFile(text: string, size = new TextEncoder().encode(text).length): ParsedScheduleFile {
  const fail = (key: ProblemKey, field = '', subs?: string[]): ParsedScheduleFile => ({ ok: false, problems: [{ field, key, subs }] });
  if (size > MAX_SCHEDULE_FILE_BYTES) return fail('importTooLarge', '', [String(MAX_SCHEDULE_FILE_BYTES / 1024)]);
  if (!text.trim()) return fail('importEmpty');
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return fail('importNotJson');
  }
  if (!isObject(raw)) return fail('importNotObject');
  if (raw.format !== SCHEDULE_FILE_FORMAT) return fail('importNotScheduleFile', 'format', [SCHEDULE_FILE_FORMAT]);
  if (typeof raw.version === 'number' && Number.isInteger(raw.version) && raw.version > SCHEDULE_FILE_VERSION) {
    return fail('importNewerVersion', 'version', [String(raw.version)]);
  }
  if (raw.version !== SCHEDULE_FILE_VERSION) return fail('importBadVersion', 'version', [String(SCHEDULE_FILE_VERSION)]);

  const parsed = fileSchema.safeParse(raw);
  const problems: FileProblem[] = [];
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const field = issue.path.map(String).join('.');
      if (seen.has(field)) continue; // one message per field
      seen.add(field);
      if (OWN_KEYS.has(issue.message)) problems.push({ field, key: issue.message as ProblemKey });
      else problems.push({ field, key: valueAt(raw, issue.path) === undefined ? 'importMissing' : 'importWrongType' });
    }
    return { ok: false, problems };
  }

  const { schedule } = parsed.data;
  const period = periodOf(schedule.period);
  if (period === 1 && !(schedule.day >= 1 && schedule.day <= 7)) problems.push({ field: 'schedule.day', key: 'errWeekday' });
  if (period === 2 && !(schedule.day >= 1 && schedule.day <= 31)) problems.push({ field: 'schedule.day', key: 'errMonthDay' });
  const params = Object.entries(schedule.storageParams);
  if (params.length > 30) problems.push({ field: 'schedule.storageParams', key: 'importTooMany' });
  if (schedule.storageType === 5 && !schedule.storageParams.module) problems.push({ field: 'schedule.storageParams.module', key: 'importMissing' });
  if (problems.length) return { ok: false, problems };

  const { kept, dropped } = withoutSecrets(schedule.storageParams);
  const file: ScheduleFile = {
    format: SCHEDULE_FILE_FORMAT,
    version: SCHEDULE_FILE_VERSION,
    exportedAt: parsed.data.exportedAt ?? '',
    portal: { origin: parsed.data.portal?.origin ?? '', timezone: parsed.data.portal?.timezone ?? '' },
    schedule: { ...schedule, period, day: period === 0 ? 0 : schedule.day, storageParams: kept },
    omitted: parsed.data.omitted,
  };
  return { ok: true, file, ignored: dropped };
}

/** The schedule a file describes, as the portal would return it. */
export function scheduleOfFile(file: ScheduleFile): ScheduleDto {
  const { period, hour, day, ...rest } = file.schedule;
  return storedSchedule({ ...rest, cronParams: { period, hour, day } });
}

/** The editor's form for a file's schedule (before it is adapted to a portal). */
export function formOfFile(file: ScheduleFile, firstWeekday = 2): ScheduleForm {
  const form = formFromSchedule(scheduleOfFile(file), firstWeekday);
  if (form.storage === 'room' || form.storage === 'thirdparty') {
    const title = file.schedule.storageTitle ?? '';
    if (form.storage === 'room') form.roomFolderTitle = title;
    else form.thirdPartyFolderTitle = title;
  }
  return form;
}

export interface ImportTarget extends TargetFacts {
  origin: string;
  timezone: string;
  /**
   * The file's room as found on this portal: its title, null when it is not
   * there (or could not be checked). Only looked at for a room schedule.
   */
  room: { title: string } | null;
}

/**
 * The draft to open on a portal for an imported file: the file's room is kept
 * only if that portal has a folder with the same id, and the hour stays the
 * same on this portal's clock.
 */
export function importForm(file: ScheduleFile, target: ImportTarget, firstWeekday = 2): { form: ScheduleForm; notes: CarryNote[] } {
  const base = formOfFile(file, firstWeekday);
  const { form, notes } = carryOver(base, target);
  let kept = notes;
  if (base.storage === 'room' && base.roomFolderId && target.room) {
    form.roomFolderId = base.roomFolderId;
    form.roomFolderTitle = target.room.title;
    kept = notes.filter((n) => n.kind !== 'pick-room');
    // The same id on another portal is a different room that happens to exist.
    if (file.portal.origin !== target.origin) kept.push({ kind: 'room-found', id: base.roomFolderId, title: target.room.title });
  }
  if (file.portal.timezone && file.portal.timezone !== target.timezone) {
    kept.push({ kind: 'zone-differs', from: file.portal.timezone, to: target.timezone });
  }
  return { form, notes: kept };
}
