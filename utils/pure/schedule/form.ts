import * as z from 'zod/mini';
import { cronOf, type Cron, type Period, type ScheduleRequest } from './cron';
import { StorageType } from '../docspace/storage-type';
import type { Folder, ScheduleDto } from '../docspace/schemas';

export type StorageChoice = 'room' | 'thirdparty' | 'consumer' | 'keep' | 'temporary';

/**
 * What the editor holds. Text the user types stays text (copies to keep), so an
 * invalid entry is shown back as typed instead of being lost.
 */
export interface ScheduleForm {
  enabled: boolean;
  storage: StorageChoice;
  roomFolderId: string;
  roomFolderTitle: string;
  thirdPartyFolderId: string;
  thirdPartyFolderTitle: string;
  module: string;
  /** Per storage module, so switching between them keeps what was typed. */
  moduleProps: Record<string, Record<string, string>>;
  period: Period;
  hour: number;
  weekday: number;
  monthDay: number;
  backupsStored: string;
  dump: boolean;
  /** A storage this editor does not offer (Local, temporary…), kept as the portal has it. */
  otherStorage: { storageType: number; storageParams: Record<string, string | null> } | null;
}

export const THIRD_PARTY_MODULES = ['s3', 'googlecloud', 'rackspace', 'selectel'] as const;

/** Fields the portal's own forms require, per storage module. */
export const REQUIRED_PROPS: Record<string, string[]> = {
  s3: ['bucket'],
  googlecloud: ['bucket'],
  rackspace: ['private_container', 'public_container', 'region'],
  selectel: ['private_container', 'public_container'],
};

export function defaultForm(firstWeekday = 2): ScheduleForm {
  // The portal page's defaults: every day at 12:00, 10 copies, in a backup room.
  return {
    enabled: false,
    storage: 'room',
    roomFolderId: '',
    roomFolderTitle: '',
    thirdPartyFolderId: '',
    thirdPartyFolderTitle: '',
    module: '',
    moduleProps: {},
    period: 0,
    hour: 12,
    weekday: firstWeekday,
    monthDay: 1,
    backupsStored: '10',
    dump: false,
    otherStorage: null,
  };
}

/** What one click on "Set up automatic backup" proposes (issue #12): the admin reviews and saves. */
export const SETUP_DEFAULTS = { period: 0, hour: 2, backupsStored: '7' } as const;

/** A ready form for a portal with no schedule: daily at 02:00 portal time, 7 copies, to `room` when there is one. */
export function setupForm(firstWeekday = 2, room?: { id: string; title: string } | null): ScheduleForm {
  return {
    ...defaultForm(firstWeekday),
    enabled: true,
    period: SETUP_DEFAULTS.period,
    hour: SETUP_DEFAULTS.hour,
    backupsStored: SETUP_DEFAULTS.backupsStored,
    roomFolderId: room?.id ?? '',
    roomFolderTitle: room?.title ?? '',
  };
}

// Room types the portal's own picker refuses (form filling) or asks about first (public).
const FORM_FILLING_ROOM = 1;
const PUBLIC_ROOM = 6;

/**
 * The room a new schedule proposes, from the rooms the room chooser lists: one
 * named like a backup room, else the first room a backup may go to, else none.
 */
export function pickBackupRoom(rooms: readonly Folder[]): { id: string; title: string } | null {
  const usable = rooms.filter(
    (r) => r.roomType !== FORM_FILLING_ROOM && r.roomType !== PUBLIC_ROOM && r.security?.Create !== false && /^\d+$/.test(String(r.id)),
  );
  const room = usable.find((r) => /backup/i.test(r.title)) ?? usable[0];
  return room ? { id: String(room.id), title: room.title } : null;
}

/** Copies to keep, always a whole number from 1 to 30: what a stepper or typing commits. */
export function clampCopies(value: string | number, fallback: string = SETUP_DEFAULTS.backupsStored): string {
  const n = typeof value === 'number' ? value : Number(String(value).replace(/\D/g, '') || NaN);
  if (!Number.isFinite(n)) return fallback;
  return String(Math.min(30, Math.max(1, Math.round(n))));
}

