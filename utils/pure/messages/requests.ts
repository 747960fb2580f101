import * as z from 'zod/mini';
import { MAX_NAME_LENGTH } from '../portals/origin';
import type { ScheduleRequest } from '../schedule/cron';

// What a page may ask the background. Only the background loads these schemas.

// Compared exactly with the added portals by the router: z.url() would trim
// " https://portal" into an added portal's origin.
const origin = z.string().check(z.minLength(1), z.maxLength(300));
// The Firefox container of the tab the popup was opened on, when it is not the default one.
const cookieStoreId = z.optional(z.string().check(z.maxLength(100)));
const pair = z.object({ key: z.string().check(z.maxLength(200)), value: z.string().check(z.maxLength(2000)) });

const int = () => z.number().check(z.int());
// The type is the one in schedule/cron.ts; `satisfies` keeps the two the same.
export const scheduleRequestSchema = z.object({
  storageType: int(),
  storageParams: z.array(pair).check(z.maxLength(30)),
  backupsStored: int(),
  cronParams: z.object({ period: z.union([z.literal(0), z.literal(1), z.literal(2)]), hour: int(), day: int() }),
  dump: z.boolean(),
}) satisfies z.ZodMiniType<ScheduleRequest>;

const fingerprint = z.string().check(z.maxLength(20_000));

export const requestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('portals.list') }),
  z.object({ type: z.literal('portals.add'), origin, name: z.string().check(z.maxLength(MAX_NAME_LENGTH)) }),
  z.object({ type: z.literal('portals.remove'), origin }),
  // A confirmed import (utils/pure/fleet/portal-list.ts): the page asked for the permissions first.
  z.object({
    type: z.literal('portals.import'),
    portals: z.array(z.object({ origin, name: z.string().check(z.maxLength(MAX_NAME_LENGTH)) })).check(z.maxLength(1000)),
  }),
  z.object({ type: z.literal('portals.rename'), origin, name: z.string().check(z.minLength(1), z.maxLength(MAX_NAME_LENGTH)) }),
  z.object({ type: z.literal('portal.status'), origin, cookieStoreId }),
  z.object({ type: z.literal('schedule.load'), origin, cookieStoreId }),
  z.object({ type: z.literal('schedule.save'), origin, cookieStoreId, request: scheduleRequestSchema, expected: fingerprint, force: z.boolean() }),
  z.object({ type: z.literal('schedule.delete'), origin, cookieStoreId, expected: fingerprint, force: z.boolean() }),
  z.object({ type: z.literal('storage.options'), origin, cookieStoreId }),
  z.object({ type: z.literal('folders.list'), origin, cookieStoreId, folderId: z.optional(z.union([z.number(), z.string().check(z.maxLength(256))])) }),
  z.object({
    type: z.literal('backup.start'),
    origin,
    cookieStoreId,
    storageType: z.number().check(z.int()),
    storageParams: z.nullable(z.array(pair).check(z.maxLength(30))),
  }),
  z.object({ type: z.literal('backup.progress'), origin, cookieStoreId }),
  z.object({ type: z.literal('backup.cancel'), origin, cookieStoreId }),
  z.object({ type: z.literal('history.list'), origin, cookieStoreId }),
  z.object({ type: z.literal('history.delete'), origin, cookieStoreId, id: z.string().check(z.maxLength(64)) }),
  z.object({ type: z.literal('history.clear'), origin, cookieStoreId }),
  z.object({ type: z.literal('health.list') }),
  z.object({ type: z.literal('health.check'), origin }),
  // "Refresh all": every added portal, in one message (the background knows the list).
  z.object({ type: z.literal('health.checkAll') }),
  z.object({ type: z.literal('health.acknowledge'), origin }),
  // A page met stored data it cannot draw: the background checks all of it now (storage-guard.ts).
  z.object({ type: z.literal('localData.check') }),
]);
export type Request = z.infer<typeof requestSchema>;
export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;
