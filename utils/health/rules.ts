import { computeNextRun, previousSlotAtOrBefore, type CronParams } from '../docspace/next-run';
import type { PortalFailure } from '../docspace/failure';
import type { BackupProgress, ScheduleDto } from '../docspace/schemas';
import { instantFromWallClock, isNeverRunTime, parseServerUtc, wallClockInZone, wallToEpochMs } from '../docspace/time-zone';

export const HEALTH_STATES = [
  'healthy',
  'off',
  'overdue',
  'failed',
  'vanished',
  'signed-out',
  'no-access',
  'unreachable',
  'unknown',
] as const;
export type HealthState = (typeof HEALTH_STATES)[number];

/** Worst first: the badge shows the worst portal when the tab is not a portal. */
const SEVERITY: Record<HealthState, number> = {
  vanished: 8,
  failed: 7,
  overdue: 6,
  'signed-out': 5,
  'no-access': 4,
  unreachable: 3,
  off: 2,
  unknown: 1,
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
 */
export const GRACE_MS = 60 * 60_000;

export interface Observation {
  now: Date;
  timeZone: string;
  schedule: ScheduleDto | null;
  /** The last task's progress, when read: a completed task with an error is a failed run. */
  progress?: BackupProgress | null;
  /** The schedule seen at the previous check (null: off; undefined: never checked or unreadable). */
  previousSchedule?: ScheduleDto | null;
  previousState?: HealthState;
  /** When a never-run schedule was first seen (its clock starts then). */
  neverRunSince?: number;
}

export interface Assessment {
  state: HealthState;
  /** For overdue: the slot whose backup is missing. */
  missedSlot?: Date;
  /** For failed: the portal's message. */
  error?: string;
}

function cronOf(schedule: ScheduleDto): CronParams | null {
  const { period, hour, day } = schedule.cronParams;
  if (period !== 0 && period !== 1 && period !== 2) return null;
  return { period, hour, day: day ?? 0 };
}

export function assess(o: Observation): Assessment {
  if (!o.schedule) {
    // It was there at the last check and now it is gone: the cloud scheduler
    // deletes schedules on billing failures without a word in the portal.
    if (o.previousSchedule || o.previousState === 'vanished') return { state: 'vanished' };
    return { state: 'off' };
  }
  if (o.progress?.isCompleted && o.progress.error) return { state: 'failed', error: o.progress.error };
  const cron = cronOf(o.schedule);
  if (!cron) return { state: 'unknown' };

  const cutoff = new Date(o.now.getTime() - GRACE_MS);
  if (isNeverRunTime(o.schedule.lastBackupTime)) {
    // A fresh schedule: its first run is due by the next-run rule from when we first saw it.
    const since = new Date(o.neverRunSince ?? o.now.getTime());
    const first = computeNextRun({ cron, lastBackupTime: o.schedule.lastBackupTime, timeZone: o.timeZone, now: since });
    return first.expectedBy.getTime() + GRACE_MS < o.now.getTime() ? { state: 'overdue', missedSlot: first.slot } : { state: 'healthy' };
  }
  const last = parseServerUtc(o.schedule.lastBackupTime);
  if (!last) return { state: 'unknown' };
  // The latest slot that should have run by now (minus the grace) must not be after the last backup.
  const missed = previousSlotAtOrBefore(cron, wallClockInZone(cutoff, o.timeZone));
  const lastWall = wallToEpochMs(wallClockInZone(last, o.timeZone));
  if (wallToEpochMs(missed) > lastWall) {
    return { state: 'overdue', missedSlot: instantFromWallClock(missed, o.timeZone) };
  }
  return { state: 'healthy' };
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
