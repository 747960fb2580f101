import { computeNextRun, nextSlotAfter, previousSlotAtOrBefore } from '../docspace/next-run';
import { knownCronOf, type Cron } from '../schedule/cron';
import type { PortalFailure } from '../docspace/failure';
import type { BackupProgress, HistoryRecord, ScheduleDto } from '../docspace/schemas';
import type { HealthState, RunOutcome, UnknownReason } from './states';
import { instantFromWallClock, isNeverRunTime, parseServerUtc, wallClockInZone, wallToEpochMs, type WallTime } from '../docspace/time-zone';

/** Worst first: the badge shows the worst portal when the tab is not a portal. */
const SEVERITY: Record<HealthState, number> = {
  vanished: 13,
  failed: 12,
  stalled: 11,
  overdue: 10,
  'no-file': 9,
  'signed-out': 8,
  'no-access': 7,
  unreachable: 6,
  unknown: 5,
  'turned-off': 4,
  off: 3,
  running: 2,
  scheduled: 1,
  healthy: 0,
};

export function worst(states: HealthState[]): HealthState | null {
  return states.reduce<HealthState | null>((w, s) => (w === null || SEVERITY[s] > SEVERITY[w] ? s : w), null);
}

export function isBad(state: HealthState): boolean {
  return SEVERITY[state] >= SEVERITY['unreachable'];
}

/**
 * Backups start at the first 15-minute scheduler tick after their slot; a
 * margin on top covers queueing and a busy server before we call one late.
 * It is also how long a started run may show no outcome before we say
 * "no file was made".
 */
export const GRACE_MS = 60 * 60_000;

/**
 * A run still unfinished this long after it started is stalled. Backups of
 * large portals to a slow storage take hours; six is well past any we know of,
 * and still short of the next daily slot, which an unfinished task blocks.
 */
export const STALL_MS = 6 * 3600_000;

/** A finished task's progress (with its error) is readable this long (run-outcomes.md). */
export const PROGRESS_LIFETIME_MS = 24 * 3600_000;

/** Audit actions (MessageAction.cs). */
export const AUDIT_ACTIONS = {
  backupCompleted: 5125,
  backupFailed: 5126,
  scheduledStarted: 5127,
  scheduledCompleted: 5128,
  scheduledFailed: 5129,
  scheduleDeleted: 5130,
} as const;

export interface AuditEvidence {
  actionId: number;
  /** Epoch ms. */
  at: number;
  user?: string;
}

export interface Evidence {
  /** getbackuphistory; undefined: not read. */
  history?: readonly HistoryRecord[];
  /** getbackupprogress; null: no task; undefined: not read. */
  progress?: BackupProgress | null;
  /**
   * The audit events asked for, already limited to their actionIds; undefined: no audit (402/403/404,
   * or it failed). `complete` is false when the portal ignored the filters (a plan without the audit
   * feature answers its last 20 events): then an event found is evidence, one missing is not.
   */
  audit?: { events: readonly AuditEvidence[]; complete: boolean };
}

/** What became of the run that started at `startedAt` (lastBackupTime). Kept in the health record. */
export interface RunJudgement {
  startedAt: number;
  outcome: RunOutcome;
  fileName?: string;
  finishedAt?: number;
  /** The portal's error text, kept after its progress entry is gone. */
  error?: string;
  reason?: UnknownReason;
}

export interface Observation extends Evidence {
  now: Date;
  timeZone: string;
  schedule: ScheduleDto | null;
  /** The schedule seen at the previous check (null: off; undefined: never checked or unreadable). */
  previousSchedule?: ScheduleDto | null;
  previousState?: HealthState;
  /** When a never-run schedule was first seen (its clock starts then). */
  neverRunSince?: number;
  /** The previous check's judgement of the last run: a settled one stands, its error is kept. */
  previousRun?: RunJudgement;
  /** The previous check's "turned off by" (kept while the schedule stays gone). */
  previousTurnedOff?: TurnedOff;
}

export interface TurnedOff {
  by?: string;
  at: number;
}

export interface Assessment {
  state: HealthState;
  /** For overdue: the slot whose backup is missing. */
  missedSlot?: Date;
  /** For overdue: how many slots in a row had no run (the last one included). */
  missedCount?: number;
  /** For failed: the portal's message. */
  error?: string;
  /** The last run's outcome. */
  run?: RunJudgement;
  /** For scheduled: when the first backup is due. */
  firstRun?: Date;
  /** For turned-off: who and when (audit 5130). */
  turnedOff?: TurnedOff;
  /** For vanished: 'portal' when the audit trail shows no admin deleted it. */
  removedBy?: 'portal';
  /** For unknown: why. */
  reason?: UnknownReason;
}

