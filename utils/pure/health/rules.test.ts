import { describe, expect, it } from 'vitest';
import type { PortalFailure } from '../docspace/failure';
import type { BackupProgress, HistoryRecord, ScheduleDto } from '../docspace/schemas';
import { HOUR, NEVER, daily, monthly, schedule, weekly } from '@/tests/unit/health-schedules';
import { GRACE_MS, assess, isBad, stateForFailure, worst, type Observation } from './rules';
import { HEALTH_STATES, type HealthState } from './states';

// Every expected instant below was worked out by hand (and checked with
// `TZ=<zone> date -d <utc>`), never by calling the code under test.
// Calendar facts: 2026-03-01 and 2026-03-08 are Sundays; 2026 is not a leap year.
// Europe/Berlin: CET (UTC+1), CEST (UTC+2) from 2026-03-29 01:00Z (02:00 → 03:00 local)
//   until 2026-10-25 01:00Z (03:00 → 02:00 local).
// Asia/Kolkata: UTC+5:30 all year. America/Los_Angeles: PST (UTC-8), PDT (UTC-7) from 2026-03-08 10:00Z.

/**
 * The state (and missed slot or error) at an instant. Unless the test gives evidence, the last run
 * succeeded: the history has a record created at its lastBackupTime (these tests are about slots).
 */
function at(iso: string, s: ScheduleDto | null, timeZone: string, extra: Partial<Observation> = {}) {
  const given = 'history' in extra || 'progress' in extra || 'audit' in extra;
  const history = !given && s && !s.lastBackupTime.startsWith('0001') ? [record(s.lastBackupTime)] : undefined;
  const r = assess({ now: new Date(iso), timeZone, schedule: s, ...(history ? { history } : {}), ...extra });
  return { state: r.state, ...(r.missedSlot ? { missedSlot: r.missedSlot.toISOString() } : {}), ...(r.error ? { error: r.error } : {}) };
}
function record(createdOn: string, fileName = `docspace_${createdOn.replace(/:/g, '-')}.tar.gz`): HistoryRecord {
  return { id: `r-${createdOn}`, fileName, storageType: 0, createdOn, expiresOn: NEVER };
}

describe('GRACE_MS', () => {
  it('is one hour', () => {
    expect(GRACE_MS).toBe(HOUR);
  });
});

