import * as z from 'zod/mini';
import type { RequestType } from './requests';
import { HEALTH_STATES, RUN_OUTCOMES, UNKNOWN_REASONS } from '../health/states';
import { isValidTimeZone } from '../docspace/time-zone';
import {
  backupProgressSchema,
  backupStoragesSchema,
  historyRecordSchema,
  folderContentSchema,
  s3RegionsSchema,
  scheduleSchema,
  thirdPartyFolderSchema,
} from '../docspace/schemas';

// Every way a portal call can fail, as plain data: it crosses the message
// boundary to the UI, which picks the wording and the next step.
export const portalFailureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('signed-out') }),
  z.object({ kind: z.literal('forbidden'), message: z.optional(z.string()) }),
  z.object({ kind: z.literal('payment'), message: z.optional(z.string()) }),
  z.object({ kind: z.literal('not-found'), message: z.optional(z.string()) }),
  // The portal refused the input: a 400, or one of the 500s its cron parser throws.
  z.object({
    kind: z.literal('rejected'),
    status: z.number(),
    message: z.string(),
    fields: z.optional(z.record(z.string(), z.array(z.string()))),
  }),
  z.object({ kind: z.literal('rate-limited'), retryAfterSec: z.optional(z.number()) }),
  z.object({ kind: z.literal('server'), status: z.number(), message: z.optional(z.string()), html: z.optional(z.boolean()) }),
  z.object({ kind: z.literal('timeout'), seconds: z.number() }),
  z.object({ kind: z.literal('offline'), message: z.optional(z.string()) }),
  z.object({ kind: z.literal('unexpected'), details: z.string() }),
  // The portal answered with a redirect, which is never followed.
  z.object({ kind: z.literal('redirected'), location: z.optional(z.string()) }),
  // The portal sent values out of range; `known` lists what could be read.
  z.object({ kind: z.literal('unreadable'), details: z.string(), known: z.optional(z.array(z.string())) }),
  z.object({ kind: z.literal('no-permission') }),
  z.object({ kind: z.literal('not-added') }),
  z.object({ kind: z.literal('internal'), message: z.string() }),
]);

// One typed protocol between the extension's pages and its background. Both
// sides validate: the background every request (./requests), the page every answer (here).

export type { Request, RequestOf, RequestType } from './requests';

export const portalInfoSchema = z.object({
  origin: z.string(),
  name: z.string(),
  addedAt: z.number(),
  granted: z.boolean(),
  /** Listed by the organisation's policy (utils/extension/managed-policy.ts); locked: it cannot be removed or renamed. */
  managed: z.optional(z.boolean()),
  locked: z.optional(z.boolean()),
});
export type PortalInfo = z.infer<typeof portalInfoSchema>;

export const portalContextSchema = z.object({
  // A zone this browser cannot use would break every date on the page.
  timezone: z.string().check(z.refine(isValidTimeZone)),
  standalone: z.boolean(),
  utcOffset: z.optional(z.string()),
});
export type PortalContext = z.infer<typeof portalContextSchema>;

export const loadedScheduleSchema = z.object({
  schedule: z.nullable(scheduleSchema),
  // Where the backups go, as the portal names it; `missing` when the room is gone.
  target: z.optional(z.object({ title: z.optional(z.string()), missing: z.optional(z.boolean()) })),
  portal: portalContextSchema,
  fingerprint: z.string(),
  fetchedAt: z.number(),
});
export type LoadedSchedule = z.infer<typeof loadedScheduleSchema>;

const differenceSchema = z.object({ field: z.string(), sent: z.string(), stored: z.string() });

export const saveResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('saved'), loaded: loadedScheduleSchema }),
  // Someone changed the schedule since the editor loaded it: nothing was written.
  z.object({ status: z.literal('conflict'), loaded: loadedScheduleSchema }),
  // Written, but what the portal stores differs from what was sent.
  z.object({ status: z.literal('mismatch'), loaded: loadedScheduleSchema, differences: z.array(differenceSchema) }),
]);
export type SaveResult = z.infer<typeof saveResultSchema>;

/** A backup started from the extension, followed by the background until it ends. */
export const backupStatusSchema = z.object({
  progress: z.nullable(backupProgressSchema),
  /** The background is polling the portal for this backup now. */
  following: z.boolean(),
  startedAt: z.optional(z.number()),
  storageType: z.optional(z.number()),
  failure: z.optional(portalFailureSchema),
});
export type BackupStatus = z.infer<typeof backupStatusSchema>;

