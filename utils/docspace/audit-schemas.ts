import * as z from 'zod/mini';

// The audit trail (GET api/2.0/security/audit/events/filter) and the 3.8 backup
// counts (GET api/2.0/backup/getbackupscountbypaid). Match events on actionId,
// never on `action` (localized text).

export const auditEventSchema = z.looseObject({
  actionId: z.number().check(z.int()),
  /** The portal's offset, e.g. "2026-03-10T05:15:00.0000000+03:00". */
  date: z.string(),
  user: z.optional(z.nullable(z.string())),
  userId: z.optional(z.nullable(z.string())),
});
export const auditEventsSchema = z.array(auditEventSchema);
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** Backups this month, by who paid: the free allowance or the wallet. */
export const backupsCountSchema = z.looseObject({
  free: z.number().check(z.int()),
  paid: z.number().check(z.int()),
});
export type BackupsCount = z.infer<typeof backupsCountSchema>;