describe('assess: overdue edges after a slot (one hour of grace)', () => {
  describe('daily at 02:00, Europe/Berlin (CET, UTC+1)', () => {
    // Last run: Mon 2026-03-09 02:00 CET = 01:00Z. Next slot: Tue 2026-03-10 02:00 CET = 01:00Z.
    const s = daily(2, '2026-03-09T01:00:00');
    const tz = 'Europe/Berlin';

    it('is healthy between the runs and just inside the grace', () => {
      expect(at('2026-03-09T12:00:00Z', s, tz)).toEqual({ state: 'healthy' });
      expect(at('2026-03-10T01:00:00Z', s, tz)).toEqual({ state: 'healthy' }); // the slot itself
      expect(at('2026-03-10T01:59:59.999Z', s, tz)).toEqual({ state: 'healthy' }); // 59:59.999 after it
    });

    it('is overdue exactly one hour after the slot, naming the missed slot', () => {
      expect(at('2026-03-10T02:00:00Z', s, tz)).toEqual({ state: 'overdue', missedSlot: '2026-03-10T01:00:00.000Z' });
    });

    it('names the latest missed slot when several were missed', () => {
      // Thu 2026-03-12 10:00Z = 11:00 CET: slots on Tue, Wed and Thu 02:00 were missed; Thu 02:00 CET = 01:00Z.
      expect(at('2026-03-12T10:00:00Z', s, tz)).toEqual({ state: 'overdue', missedSlot: '2026-03-12T01:00:00.000Z' });
    });

    it('is healthy when the run came at a later scheduler tick (02:15)', () => {
      // Ran Tue 02:15 CET = 01:15Z; at Tue 23:00 CET the Tue slot is covered, Wed's is not due yet.
      expect(at('2026-03-10T22:00:00Z', daily(2, '2026-03-10T01:15:00'), tz)).toEqual({ state: 'healthy' });
    });

    it('reads lastBackupTime with a Z suffix (PostgreSQL) the same way', () => {
      const z = daily(2, '2026-03-09T01:00:00Z');
      expect(at('2026-03-10T01:59:59Z', z, tz)).toEqual({ state: 'healthy' });
      expect(at('2026-03-10T02:00:00Z', z, tz).state).toBe('overdue');
    });
  });

  describe('weekly, Quartz day 1 = Sunday, Asia/Kolkata (UTC+5:30)', () => {
    // Day 1, 05:00 IST. Last run: Sun 2026-03-01 05:00 IST = Sat 2026-02-28 23:30Z.
    // Next slot: Sun 2026-03-08 05:00 IST = Sat 2026-03-07 23:30Z; overdue from Sun 00:30Z.
    const s = weekly(1, 5, '2026-02-28T23:30:00');
    const tz = 'Asia/Kolkata';

    it('is healthy during the week and just inside the grace', () => {
      expect(at('2026-03-04T12:00:00Z', s, tz)).toEqual({ state: 'healthy' });
      expect(at('2026-03-08T00:29:59Z', s, tz)).toEqual({ state: 'healthy' });
    });

    it('is overdue from one hour after Sunday 05:00 IST (which is Saturday in UTC)', () => {
      expect(at('2026-03-08T00:30:00Z', s, tz)).toEqual({ state: 'overdue', missedSlot: '2026-03-07T23:30:00.000Z' });
    });

    it('takes day 7 as Saturday', () => {
      // Day 7 at 05:00 IST. Last run Sat 2026-02-28 05:00 IST = Fri 2026-02-27 23:30Z; next Sat 2026-03-07 05:00 IST = Fri 23:30Z.
      const sat = weekly(7, 5, '2026-02-27T23:30:00');
      expect(at('2026-03-07T00:29:59Z', sat, tz)).toEqual({ state: 'healthy' });
      expect(at('2026-03-07T00:30:00Z', sat, tz)).toEqual({ state: 'overdue', missedSlot: '2026-03-06T23:30:00.000Z' });
    });

    it('takes day 2 as Monday, not Sunday', () => {
      // Same last run, but day 2: the next slot is Mon 2026-03-02 05:00 IST = Sun 2026-03-01 23:30Z,
      // so on Sun 2026-03-08 00:30Z it has long been missed (that Monday), and not the Sunday.
      const mon = weekly(2, 5, '2026-02-28T23:30:00');
      expect(at('2026-03-02T00:29:59Z', mon, tz)).toEqual({ state: 'healthy' });
      expect(at('2026-03-08T00:30:00Z', mon, tz)).toEqual({ state: 'overdue', missedSlot: '2026-03-01T23:30:00.000Z' });
    });
  });

  describe('monthly, America/Los_Angeles', () => {
    const tz = 'America/Los_Angeles';

    it('day 15 at 09:00: healthy just inside the grace, overdue just past it', () => {
      // Last run Sun 2026-02-15 09:00 PST = 17:00Z. Next: 2026-03-15 09:00 PDT = 16:00Z (DST began Mar 8).
      const s = monthly(15, 9, '2026-02-15T17:00:00');
      expect(at('2026-03-15T16:59:59Z', s, tz)).toEqual({ state: 'healthy' });
      expect(at('2026-03-15T17:00:00Z', s, tz)).toEqual({ state: 'overdue', missedSlot: '2026-03-15T16:00:00.000Z' });
    });

    it('day 31: not overdue during a 30-day month', () => {
      // Last run Tue 2026-03-31 22:00 PDT = 2026-04-01 05:00Z. April has no 31st: no slot until May 31.
      const s = monthly(31, 22, '2026-04-01T05:00:00');
      expect(at('2026-04-15T12:00:00Z', s, tz)).toEqual({ state: 'healthy' });
      // Thu 2026-04-30 23:00 PDT = 2026-05-01 06:00Z: one hour after where a clamped "Apr 30 22:00" would be.
      expect(at('2026-05-01T06:00:00Z', s, tz)).toEqual({ state: 'healthy' });
      expect(at('2026-05-20T12:00:00Z', s, tz)).toEqual({ state: 'healthy' });
      // Sun 2026-05-31 22:00 PDT = 2026-06-01 05:00Z.
      expect(at('2026-06-01T05:59:59Z', s, tz)).toEqual({ state: 'healthy' });
      expect(at('2026-06-01T06:00:00Z', s, tz)).toEqual({ state: 'overdue', missedSlot: '2026-06-01T05:00:00.000Z' });
    });

    it('day 31: not overdue through February, overdue after March 31 (across the DST change)', () => {
      // Last run Sat 2026-01-31 22:00 PST = 2026-02-01 06:00Z.
      const s = monthly(31, 22, '2026-02-01T06:00:00');
      // Sat 2026-02-28 23:00 PST = 2026-03-01 07:00Z: a clamped "Feb 28 22:00" would be overdue here.
      expect(at('2026-03-01T07:00:00Z', s, tz)).toEqual({ state: 'healthy' });
      expect(at('2026-03-20T12:00:00Z', s, tz)).toEqual({ state: 'healthy' });
      // Tue 2026-03-31 22:00 PDT = 2026-04-01 05:00Z.
      expect(at('2026-04-01T05:59:59Z', s, tz)).toEqual({ state: 'healthy' });
      expect(at('2026-04-01T06:00:00Z', s, tz)).toEqual({ state: 'overdue', missedSlot: '2026-04-01T05:00:00.000Z' });
    });

    it('day 30: February is skipped too', () => {
      // Last run Fri 2026-01-30 22:00 PST = 2026-01-31 06:00Z; next Mon 2026-03-30 22:00 PDT = 2026-03-31 05:00Z.
      const s = monthly(30, 22, '2026-01-31T06:00:00');
      expect(at('2026-03-01T12:00:00Z', s, tz)).toEqual({ state: 'healthy' });
      expect(at('2026-03-31T05:59:59Z', s, tz)).toEqual({ state: 'healthy' });
      expect(at('2026-03-31T06:00:00Z', s, tz)).toEqual({ state: 'overdue', missedSlot: '2026-03-31T05:00:00.000Z' });
    });
  });

  describe('Europe/Berlin on DST change days', () => {
    const tz = 'Europe/Berlin';

    it('spring forward (Sun 2026-03-29): a 04:00 slot is at 02:00Z, one hour earlier in UTC than the day before', () => {
      // Last run Sat 2026-03-28 04:00 CET = 03:00Z. Next: Sun 04:00 CEST = 02:00Z; overdue from 03:00Z.
      const s = daily(4, '2026-03-28T03:00:00');
      expect(at('2026-03-29T02:59:59Z', s, tz)).toEqual({ state: 'healthy' });
      expect(at('2026-03-29T03:00:00Z', s, tz)).toEqual({ state: 'overdue', missedSlot: '2026-03-29T02:00:00.000Z' });
    });

    it('spring forward: a 02:00 slot falls in the gap and fires at 03:00 CEST (01:00Z)', () => {
      // Last run Sat 2026-03-28 02:00 CET = 01:00Z. On Sunday the wall clock jumps 02:00 → 03:00 at 01:00Z,
      // so the slot is due at 01:00Z; overdue from 02:00Z.
      const s = daily(2, '2026-03-28T01:00:00');
      expect(at('2026-03-29T01:59:59Z', s, tz)).toEqual({ state: 'healthy' });
      expect(at('2026-03-29T02:00:00Z', s, tz)).toEqual({ state: 'overdue', missedSlot: '2026-03-29T01:00:00.000Z' });
      // It ran at the 01:00Z tick (wall 03:00 CEST): healthy the whole day.
      expect(at('2026-03-29T20:00:00Z', daily(2, '2026-03-29T01:00:00'), tz)).toEqual({ state: 'healthy' });
    });

    it('fall back (Sun 2026-10-25): a 02:00 slot is the first 02:00 (CEST, 00:00Z); the repeated hour is not a second slot', () => {
      // Last run Sat 2026-10-24 02:00 CEST = 00:00Z. Sunday 02:00 first occurs at 00:00Z; overdue from 01:00Z.
      const s = daily(2, '2026-10-24T00:00:00');
      expect(at('2026-10-25T00:59:59Z', s, tz)).toEqual({ state: 'healthy' });
      expect(at('2026-10-25T01:00:00Z', s, tz)).toEqual({ state: 'overdue', missedSlot: '2026-10-25T00:00:00.000Z' });
      // Ran at 00:00Z: at 02:00Z (one hour after the repeated 02:00 CET) it is still healthy.
      expect(at('2026-10-25T02:00:00Z', daily(2, '2026-10-25T00:00:00'), tz)).toEqual({ state: 'healthy' });
    });
  });
});