const runJudgementSchema = z.object({
  startedAt: z.number(),
  outcome: z.enum(RUN_OUTCOMES),
  fileName: z.optional(z.string()),
  finishedAt: z.optional(z.number()),
  error: z.optional(z.string()),
  reason: z.optional(z.enum(UNKNOWN_REASONS)),
});

/** A history record, with the download link of a temporary copy when the portal gave one. */
export const historyEntrySchema = z.extend(historyRecordSchema, { link: z.optional(z.string()) });
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const healthRecordSchema = z.object({
  origin: z.string(),
  state: z.enum(HEALTH_STATES),
  checkedAt: z.number(),
  schedule: z.nullable(scheduleSchema),
  /** The last schedule seen, kept to recreate one that vanished. */
  lastKnownSchedule: z.nullable(scheduleSchema),
  timezone: z.optional(z.string().check(z.refine(isValidTimeZone))),
  standalone: z.optional(z.boolean()),
  nextRun: z.optional(z.number()),
  missedSlot: z.optional(z.number()),
  /** Issue #9: how many slots in a row had no run. */
  missedCount: z.optional(z.number()),
  error: z.optional(z.string()),
  failure: z.optional(portalFailureSchema),
  /** While checks fail: the state of the last check that got through. */
  beforeFailure: z.optional(z.enum(HEALTH_STATES)),
  neverRunSince: z.optional(z.number()),
  fingerprint: z.optional(z.string()),
  /** Issue #9: what became of the last scheduled run, judged from evidence (utils/pure/health/rules.ts). */
  run: z.optional(runJudgementSchema),
  /** A never-run schedule: when its first backup is due. */
  firstRun: z.optional(z.number()),
  /** A schedule an admin deleted (audit 5130). */
  turnedOff: z.optional(z.object({ by: z.optional(z.string()), at: z.number() })),
  /** A vanished schedule the audit trail shows no admin deleted. */
  removedBy: z.optional(z.literal('portal')),
  reason: z.optional(z.enum(UNKNOWN_REASONS)),
  /** Cloud 3.8: backups this month by who paid (getbackupscountbypaid). */
  backupsThisMonth: z.optional(z.object({ free: z.number(), paid: z.number(), allowance: z.optional(z.number()) })),
  /** The backup room as the portal names it (looked up once per room), for the overview: never its id. */
  room: z.optional(z.object({ folderId: z.string(), title: z.optional(z.string()), missing: z.optional(z.boolean()) })),
});
export type HealthRecord = z.infer<typeof healthRecordSchema>;

export const responseSchemas = {
  'portals.list': z.array(portalInfoSchema),
  'portals.add': z.array(portalInfoSchema),
  'portals.remove': z.array(portalInfoSchema),
  'portals.import': z.object({ added: z.number(), portals: z.array(portalInfoSchema) }),
  'portals.rename': z.array(portalInfoSchema),
  'portal.status': z.object({
    signedIn: z.boolean(),
    user: z.optional(
      z.object({ displayName: z.string(), email: z.string(), isOwner: z.boolean(), isAdmin: z.boolean() }),
    ),
  }),
  'schedule.load': loadedScheduleSchema,
  'schedule.save': saveResultSchema,
  'schedule.delete': saveResultSchema,
  'storage.options': z.object({
    storages: backupStoragesSchema,
    regions: s3RegionsSchema,
    thirdParty: z.nullable(thirdPartyFolderSchema),
    standalone: z.boolean(),
  }),
  'folders.list': folderContentSchema,
  'backup.start': backupStatusSchema,
  'backup.progress': backupStatusSchema,
  'backup.cancel': backupStatusSchema,
  'history.list': z.array(historyEntrySchema),
  'history.delete': z.array(historyEntrySchema),
  'history.clear': z.array(historyEntrySchema),
  'health.list': z.array(healthRecordSchema),
  'health.check': healthRecordSchema,
  /** The records arrive through storage as each check ends; the answer only says it is over. */
  'health.checkAll': z.object({ checked: z.number() }),
  'health.acknowledge': healthRecordSchema,
  'localData.check': z.object({ mended: z.number() }),
} satisfies Record<RequestType, z.ZodMiniType>;

export type ResponseOf<T extends RequestType> = z.infer<(typeof responseSchemas)[T]>;

export const replySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), failure: portalFailureSchema }),
]);
export type Reply = z.infer<typeof replySchema>;
