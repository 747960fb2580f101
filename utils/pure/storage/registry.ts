import * as z from 'zod/mini';
import { backupStatusSchema, healthRecordSchema, loadedScheduleSchema } from '../messages/protocol';
import { isPortalOrigin, MAX_NAME_LENGTH } from '../portals/origin';
import { isValidTimeZone } from '../docspace/time-zone';

/**
 * Every key this extension keeps in storage.local, with the schema its value
 * must pass when it is read. A value that fails is repaired when it can be (the
 * portal list keeps its good entries) or dropped, and the page says so
 * (`storageRepairs`). To add a key: one entry here; per-portal keys are
 * "<prefix><origin>" and are removed with the portal.
 *
 * STORAGE_VERSION is the layout these schemas describe. A new layout adds a step to
 * MIGRATIONS (utils/background/storage-migrate.ts), run by the background at start; a page that
 * reads an old value first mends it with the same rule (`repair`).
 */
export const STORAGE_VERSION = 2;

export const prefsSchema = z.object({
  /** How often the background checks every portal's backup health. */
  checkHours: z.number().check(z.int(), z.minimum(1), z.maximum(48)),
  /** Desktop notifications when a portal's state turns bad (needs the optional permission). */
  notify: z.boolean(),
});

export interface KeyDef {
  /** What the key holds, for the repair notice's details and the privacy statement. */
  name: string;
  /** The whole key, or the prefix before an origin for a per-portal key. */
  key: string;
  perPortal: boolean;
  /**
   * Who writes it: the background, or the pages (what the user does there). A page never writes
   * a key the background owns; it asks the background. Repair notices are written by whichever
   * side read the damaged value. Removing a portal, the background removes what was kept for it.
   */
  writer: 'background' | 'pages' | 'both';
  schema: z.ZodMiniType;
  /** A stored value that failed the schema, mended; undefined to drop it. */
  repair?: (raw: unknown, key: string) => unknown;
}

const portalSchema = z.object({
  origin: z.string().check(z.refine(isPortalOrigin)),
  name: z.string().check(z.minLength(1), z.maxLength(MAX_NAME_LENGTH)),
  addedAt: z.number(),
});
export type StoredPortal = z.infer<typeof portalSchema>;

/** Keeps every entry that is, or can be read as, a portal; one per origin. */
function repairPortals(raw: unknown): StoredPortal[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const seen = new Set<string>();
  const out: StoredPortal[] = [];
  for (const entry of raw.slice(0, 1000)) {
    const e = (typeof entry === 'string' ? { origin: entry } : entry) as Record<string, unknown> | null;
    if (!e || typeof e !== 'object' || typeof e.origin !== 'string' || !isPortalOrigin(e.origin) || seen.has(e.origin)) continue;
    seen.add(e.origin);
    const name = typeof e.name === 'string' && e.name.trim() ? e.name.trim().slice(0, MAX_NAME_LENGTH) : new URL(e.origin).host;
    out.push({ origin: e.origin, name, addedAt: typeof e.addedAt === 'number' && Number.isFinite(e.addedAt) ? e.addedAt : 0 });
  }
  return out;
}

/** Keeps the preferences that still validate; the rest fall back to the defaults. */
function repairPrefs(raw: unknown): Record<string, unknown> | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const shape = prefsSchema.def.shape as Record<string, z.ZodMiniType>;
  return Object.fromEntries(Object.entries(raw).filter(([k, v]) => k in shape && shape[k]!.safeParse(v).success));
}

const text = (max = 2000) => z.string().check(z.maxLength(max));
// What a user types: bounded only against corruption, so a long paste never gets a whole draft dropped.
const typed = () => text(20_000);
const hour = z.number().check(z.int(), z.minimum(0), z.maximum(23));

/** utils/pure/schedule/form.ts ScheduleForm: what the editor holds, typed text included. */
const formSchema = z.object({
  enabled: z.boolean(),
  storage: z.enum(['room', 'thirdparty', 'consumer', 'keep', 'temporary']),
  roomFolderId: text(256),
  roomFolderTitle: text(),
  thirdPartyFolderId: text(256),
  thirdPartyFolderTitle: text(),
  // A storage module name (s3, googlecloud…), or '' before one is chosen.
  module: text(100),
  moduleProps: z.record(text(100), z.record(text(200), typed())),
  period: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  hour,
  weekday: z.number().check(z.int(), z.minimum(1), z.maximum(7)),
  monthDay: z.number().check(z.int(), z.minimum(1), z.maximum(31)),
  backupsStored: typed(),
  dump: z.boolean(),
  otherStorage: z.nullable(z.object({ storageType: z.number().check(z.int()), storageParams: z.record(z.string(), z.nullable(z.string())) })),
});