describe('assess: a schedule that never ran', () => {
  const tz = 'Europe/Berlin';
  const s = daily(2, NEVER);

  it('first seen after today\'s slot: due at the next tick (15 min), overdue only after that plus the grace', () => {
    // First seen Tue 2026-03-10 11:00 CET = 10:00Z. The server reads "never" as 2026-03-09 23:59:59,
    // so the 2026-03-10 02:00 slot is already due: expected by 10:15Z; overdue only after 11:15Z.
    const since = Date.parse('2026-03-10T10:00:00Z');
    expect(at('2026-03-10T10:30:00Z', s, tz, { neverRunSince: since })).toEqual({ state: 'scheduled' });
    expect(at('2026-03-10T11:15:00Z', s, tz, { neverRunSince: since })).toEqual({ state: 'scheduled' });
    expect(at('2026-03-10T11:15:01Z', s, tz, { neverRunSince: since })).toEqual({ state: 'overdue', missedSlot: '2026-03-10T10:00:00.000Z' });
    expect(at('2026-03-14T08:00:00Z', s, tz, { neverRunSince: since })).toEqual({ state: 'overdue', missedSlot: '2026-03-10T10:00:00.000Z' });
  });

  it("first seen before today's slot: expected by the slot's tick, overdue after that plus the grace", () => {
    // First seen Tue 2026-03-10 01:00 CET = 00:00Z: the first run is 02:00 CET = 01:00Z, expected by 01:15Z.
    const since = Date.parse('2026-03-10T00:00:00Z');
    expect(at('2026-03-10T02:15:00Z', s, tz, { neverRunSince: since })).toEqual({ state: 'scheduled' });
    expect(at('2026-03-10T02:15:01Z', s, tz, { neverRunSince: since })).toEqual({ state: 'overdue', missedSlot: '2026-03-10T01:00:00.000Z' });
  });

  it('a weekly schedule first seen days before its day is scheduled until its first slot', () => {
    // Day 2 (Monday) at 05:00, Kolkata. First seen Wed 2026-03-04 12:00Z. The server's reference is
    // 2026-03-03 23:59:59 (read as IST), so the first slot is Mon 2026-03-09 05:00 IST = Sun 2026-03-08 23:30Z,
    // expected by 23:45Z, overdue after Mon 2026-03-09 00:45Z.
    const w = weekly(2, 5, NEVER);
    const since = Date.parse('2026-03-04T12:00:00Z');
    expect(at('2026-03-08T12:00:00Z', w, 'Asia/Kolkata', { neverRunSince: since })).toEqual({ state: 'scheduled' });
    expect(at('2026-03-09T00:45:00Z', w, 'Asia/Kolkata', { neverRunSince: since })).toEqual({ state: 'scheduled' });
    expect(at('2026-03-09T00:45:01Z', w, 'Asia/Kolkata', { neverRunSince: since })).toEqual({
      state: 'overdue',
      missedSlot: '2026-03-08T23:30:00.000Z',
    });
  });

  it('without neverRunSince the clock starts now: scheduled', () => {
    expect(at('2026-03-14T08:00:00Z', s, tz)).toEqual({ state: 'scheduled' });
  });
});