const STATE_OF: Record<RunOutcome, HealthState> = {
  succeeded: 'healthy',
  failed: 'failed',
  running: 'running',
  stalled: 'stalled',
  'no-file': 'no-file',
  unknown: 'unknown',
};

// lastBackupTime has whole seconds; events and records of the run come after it.
const SLACK_MS = 1000;
// Audit events are written asynchronously, a little after what they record.
const AUDIT_LAG_MS = 60_000;

/**
 * The outcome of the run started at `startedAt`, from evidence, in this order:
 * the audit trail (5129 failed, 5128 completed, 5127 started) where it answers;
 * a history record created at or after the start (its createdOn is the finish);
 * the progress of the last task (completed with an error); the error kept from an
 * earlier check; a task still running. With nothing, the run is young (running),
 * made no file (no-file: a failed job's progress would still be readable), or
 * out of reach (unknown, with the reason).
 */
export function judgeRun(startedAt: number, now: number, ev: Evidence, previous?: RunJudgement): RunJudgement {
  const sameRun = previous?.startedAt === startedAt ? previous : undefined;
  // A settled outcome does not change: the portal keeps no more evidence later, only less.
  if (sameRun && (sameRun.outcome === 'succeeded' || sameRun.outcome === 'failed')) return sameRun;
  const after = (t: number) => t >= startedAt - SLACK_MS;
  const age = now - startedAt;
  const events = (ev.audit?.events ?? []).filter((e) => after(e.at));
  // A record the audit trail shows a manual backup made (5125 logged just after it was saved) is not this
  // run's file, even where the trail is incomplete (a plan without audit still lists its last 20 events).
  const manualAt = events.filter((e) => e.actionId === AUDIT_ACTIONS.backupCompleted).map((e) => e.at);
  const isManual = (at: number) => manualAt.some((m) => m >= at - SLACK_MS && m <= at + AUDIT_LAG_MS);
  const records = (ev.history ?? [])
    .map((r) => ({ r, at: parseServerUtc(r.createdOn)?.getTime() }))
    .filter((x): x is { r: HistoryRecord; at: number } => x.at !== undefined && after(x.at) && !isManual(x.at))
    .sort((a, b) => a.at - b.at);
  const progressError = ev.progress?.isCompleted && ev.progress.error && ev.progress.status !== 3 ? ev.progress.error : undefined;
  const newest = (id: number) => events.filter((e) => e.actionId === id).sort((a, b) => b.at - a.at)[0];
  const failedEvent = newest(AUDIT_ACTIONS.scheduledFailed);
  const doneEvent = newest(AUDIT_ACTIONS.scheduledCompleted);
  const startedEvent = newest(AUDIT_ACTIONS.scheduledStarted);
  const running = !!ev.progress && !ev.progress.isCompleted;
  const unfinished = (): RunJudgement => ({ startedAt, outcome: age >= STALL_MS ? 'stalled' : 'running' });

  if (failedEvent && !(doneEvent && doneEvent.at > failedEvent.at)) {
    // A manual backup that failed later (5126) left its own error in the progress.
    const manualFailedLater = events.some((e) => e.actionId === AUDIT_ACTIONS.backupFailed && e.at > failedEvent.at);
    const error = (!manualFailedLater && progressError) || sameRun?.error;
    return { startedAt, outcome: 'failed', finishedAt: failedEvent.at, ...(error ? { error } : {}) };
  }
  if (doneEvent) {
    const record = [...records].sort((a, b) => Math.abs(a.at - doneEvent.at) - Math.abs(b.at - doneEvent.at))[0];
    return { startedAt, outcome: 'succeeded', finishedAt: record?.at ?? doneEvent.at, ...(record ? { fileName: record.r.fileName } : {}) };
  }
  if (ev.audit?.complete) {
    // The trail answers for this run. Started (5127): a record made after it is the job's own, even
    // if its 5128 is late (events are written asynchronously); else the job is still going.
    if (startedEvent) {
      const own = records.find((x) => x.at >= startedEvent.at - SLACK_MS);
      if (own) return { startedAt, outcome: 'succeeded', finishedAt: own.at, fileName: own.r.fileName };
      // Its 5129 may lag behind the progress that already carries the error.
      const manualFailed = events.some((e) => e.actionId === AUDIT_ACTIONS.backupFailed && e.at > startedEvent.at);
      if (progressError && !manualFailed) return { startedAt, outcome: 'failed', error: progressError };
      if (running || ev.progress === undefined) return unfinished();
      // The task ended (cancelled: status 3, 5131) or is gone (a worker restart) with no file and no error.
      if (age < GRACE_MS) return { startedAt, outcome: 'running' };
      return { startedAt, outcome: 'no-file' };
    }
    // Never started: a record or a running task now is a manual backup's. A job may wait in the
    // queue a little; past the grace, the slot was skipped.
    if (age < GRACE_MS) return { startedAt, outcome: 'running' };
    return { startedAt, outcome: 'no-file' };
  }
  const first = records[0];
  if (first) return { startedAt, outcome: 'succeeded', finishedAt: first.at, fileName: first.r.fileName };
  if (progressError) return { startedAt, outcome: 'failed', error: progressError };
  if (running) return unfinished();
  if (age < GRACE_MS) return { startedAt, outcome: 'running' };
  if (ev.progress === undefined) return { startedAt, outcome: 'unknown', reason: 'progress-unreadable' };
  // A job that ran and failed would still show its error; one that succeeded, its record.
  if (age < PROGRESS_LIFETIME_MS) return { startedAt, outcome: 'no-file' };
  // The same verdict stands once the progress has expired.
  if (sameRun?.outcome === 'no-file') return sameRun;
  return { startedAt, outcome: 'unknown', reason: 'progress-expired' };
}

