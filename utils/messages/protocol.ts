import * as z from 'zod/mini';
import { portalFailureSchema } from '../docspace/failure';
import {
  backupStoragesSchema,
  folderContentSchema,
  s3RegionsSchema,
  scheduleSchema,
  thirdPartyFolderSchema,
} from '../docspace/schemas';

// One typed protocol between the extension's pages and its background. Both
// sides validate: the background every request, the page every answer.

const origin = z.string().check(z.url(), z.maxLength(300));
// The Firefox container of the tab the popup was opened on, when it is not the default one.
const store = z.optional(z.string().check(z.maxLength(100)));
const pair = z.object({ key: z.string().check(z.maxLength(200)), value: z.string().check(z.maxLength(2000)) });

export const scheduleRequestSchema = z.object({
  storageType: z.number().check(z.int()),
  storageParams: z.array(pair).check(z.maxLength(30)),
  backupsStored: z.number().check(z.int()),
  cronParams: z.object({ period: z.number().check(z.int()), hour: z.number().check(z.int()), day: z.number().check(z.int()) }),
  dump: z.boolean(),
});

const fingerprint = z.string().check(z.maxLength(20_000));

export const requestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('portals.list') }),
  z.object({ type: z.literal('portals.add'), origin, name: z.string().check(z.maxLength(120)) }),
  z.object({ type: z.literal('portals.remove'), origin }),
  z.object({ type: z.literal('portals.rename'), origin, name: z.string().check(z.minLength(1), z.maxLength(120)) }),
  z.object({ type: z.literal('portal.status'), origin, store }),
  z.object({ type: z.literal('schedule.load'), origin, store }),
  z.object({ type: z.literal('schedule.save'), origin, store, request: scheduleRequestSchema, expected: fingerprint, force: z.boolean() }),
  z.object({ type: z.literal('schedule.delete'), origin, store, expected: fingerprint, force: z.boolean() }),
  z.object({ type: z.literal('storage.options'), origin, store }),
  z.object({ type: z.literal('folders.list'), origin, store, folderId: z.optional(z.union([z.number(), z.string()])) }),
]);
export type Request = z.infer<typeof requestSchema>;
export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;

export const portalInfoSchema = z.object({
  origin: z.string(),
  name: z.string(),
  addedAt: z.number(),
  granted: z.boolean(),
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
  fingerprint,
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

export const responseSchemas = {
  'portals.list': z.array(portalInfoSchema),
  'portals.add': z.array(portalInfoSchema),
  'portals.remove': z.array(portalInfoSchema),
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
} satisfies Record<RequestType, z.ZodMiniType>;

export type ResponseOf<T extends RequestType> = z.infer<(typeof responseSchemas)[T]>;

export const replySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), failure: portalFailureSchema }),
]);
export type Reply = z.infer<typeof replySchema>;