describe('assess: failed, off, vanished, unknown', () => {
  const tz = 'Europe/Berlin';
  const s = daily(2, '2026-03-10T01:00:00');
  const now = '2026-03-10T12:00:00Z'; // healthy by the schedule alone
  const progress = (p: Partial<BackupProgress>): BackupProgress => ({ isCompleted: true, progress: 100, ...p });

  it('a completed task with an error is a failed run, with the message', () => {
    expect(at(now, s, tz, { progress: progress({ error: 'Disk full' }) })).toEqual({ state: 'failed', error: 'Disk full' });
  });

  it('a failed run wins over an overdue schedule', () => {
    expect(at('2026-03-12T12:00:00Z', s, tz, { progress: progress({ error: 'Disk full' }) }).state).toBe('failed');
  });

  it('a completed task without an error, a running task, or no progress is not a failure', () => {
    const history = [record('2026-03-10T01:05:00')];
    expect(at(now, s, tz, { history, progress: progress({}) }).state).toBe('healthy');
    expect(at(now, s, tz, { history, progress: progress({ error: null }) }).state).toBe('healthy');
    expect(at(now, s, tz, { history, progress: progress({ error: '' }) }).state).toBe('healthy');
    expect(at(now, s, tz, { history, progress: progress({ isCompleted: false, progress: 40, error: 'transient' }) }).state).toBe('healthy');
    expect(at(now, s, tz, { history, progress: null }).state).toBe('healthy');
    // Without a record: not a failure either, but no file (no-file) or still going (stalled after 11 h).
    expect(at(now, s, tz, { history: [], progress: progress({ error: '' }) }).state).toBe('no-file');
    expect(at(now, s, tz, { history: [], progress: progress({ isCompleted: false, progress: 40, error: 'transient' }) }).state).toBe('stalled');
  });

  it('no schedule and none before: off', () => {
    expect(at(now, null, tz)).toEqual({ state: 'off' });
    expect(at(now, null, tz, { previousSchedule: null })).toEqual({ state: 'off' });
    expect(at(now, null, tz, { previousSchedule: null, previousState: 'off' })).toEqual({ state: 'off' });
    expect(at(now, null, tz, { previousState: 'healthy' })).toEqual({ state: 'off' }); // previous unreadable
  });

  it('a failed task does not matter while there is no schedule', () => {
    expect(at(now, null, tz, { progress: progress({ error: 'Disk full' }) })).toEqual({ state: 'off' });
  });

  it('there at the last check, gone now: vanished', () => {
    expect(at(now, null, tz, { previousSchedule: s, previousState: 'healthy' })).toEqual({ state: 'vanished' });
    expect(at(now, null, tz, { previousSchedule: s })).toEqual({ state: 'vanished' });
  });

  it('stays vanished on later checks while the previous state is vanished', () => {
    expect(at(now, null, tz, { previousSchedule: null, previousState: 'vanished' })).toEqual({ state: 'vanished' });
    expect(at(now, null, tz, { previousState: 'vanished' })).toEqual({ state: 'vanished' });
  });

  it('a schedule that is back is assessed normally again', () => {
    expect(at(now, s, tz, { previousSchedule: null, previousState: 'vanished' })).toEqual({ state: 'healthy' });
  });

  it('an unknown period or an unreadable lastBackupTime: unknown', () => {
    expect(at(now, schedule(3, 2, 0, '2026-03-10T01:00:00'), tz)).toEqual({ state: 'unknown' });
    expect(at(now, daily(2, 'yesterday'), tz)).toEqual({ state: 'unknown' });
  });
});