export function formFromSchedule(schedule: ScheduleDto | null, firstWeekday = 2): ScheduleForm {
  const form = defaultForm(firstWeekday);
  if (!schedule) return form;
  const params = schedule.storageParams ?? {};
  const { period, hour, day } = cronOf(schedule.cronParams);
  form.enabled = true;
  form.period = period;
  form.hour = hour;
  if (period === 1) form.weekday = schedule.cronParams.day ?? firstWeekday;
  if (period === 2) form.monthDay = day;
  form.backupsStored = String(schedule.backupsStored ?? 1);
  form.dump = schedule.dump;
  switch (schedule.storageType) {
    case StorageType.Documents:
      form.storage = 'room';
      form.roomFolderId = params.folderId ?? '';
      break;
    case StorageType.ThirdPartyDocuments:
      form.storage = 'thirdparty';
      form.thirdPartyFolderId = params.folderId ?? '';
      break;
    case StorageType.ThirdPartyConsumer: {
      form.storage = 'consumer';
      const { module = '', ...rest } = params;
      form.module = module ?? '';
      form.moduleProps = { [form.module]: Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v ?? ''])) };
      break;
    }
    default:
      form.storage = 'keep';
      form.otherStorage = { storageType: schedule.storageType, storageParams: params };
  }
  return form;
}

/** Field ids used for messages shown beside each control. */
export type FieldId = 'folder' | 'module' | 'backupsStored' | 'hour' | 'weekday' | 'monthDay' | `prop:${string}`;
export interface FieldError {
  field: FieldId;
  /** A message-catalog key. */
  message: string;
}

// One zod schema per field; each issue carries the catalog key of its message.
const intIn = (min: number, max: number, error: string) => z.number({ error }).check(z.int({ error }), z.minimum(min, { error }), z.maximum(max, { error }));
const required = (error: string) => z.string().check(z.trim(), z.minLength(1, { error }));

const copiesSchema = z.string().check(
  z.regex(/^\s*\d+\s*$/, { error: 'errCopiesNumber' }),
  z.refine((s) => Number(s) >= 1 && Number(s) <= 30, { error: 'errCopiesRange' }),
);
const roomSchema = z.string().check(z.regex(/^\d+$/, { error: 'errChooseRoom' }));
const thirdPartySchema = required('errChooseThirdPartyFolder');
const moduleSchema = required('errChooseStorage');
const propSchema = required('errRequired');
const hourSchema = intIn(0, 23, 'errHour');
const weekdaySchema = intIn(1, 7, 'errWeekday');
const monthDaySchema = intIn(1, 31, 'errMonthDay');

function check(errors: FieldError[], field: FieldId, schema: z.ZodMiniType, value: unknown) {
  const result = schema.safeParse(value);
  if (!result.success) errors.push({ field, message: result.error.issues[0]?.message ?? 'errRequired' });
}

/** Checks only where the backups go (also used by "Back up now"). */
export function validateStorage(form: ScheduleForm): FieldError[] {
  const errors: FieldError[] = [];
  if (form.storage === 'room') check(errors, 'folder', roomSchema, form.roomFolderId);
  if (form.storage === 'thirdparty') check(errors, 'folder', thirdPartySchema, form.thirdPartyFolderId);
  if (form.storage === 'consumer') {
    check(errors, 'module', moduleSchema, form.module);
    const props = form.moduleProps[form.module] ?? {};
    for (const name of REQUIRED_PROPS[form.module] ?? []) check(errors, `prop:${name}`, propSchema, props[name] ?? '');
  }
  return errors;
}

/** Every field of an enabled form, with the message to show beside each. */
export function validateForm(form: ScheduleForm): FieldError[] {
  if (!form.enabled) return [];
  const errors = validateStorage(form);
  check(errors, 'backupsStored', copiesSchema, form.backupsStored);
  check(errors, 'hour', hourSchema, form.hour);
  if (form.period === 1) check(errors, 'weekday', weekdaySchema, form.weekday);
  if (form.period === 2) check(errors, 'monthDay', monthDaySchema, form.monthDay);
  return errors;
}

