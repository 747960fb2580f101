import * as z from 'zod/mini';
import type { RequestType } from './requests';
import { portalFailureSchema } from '../docspace/failure-schema';
import { HEALTH_STATES } from '../health/rules';
import {
  backupProgressSchema,
  backupStoragesSchema,
  historySchema,
  folderContentSchema,
  s3RegionsSchema,
  scheduleSchema,
  thirdPartyFolderSchema,
} from '../docspace/schemas';

// One typed protocol between the extension's pages and its background. Both
// sides validate: the background every request (./requests), the page every answer (here).

export type { Request, RequestOf, RequestType } from './requests';

export const portalInfoSchema = z.object({
  origin: z.string(),
  name: z.string(),
  addedAt: z.number(),
  granted: z.boolean(),
  /** Listed by the organisation's policy (utils/managed/); locked: it cannot be removed or renamed. */
  managed: z.optional(z.boolean()),
  locked: z.optional(z.boolean()),
});
export type PortalInfo = z.infer<typeof portalInfoSchema>;

export const portalContextSchema = z.object({
  timezone: z.string(),
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

export const healthRecordSchema = z.object({
  origin: z.string(),
  state: z.enum(HEALTH_STATES),
  checkedAt: z.number(),
  schedule: z.nullable(scheduleSchema),
  /** The last schedule seen, kept to recreate one that vanished. */
  lastKnownSchedule: z.nullable(scheduleSchema),
  timezone: z.optional(z.string()),
  standalone: z.optional(z.boolean()),
  nextRun: z.optional(z.number()),
  missedSlot: z.optional(z.number()),
  error: z.optional(z.string()),
  failure: z.optional(portalFailureSchema),
  /** While checks fail: the state of the last check that got through. */
  beforeFailure: z.optional(z.enum(HEALTH_STATES)),
  neverRunSince: z.optional(z.number()),
  fingerprint: z.optional(z.string()),
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
  'history.list': historySchema,
  'history.delete': historySchema,
  'history.clear': historySchema,
  'health.list': z.array(healthRecordSchema),
  'health.check': healthRecordSchema,
  'health.acknowledge': healthRecordSchema,
} satisfies Record<RequestType, z.ZodMiniType>;

export type ResponseOf<T extends RequestType> = z.infer<(typeof responseSchemas)[T]>;

export const replySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), failure: portalFailureSchema }),
]);
export type Reply = z.infer<typeof replySchema>;
