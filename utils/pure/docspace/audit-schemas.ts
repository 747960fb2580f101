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

/** GET api/2.0/portal/payment/quota: only the features read here (free_backup: the monthly allowance). */
export const quotaSchema = z.looseObject({
  features: z._default(z.array(z.looseObject({ id: z.string(), value: z.optional(z.unknown()) })), []),
});

/** The free backups a month the plan includes, if the quota names them. */
export function freeBackupAllowance(quota: z.infer<typeof quotaSchema>): number | undefined {
  const value = quota.features.find((f) => f.id === 'free_backup')?.value;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}