export function assess(o: Observation): Assessment {
  if (!o.schedule) {
    const wasThere = !!o.previousSchedule || o.previousState === 'vanished' || o.previousState === 'turned-off';
    if (!wasThere) return { state: 'off' };
    // ScheduledBackupDeleted names the admin; the scheduler's own deletions (billing, quota,
    // a removed storage account) write no event.
    const deleted = (o.audit?.events ?? [])
      .filter((e) => e.actionId === AUDIT_ACTIONS.scheduleDeleted)
      .sort((a, b) => b.at - a.at)[0];
    if (deleted) return { state: 'turned-off', turnedOff: { at: deleted.at, ...(deleted.user ? { by: deleted.user } : {}) } };
    if (o.previousState === 'turned-off' && o.previousTurnedOff) return { state: 'turned-off', turnedOff: o.previousTurnedOff };
    return o.audit?.complete ? { state: 'vanished', removedBy: 'portal' } : { state: 'vanished' };
  }
  const cron = knownCronOf(o.schedule.cronParams);
  if (!cron) return { state: 'unknown', reason: 'bad-schedule' };

  const cutoff = new Date(o.now.getTime() - GRACE_MS);
  if (isNeverRunTime(o.schedule.lastBackupTime)) {
    // A fresh schedule: its first run is due by the next-run rule from when we first saw it.
    const since = new Date(o.neverRunSince ?? o.now.getTime());
    const first = computeNextRun({ cron, lastBackupTime: o.schedule.lastBackupTime, timeZone: o.timeZone, now: since });
    if (first.expectedBy.getTime() + GRACE_MS < o.now.getTime()) return { state: 'overdue', missedSlot: first.slot };
    return { state: 'scheduled', firstRun: first.firstRunSoon ? first.expectedBy : first.slot };
  }
  const last = parseServerUtc(o.schedule.lastBackupTime);
  if (!last) return { state: 'unknown', reason: 'bad-schedule' };
  const run = judgeRun(last.getTime(), o.now.getTime(), o, o.previousRun);
  const fromRun: Assessment = {
    state: STATE_OF[run.outcome],
    run,
    ...(run.error ? { error: run.error } : {}),
    ...(run.reason ? { reason: run.reason } : {}),
  };
  // The latest slot that should have run by now (minus the grace) must not be after the last run.
  const missed = previousSlotAtOrBefore(cron, wallClockInZone(cutoff, o.timeZone));
  const lastWall = wallClockInZone(last, o.timeZone);
  if (wallToEpochMs(missed) > wallToEpochMs(lastWall) && SEVERITY.overdue >= SEVERITY[fromRun.state]) {
    return { ...fromRun, state: 'overdue', missedSlot: instantFromWallClock(missed, o.timeZone), missedCount: countSlots(cron, lastWall, missed) };
  }
  return fromRun;
}

/** Slots after `after` up to and including `until` (portal wall-clock), at most a year's worth of daily ones. */
function countSlots(cron: Cron, after: WallTime, until: WallTime): number {
  let n = 0;
  for (let w = nextSlotAfter(cron, after); wallToEpochMs(w) <= wallToEpochMs(until) && n < 366; w = nextSlotAfter(cron, w)) n++;
  return n;
}

/** The health state a failed check stands for. */
export function stateForFailure(failure: PortalFailure): HealthState {
  switch (failure.kind) {
    case 'signed-out':
      return 'signed-out';
    case 'forbidden':
    case 'payment':
    case 'no-permission':
    case 'not-added':
      return 'no-access';
    case 'offline':
    case 'timeout':
    case 'server':
    case 'rate-limited':
      return 'unreachable';
    default:
      return 'unknown';
  }
}