function pairs(record: Record<string, string | null | undefined>) {
  return Object.entries(record)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '')
    .map(([key, value]) => ({ key, value }));
}

/** Where a form sends its backups, as the server's storageType and params. */
export function storageFromForm(form: ScheduleForm): { storageType: number; storageParams: { key: string; value: string }[] } {
  switch (form.storage) {
    case 'room':
      return { storageType: StorageType.Documents, storageParams: [{ key: 'folderId', value: form.roomFolderId }] };
    case 'thirdparty':
      return { storageType: StorageType.ThirdPartyDocuments, storageParams: [{ key: 'folderId', value: form.thirdPartyFolderId }] };
    case 'consumer':
      return {
        storageType: StorageType.ThirdPartyConsumer,
        storageParams: [{ key: 'module', value: form.module }, ...pairs(form.moduleProps[form.module] ?? {})],
      };
    case 'temporary':
      return { storageType: StorageType.DataStore, storageParams: [] };
    case 'keep':
      return { storageType: form.otherStorage?.storageType ?? StorageType.Documents, storageParams: pairs(form.otherStorage?.storageParams ?? {}) };
  }
}

/** The form's period, day and hour as a schedule's cron. */
export function cronOfForm(form: ScheduleForm): Cron {
  return { period: form.period, hour: form.hour, day: form.period === 1 ? form.weekday : form.period === 2 ? form.monthDay : 0 };
}

/** The createbackupschedule body for a valid, enabled form. */
export function requestFromForm(form: ScheduleForm, standalone: boolean): ScheduleRequest {
  const { storageType, storageParams } = storageFromForm(form);
  return {
    storageType,
    storageParams,
    backupsStored: Number(form.backupsStored.trim()),
    cronParams: cronOfForm(form),
    dump: standalone && form.dump,
  };
}

export interface Difference {
  field: string;
  sent: string;
  stored: string;
}

/** What the portal stored that differs from what was sent (empty when they match). */
export function compareStored(sent: ScheduleRequest, stored: ScheduleDto | null): Difference[] {
  if (!stored) return [{ field: 'schedule', sent: 'saved', stored: 'none' }];
  const diffs: Difference[] = [];
  const check = (field: string, a: unknown, b: unknown) => {
    if (String(a) !== String(b)) diffs.push({ field, sent: String(a), stored: b === undefined || b === null ? '—' : String(b) });
  };
  check('storageType', sent.storageType, stored.storageType);
  const params = stored.storageParams ?? {};
  for (const { key, value } of sent.storageParams) check(`storageParams.${key}`, value, params[key]);
  check('cronParams.period', sent.cronParams.period, stored.cronParams.period);
  check('cronParams.hour', sent.cronParams.hour, stored.cronParams.hour);
  check('cronParams.day', sent.cronParams.day, stored.cronParams.day ?? 0);
  check('backupsStored', sent.backupsStored, stored.backupsStored);
  check('dump', sent.dump, stored.dump);
  return diffs;
}

/**
 * What identifies a schedule's content, to notice edits made elsewhere.
 * lastBackupTime is left out: it moves whenever a backup runs.
 */
export function fingerprint(schedule: ScheduleDto | null): string {
  if (!schedule) return 'none';
  const params = Object.entries(schedule.storageParams ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const { period, hour, day } = schedule.cronParams;
  return JSON.stringify([schedule.storageType, params, period, hour, day ?? 0, schedule.backupsStored ?? 0, schedule.dump]);
}

/**
 * The third-party folder a save sends is the one connected now: with no account
 * connected (`thirdParty` null) it is none, never the id an older schedule kept.
 * `undefined` means the portal's answer is not known, so nothing is changed.
 */
export function withConnectedFolder(form: ScheduleForm, thirdParty: { id: string | number; title: string } | null | undefined): ScheduleForm {
  if (form.storage !== 'thirdparty' || thirdParty === undefined) return form;
  return thirdParty
    ? { ...form, thirdPartyFolderId: String(thirdParty.id), thirdPartyFolderTitle: thirdParty.title }
    : { ...form, thirdPartyFolderId: '', thirdPartyFolderTitle: '' };
}
