// When will the server run a backup schedule? A re-implementation of
// Schedule.IsToBeProcessedAsync + CronExpression.GetTimeAfter
// (server-api.md §5.5, §6): the cron runs on portal wall-clock numbers and a
// run starts at the first 15-minute scheduler tick at which it is due.

import type { Cron } from '../schedule/cron';
import {
  type WallTime,
  epochMsToWall,
  instantFromWallClock,
  isNeverRunTime,
  parseServerUtc,
  wallClockInZone,
  wallToEpochMs,
} from './time-zone';

/** backup.Scheduler.Period in the shipped config */
export const SCHEDULER_TICK_MS = 15 * 60_000;

const DAY_MS = 86_400_000;
// Monthly day 29-31 can skip at most two months; this bounds every search.
const MAX_SEARCH_DAYS = 400;

function isIntIn(n: number, min: number, max: number): boolean {
  return Number.isInteger(n) && n >= min && n <= max;
}

/** Throws RangeError for what the server's cron parser rejects (with its wording). */
export function assertValidCron(cron: Cron): void {
  if (!isIntIn(cron.period, 0, 2)) throw new RangeError(`Unknown period: ${cron.period}`);
  if (!isIntIn(cron.hour, 0, 23)) throw new RangeError('Hour values must be between 0 and 23');
  if (cron.period === 1 && !isIntIn(cron.day, 1, 7)) {
    throw new RangeError('Day-of-Week values must be between 1 and 7');
  }
  if (cron.period === 2 && !isIntIn(cron.day, 1, 31)) {
    throw new RangeError('Day of month values must be between 1 and 31');
  }
}

function runsOn(cron: Cron, date: WallTime): boolean {
  if (cron.period === 1) return new Date(wallToEpochMs(date)).getUTCDay() + 1 === cron.day;
  // Only months that have the day match: no clamping to the month's end.
  if (cron.period === 2) return date.day === cron.day;
  return true;
}

/** Search day by day from `from`'s date; `step` is +1 or -1. */
function findSlot(cron: Cron, from: WallTime, step: 1 | -1, sameDayOk: (hour: number) => boolean): WallTime {
  assertValidCron(cron);
  const midnight = wallToEpochMs({ ...from, hour: 0, minute: 0, second: 0 });
  for (let i = 0; i <= MAX_SEARCH_DAYS; i++) {
    const date = epochMsToWall(midnight + step * i * DAY_MS);
    if (runsOn(cron, date) && (i > 0 || sameDayOk(cron.hour))) {
      return { ...date, hour: cron.hour, minute: 0, second: 0 };
    }
  }
  throw new Error('unreachable: no cron slot within a year');
}

function normalize(w: WallTime): WallTime {
  return epochMsToWall(wallToEpochMs(w));
}

/** The first slot strictly after `after` (both portal wall-clock). */
export function nextSlotAfter(cron: Cron, after: WallTime): WallTime {
  const a = normalize(after);
  // A slot is at HH:00:00, so on the same day it is later only if its hour is.
  return findSlot(cron, a, 1, (hour) => hour > a.hour);
}

/** The latest slot at or before `at` (both portal wall-clock). */
export function previousSlotAtOrBefore(cron: Cron, at: WallTime): WallTime {
  const a = normalize(at);
  return findSlot(cron, a, -1, (hour) => hour <= a.hour);
}

export interface NextRun {
  /** When the server should trigger the backup (for a due one: now). */
  slot: Date;
  /** Latest expected trigger time: the first scheduler tick at or after `slot` comes within 15 minutes. */
  expectedBy: Date;
  /** Never run, and already due: saving the schedule makes it run at the next tick. */
  firstRunSoon: boolean;
  /** Has run before, but its next slot is now or past: the server runs it at the next tick. */
  overdue: boolean;
}

/**
 * The server's view of when a schedule runs next.
 *
 * - `last` is lastBackupTime in portal wall-clock. For a never-run schedule
 *   it is the UTC date of `now` at 00:00:00 minus one second, read as portal
 *   wall-clock (the server's quirk, §6.3): in zones ahead of UTC, just after
 *   local midnight, that is two local days back; behind UTC, late in the
 *   evening, it is already "today" 23:59:59.
 * - next = first slot after last. If next <= now (wall-clock, as the server
 *   compares), the run is due: slot = now, expectedBy = now + 15 min, and
 *   `firstRunSoon` (never run) or `overdue` (has run) says why.
 * - Otherwise slot = the instant the portal clock first reaches next: after
 *   a spring-forward gap if next is in it, the earlier of two instants on a
 *   fall-back night unless that one is already past.
 *
 * Throws RangeError for an invalid cron, zone or unparsable lastBackupTime.
 */
export function computeNextRun(input: {
  cron: Cron;
  lastBackupTime: string;
  timeZone: string;
  now: Date;
}): NextRun {
  const { cron, lastBackupTime, timeZone, now } = input;
  const neverRun = isNeverRunTime(lastBackupTime);
  let last: WallTime;
  if (neverRun) {
    const utcMidnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    last = epochMsToWall(utcMidnight - 1000);
  } else {
    const lastUtc = parseServerUtc(lastBackupTime);
    if (!lastUtc) throw new RangeError(`Unrecognised lastBackupTime: ${JSON.stringify(lastBackupTime)}`);
    last = wallClockInZone(lastUtc, timeZone);
  }

  const next = nextSlotAfter(cron, last);
  // .NET compares ticks, but `next` is a whole second, so dropping now's
  // milliseconds cannot change the outcome.
  if (wallToEpochMs(next) <= wallToEpochMs(wallClockInZone(now, timeZone))) {
    return {
      slot: new Date(now.getTime()),
      expectedBy: new Date(now.getTime() + SCHEDULER_TICK_MS),
      firstRunSoon: neverRun,
      overdue: !neverRun,
    };
  }

  let slot = instantFromWallClock(next, timeZone);
  // The wall clock is still before `next` now, yet its earlier occurrence is
  // past: we are inside a repeated fall-back interval, so it is the later one.
  if (slot.getTime() < now.getTime()) slot = instantFromWallClock(next, timeZone, { ambiguous: 'later' });
  return {
    slot,
    expectedBy: new Date(slot.getTime() + SCHEDULER_TICK_MS),
    firstRunSoon: false,
    overdue: false,
  };
}
