import type { DocSpaceClient } from './docspace-client';
import { parseServerUtc } from '../pure/docspace/time-zone';
import { AUDIT_ACTIONS, type AuditEvidence, type Evidence } from '../pure/health/rules';

// What the portal can tell about a backup run: its history, the last task's
// progress and the audit trail (run-outcomes.md). Every source may be out of
// reach; a missing one is `undefined`, never a failed check.

/** The audit trail keeps events 180 days; a run's few events fit well in one page. */
const AUDIT_COUNT = 100;

/**
 * The events of `actions` since `from`, one filtered request per action. A plan
 * without the audit feature ignores the filters and answers its last 20 events:
 * then only events of the asked action count, and their absence proves nothing
 * (`complete: false`). Any failure (402/403/404 or worse) means no audit.
 */
export async function readAudit(client: DocSpaceClient, actions: readonly number[], from?: Date): Promise<Evidence['audit']> {
  try {
    const answers = await Promise.all(actions.map(async (action) => ({ action, events: await client.getAuditEvents({ action, from, count: AUDIT_COUNT }) })));
    let complete = true;
    const events: AuditEvidence[] = [];
    for (const { action, events: list } of answers) {
      for (const e of list) {
        const at = parseServerUtc(e.date)?.getTime();
        // Slack for the second the filter's `from` may round away.
        const asked = e.actionId === action && at !== undefined && (!from || at >= from.getTime() - 1000);
        if (!asked) {
          complete = false;
          continue;
        }
        events.push({ actionId: e.actionId, at, ...(e.user ? { user: e.user } : {}) });
      }
    }
    return { events, complete };
  } catch {
    return undefined;
  }
}

const RUN_ACTIONS = [
  AUDIT_ACTIONS.scheduledStarted,
  AUDIT_ACTIONS.scheduledCompleted,
  AUDIT_ACTIONS.scheduledFailed,
  AUDIT_ACTIONS.backupFailed,
  // A manual backup's record is not the run's file.
  AUDIT_ACTIONS.backupCompleted,
];

/** History, progress and the run's audit events, read together. */
export async function readRunEvidence(client: DocSpaceClient, startedAt: Date): Promise<Evidence> {
  const [history, progress, audit] = await Promise.all([
    client.getBackupHistory().catch(() => undefined),
    client.getBackupProgress().catch(() => undefined),
    readAudit(client, RUN_ACTIONS, startedAt),
  ]);
  return { history, progress, audit };
}

/**
 * Who deleted the schedule, if an admin did: 5130 after the last run started (portal time). For a
 * schedule that never ran there is no time of the portal's own to start from (its clock and ours need
 * not agree), so the newest 5130 is taken; the page shows its date.
 */
export function readDeletion(client: DocSpaceClient, lastRun: Date | null): Promise<Evidence['audit']> {
  return readAudit(client, [AUDIT_ACTIONS.scheduleDeleted], lastRun ?? undefined);
}
