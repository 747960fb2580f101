import * as z from 'zod/mini';
import { isValidTimeZone } from './time-zone';

// zod/mini keeps the bundles small and leaves out zod's `Function("")` probe,
// which store linters flag. Objects are loose: the portal adds fields over time
// and we only insist on the ones we read.

const int = () => z.number().check(z.int());
const intIn = (min: number, max: number) => z.number().check(z.int(), z.minimum(min), z.maximum(max));

// Real ranges (server-api.md §6): a value outside them is a schedule this
// extension cannot show or edit, refused here rather than deep inside a page.
export const cronParamsSchema = z
  .looseObject({
    period: intIn(0, 2),
    hour: intIn(0, 23),
    day: z._default(z.nullable(intIn(0, 31)), 0),
  })
  .check(
    z.refine((c) => c.period !== 1 || (c.day ?? 0) >= 1 && (c.day ?? 0) <= 7, { message: 'a weekly day must be 1 (Sunday) to 7 (Saturday)', path: ['day'] }),
    z.refine((c) => c.period !== 2 || (c.day ?? 0) >= 1, { message: 'a monthly day must be 1 to 31', path: ['day'] }),
  );

/** The server's UTC time without an offset, e.g. 2026-03-10T08:00:03 (fractions and Z tolerated). */
const serverTime = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z?$/));

const scheduleFields = {
  storageType: intIn(0, 99),
  // A dictionary in responses (a list of pairs in requests).
  storageParams: z._default(z.nullable(z.record(z.string().check(z.maxLength(200)), z.nullable(z.string().check(z.maxLength(2000))))), {}),
  cronParams: cronParamsSchema,
  // The server omits 0 (NullIfDefault); the request default is 1; it refuses more than 30.
  backupsStored: z.optional(intIn(0, 30)),
  lastBackupTime: serverTime,
  dump: z._default(z.boolean(), false),
};
export const scheduleSchema = z.looseObject(scheduleFields);
export type ScheduleDto = z.infer<typeof scheduleSchema>;

/** Only the types: what the client accepts before it checks the ranges, to say what it could read. */
export const scheduleShapeSchema = z.looseObject({
  storageType: z.number(),
  storageParams: z._default(z.nullable(z.record(z.string(), z.nullable(z.string()))), {}),
  cronParams: z.looseObject({ period: z.number(), hour: z.number(), day: z._default(z.nullable(z.number()), 0) }),
  backupsStored: z.optional(z.number()),
  lastBackupTime: z.string(),
  dump: z._default(z.boolean(), false),
});

/** An IANA zone this browser knows: the schedule's hour is read in it. */
const timeZone = z.string().check(z.refine(isValidTimeZone, { message: 'not a time zone this browser knows' }));

export const portalSettingsSchema = z.looseObject({
  timezone: timeZone,
  utcOffset: z.optional(z.string()),
  utcHoursOffset: z.optional(z.number()),
  standalone: z._default(z.boolean(), false),
  culture: z.optional(z.string()),
});
export type PortalSettings = z.infer<typeof portalSettingsSchema>;

export const selfSchema = z.looseObject({
  id: z.string(),
  displayName: z.optional(z.string()),
  email: z.optional(z.string()),
  isAdmin: z._default(z.boolean(), false),
  isOwner: z._default(z.boolean(), false),
});
export type Self = z.infer<typeof selfSchema>;

export const backupStorageSchema = z.looseObject({
  id: z.string(),
  title: z.string(),
  isSet: z.boolean(),
  current: z._default(z.boolean(), false),
  properties: z._default(
    z.array(z.looseObject({ name: z.string(), title: z.optional(z.string()), value: z.optional(z.nullable(z.string())) })),
    [],
  ),
});
export const backupStoragesSchema = z.array(backupStorageSchema);
export type BackupStorage = z.infer<typeof backupStorageSchema>;

export const s3RegionsSchema = z.array(z.looseObject({ systemName: z.string(), displayName: z.string() }));
export type S3Region = z.infer<typeof s3RegionsSchema>[number];

const idSchema = z.union([int(), z.string()]);

export const folderSchema = z.looseObject({
  id: idSchema,
  title: z.string(),
  roomType: z.optional(z.nullable(int())),
  rootFolderType: z.optional(int()),
  security: z.optional(z.nullable(z.record(z.string(), z.boolean()))),
});
export type Folder = z.infer<typeof folderSchema>;

export const folderContentSchema = z.looseObject({
  folders: z._default(z.array(folderSchema), []),
  current: z.optional(folderSchema),
  pathParts: z._default(
    z.array(z.union([z.looseObject({ id: idSchema, title: z.string() }), idSchema])),
    [],
  ),
  total: z.optional(int()),
});
export type FolderContent = z.infer<typeof folderContentSchema>;

export const thirdPartyFolderSchema = z.looseObject({
  id: z.union([z.string(), int()]),
  title: z.string(),
  providerKey: z.optional(z.nullable(z.string())),
});
export type ThirdPartyFolder = z.infer<typeof thirdPartyFolderSchema>;

export const backupProgressSchema = z.looseObject({
  isCompleted: z.boolean(),
  progress: int(),
  error: z.optional(z.nullable(z.string())),
  warning: z.optional(z.nullable(z.string())),
  link: z.optional(z.nullable(z.string())),
  status: z.optional(int()),
  taskId: z.optional(z.nullable(z.string())),
});
export type BackupProgress = z.infer<typeof backupProgressSchema>;

export const historyRecordSchema = z.looseObject({
  id: z.string(),
  fileName: z.string(),
  storageType: int(),
  createdOn: z.string(),
  expiresOn: z.string(),
});
export const historySchema = z.array(historyRecordSchema);
export type HistoryRecord = z.infer<typeof historyRecordSchema>;

export const authTokenSchema = z.looseObject({ token: z.optional(z.string()), tfa: z.optional(z.boolean()) });

/** The success envelope. `response` is absent when the server's value is null. */
export function envelope<T extends z.ZodMiniType>(inner: T) {
  return z.looseObject({
    response: z.optional(inner),
    count: z.optional(z.number()),
    status: z.number(),
    statusCode: z.number(),
  });
}

export const errorEnvelopeSchema = z.looseObject({
  error: z.looseObject({ message: z.optional(z.nullable(z.string())) }),
  statusCode: z.optional(z.number()),
});

/** A model-binding error: a ValidationProblemDetails inside the success envelope. */
export const validationProblemSchema = z.looseObject({
  response: z.looseObject({
    title: z.optional(z.string()),
    errors: z.optional(z.record(z.string(), z.array(z.string()))),
  }),
  status: z.literal(1),
});