describe('worst', () => {
  // Worst first, as the badge should rank them.
  const ORDER: HealthState[] = [
    'vanished',
    'failed',
    'stalled',
    'overdue',
    'no-file',
    'signed-out',
    'no-access',
    'unreachable',
    'unknown',
    'turned-off',
    'off',
    'running',
    'scheduled',
    'healthy',
  ];

  it('ranks every state (the list covers them all)', () => {
    expect([...ORDER].sort()).toEqual([...HEALTH_STATES].sort());
  });

  it('picks the worse of any two, in either order', () => {
    for (let i = 0; i < ORDER.length; i++) {
      for (let j = i + 1; j < ORDER.length; j++) {
        expect(worst([ORDER[i]!, ORDER[j]!])).toBe(ORDER[i]);
        expect(worst([ORDER[j]!, ORDER[i]!])).toBe(ORDER[i]);
      }
    }
  });

  it('handles empty, single and repeated lists', () => {
    expect(worst([])).toBeNull();
    expect(worst(['off'])).toBe('off');
    expect(worst(['healthy', 'healthy'])).toBe('healthy');
    expect(worst(['healthy', 'unreachable', 'off', 'overdue', 'healthy'])).toBe('overdue');
    expect(worst(['running', 'scheduled', 'healthy'])).toBe('running');
  });

  it('isBad: unreachable and worse', () => {
    expect(HEALTH_STATES.filter(isBad).sort()).toEqual(['failed', 'no-access', 'no-file', 'overdue', 'signed-out', 'stalled', 'unreachable', 'vanished']);
  });
});

describe('stateForFailure', () => {
  it.each<[PortalFailure, HealthState]>([
    [{ kind: 'signed-out' }, 'signed-out'],
    [{ kind: 'forbidden' }, 'no-access'],
    [{ kind: 'payment', message: 'No backups on this plan' }, 'no-access'],
    [{ kind: 'no-permission' }, 'no-access'],
    [{ kind: 'not-added' }, 'no-access'],
    [{ kind: 'offline' }, 'unreachable'],
    [{ kind: 'timeout', seconds: 10 }, 'unreachable'],
    [{ kind: 'server', status: 500 }, 'unreachable'],
    [{ kind: 'server', status: 502, html: true }, 'unreachable'],
    [{ kind: 'rate-limited', retryAfterSec: 30 }, 'unreachable'],
    [{ kind: 'not-found' }, 'unknown'],
    [{ kind: 'rejected', status: 400, message: 'Bad request' }, 'unknown'],
    [{ kind: 'unexpected', details: 'HTTP 200 with a body that is not JSON' }, 'unknown'],
    [{ kind: 'internal', message: 'boom' }, 'unknown'],
  ])('%o → %s', (failure, state) => {
    expect(stateForFailure(failure)).toBe(state);
  });
});