export const draftSchema = z.object({ form: formSchema, base: text(20_000), savedAt: z.number() });

/** Layout 1 called the form's other storage `kept`: such a draft is read as layout 2's. */
export function draftOfLayout1(raw: unknown): unknown {
  const form = (raw as { form?: Record<string, unknown> } | null)?.form;
  if (!form || typeof form !== 'object' || !('kept' in form) || 'otherStorage' in form) return undefined;
  const { kept, ...rest } = form;
  return { ...(raw as object), form: { ...rest, otherStorage: kept } };
}

const repairSchema = z.array(z.object({ key: text(400), name: text(100), action: z.enum(['repaired', 'dropped']), at: z.number() }));
export type StorageRepair = z.infer<typeof repairSchema>[number];

const zone = z.string().check(z.refine(isValidTimeZone));

export const KEYS: KeyDef[] = [
  { name: 'portal list', key: 'portals', perPortal: false, writer: 'background', schema: z.array(portalSchema), repair: repairPortals },
  { name: 'last portal shown', key: 'lastPortal', perPortal: false, writer: 'pages', schema: z.nullable(z.string().check(z.refine(isPortalOrigin))) },
  { name: 'preferences', key: 'prefs', perPortal: false, writer: 'pages', schema: z.partial(prefsSchema), repair: repairPrefs },
  { name: 'storage layout version', key: 'storageVersion', perPortal: false, writer: 'background', schema: z.number().check(z.int(), z.minimum(0)) },
  { name: 'repair notices', key: 'storageRepairs', perPortal: false, writer: 'both', schema: repairSchema },
  // utils/extension/managed-added.ts: which portals the organisation's policy added (they go when it drops them).
  { name: 'portals added by policy', key: 'managed:added', perPortal: false, writer: 'background', schema: z.array(z.string().check(z.refine(isPortalOrigin))).check(z.maxLength(1000)) },
  // utils/background/check-round.ts: the last periodic check of every portal.
  {
    name: 'last periodic check',
    key: 'checks:round',
    perPortal: false, writer: 'background',
    schema: z.nullable(z.object({ startedAt: z.number(), finishedAt: z.optional(z.number()), portals: z.number(), joined: z.number() })),
  },
  { name: 'cached schedule', key: 'cache:', perPortal: true, writer: 'background', schema: loadedScheduleSchema },
  { name: 'backup health', key: 'health:', perPortal: true, writer: 'background', schema: healthRecordSchema },
  { name: 'manual backup status', key: 'backup:', perPortal: true, writer: 'background', schema: backupStatusSchema },
  { name: 'portal time zone', key: 'settings:', perPortal: true, writer: 'background', schema: z.object({ at: z.number(), settings: z.object({ timezone: zone, standalone: z.boolean() }) }) },
  { name: 'unsaved edits (settings page)', key: 'draft:', perPortal: true, writer: 'pages', schema: draftSchema, repair: draftOfLayout1 },
  { name: 'unsaved edits (popup)', key: 'draft-popup:', perPortal: true, writer: 'pages', schema: draftSchema, repair: draftOfLayout1 },
];

/** The definition of a stored key; undefined for a key this registry does not know. */
export function definitionFor(key: string): KeyDef | undefined {
  // The longest matching prefix: "draft-popup:" before "draft:".
  let best: KeyDef | undefined;
  for (const def of KEYS) {
    const hit = def.perPortal ? key.startsWith(def.key) && isPortalOrigin(key.slice(def.key.length)) : key === def.key;
    if (hit && (!best || def.key.length > best.key.length)) best = def;
  }
  return best;
}

/** Every per-portal key of one origin: what removing the portal removes. */
export function portalKeys(origin: string): string[] {
  return KEYS.filter((def) => def.perPortal).map((def) => def.key + origin);
}

/** The origin a per-portal key belongs to. */
export function originOf(key: string): string | undefined {
  const def = definitionFor(key);
  return def?.perPortal ? key.slice(def.key.length) : undefined;
}

export type Checked = { ok: true; value: unknown } | { ok: false; repaired: unknown | undefined; def: KeyDef };

/** Validates one stored value against its key's schema; unknown keys pass as they are. */
export function checkStored(key: string, raw: unknown): Checked {
  const def = definitionFor(key);
  if (!def) return { ok: true, value: raw };
  const parsed = def.schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const mended = def.repair?.(raw, key);
  const again = mended === undefined ? undefined : def.schema.safeParse(mended);
  return { ok: false, repaired: again?.success ? again.data : undefined, def };
}
