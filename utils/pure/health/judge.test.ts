import { describe, expect, it } from 'vitest';
import type { BackupProgress, HistoryRecord, ScheduleDto } from '../docspace/schemas';
import { HOUR, NEVER, daily, monthly, schedule, weekly } from '@/tests/unit/health-schedules';
import { GRACE_MS, PROGRESS_LIFETIME_MS, STALL_MS, assess, judgeRun, type AuditEvidence, type Evidence, type Observation } from './rules';

// Judging the outcome of each scheduled run from evidence (issue #9). Instants worked out by hand:
// Europe/Berlin CET (UTC+1) until 2026-03-29 01:00Z, CEST (UTC+2) until 2026-10-25 01:00Z.
// Asia/Kolkata UTC+5:30. America/Los_Angeles PST (UTC-8), PDT (UTC-7) from 2026-03-08 10:00Z.
// Quartz weekday: 1 = Sunday. 2026-03-01 is a Sunday.

const MIN = 60_000;
const record = (createdOn: string, fileName = `docspace_${createdOn}.tar.gz`): HistoryRecord => ({ id: `id-${createdOn}`, fileName, storageType: 0, createdOn, expiresOn: NEVER });
const progress = (p: Partial<BackupProgress>): BackupProgress => ({ isCompleted: true, progress: 100, error: '', status: 2, ...p });
const event = (actionId: number, iso: string, user?: string): AuditEvidence => ({ actionId, at: Date.parse(iso), ...(user ? { user } : {}) });
const audit = (events: AuditEvidence[], complete = true): Evidence['audit'] => ({ events, complete });

function at(iso: string, s: ScheduleDto | null, timeZone: string, extra: Partial<Observation> = {}) {
  return assess({ now: new Date(iso), timeZone, schedule: s, ...extra });
}
const ms = (iso: string) => Date.parse(iso);

describe('succeeded: a history record created at or after the run started', () => {
  // Daily 02:00 Kolkata = 20:30Z the day before. Ran 2026-03-09T20:30:00 (lastBackupTime, UTC, no suffix).
  const s = daily(2, '2026-03-09T20:30:00');
  const tz = 'Asia/Kolkata';

  it('shows the file and when it was made (createdOn is the finish)', () => {
    const r = at('2026-03-10T06:00:00Z', s, tz, { history: [record('2026-03-08T20:31:00'), record('2026-03-09T20:42:10', 'docspace_2026-03-10_02-00-00.tar.gz')], progress: null });
    expect(r.state).toBe('healthy');
    expect(r.run).toEqual({ startedAt: ms('2026-03-09T20:30:00Z'), outcome: 'succeeded', finishedAt: ms('2026-03-09T20:42:10Z'), fileName: 'docspace_2026-03-10_02-00-00.tar.gz' });
  });

  it('a record made at the very second the run started counts; one a second before it does not', () => {
    expect(at('2026-03-10T06:00:00Z', s, tz, { history: [record('2026-03-09T20:30:00')], progress: null }).state).toBe('healthy');
    expect(at('2026-03-10T06:00:00Z', s, tz, { history: [record('2026-03-09T20:29:58')], progress: null }).state).toBe('no-file');
  });

  it('reads createdOn with a Z (PostgreSQL) the same way', () => {
    expect(at('2026-03-10T06:00:00Z', s, tz, { history: [record('2026-03-09T20:45:00Z')], progress: null }).run?.outcome).toBe('succeeded');
  });

  it('with the audit trail: 5128 after the start, the file is the record nearest to it', () => {
    const r = at('2026-03-10T06:00:00Z', s, tz, {
      history: [record('2026-03-09T20:44:00', 'scheduled.tar.gz'), record('2026-03-10T03:00:00', 'manual.tar.gz')],
      progress: progress({}),
      audit: audit([event(5127, '2026-03-09T20:30:01Z'), event(5128, '2026-03-09T20:44:00Z'), event(5125, '2026-03-10T03:00:00Z')]),
    });
    expect(r.state).toBe('healthy');
    expect(r.run?.fileName).toBe('scheduled.tar.gz');
  });
});

describe('failed', () => {
  // Weekly, day 1 (Sunday) 05:00 Kolkata: Sun 2026-03-08 05:00 IST = Sat 2026-03-07 23:30Z.
  const tz = 'Asia/Kolkata';
  const s = weekly(1, 5, '2026-03-07T23:30:00');

  it('progress completed with an error (status 2): failed, with the portal\'s text', () => {
    const r = at('2026-03-08T02:00:00Z', s, tz, { history: [], progress: progress({ error: 'The folder was not found.', progress: 10 }) });
    expect(r).toMatchObject({ state: 'failed', error: 'The folder was not found.' });
  });

  it('25 hours later the progress is gone: the audit event 5129 still says failed', () => {
    const r = at('2026-03-09T00:30:00Z', s, tz, { history: [], progress: null, audit: audit([event(5127, '2026-03-07T23:30:00Z'), event(5129, '2026-03-07T23:30:05Z')]) });
    expect(r.state).toBe('failed');
    expect(r.run).toEqual({ startedAt: ms('2026-03-07T23:30:00Z'), outcome: 'failed', finishedAt: ms('2026-03-07T23:30:05Z') });
  });

  it('a failure seen once keeps its error after the progress expired, even without audit', () => {
    const seen = at('2026-03-08T01:00:00Z', s, tz, { history: [], progress: progress({ error: 'S3: access denied' }) });
    const later = at('2026-03-09T06:00:00Z', s, tz, { history: [], progress: null, previousRun: seen.run });
    expect(later).toMatchObject({ state: 'failed', error: 'S3: access denied' });
  });

  it('5129 with a plan that ignores the audit filter still counts (it is there)', () => {
    expect(at('2026-03-09T06:00:00Z', s, tz, { history: [], progress: null, audit: audit([event(5129, '2026-03-07T23:31:00Z'), event(5001, '2026-03-08T10:00:00Z')], false) }).state).toBe('failed');
  });

  it('a 5129 from an earlier run does not fail this one', () => {
    const r = at('2026-03-08T06:00:00Z', s, tz, { history: [record('2026-03-07T23:40:00')], progress: null, audit: audit([event(5129, '2026-02-28T23:30:05Z'), event(5127, '2026-03-07T23:30:01Z'), event(5128, '2026-03-07T23:40:00Z')]) });
    expect(r.state).toBe('healthy');
  });

  it('a manual backup that failed after the run keeps its error out of the run\'s outcome', () => {
    const r = at('2026-03-08T06:00:00Z', s, tz, {
      history: [],
      progress: progress({ error: 'manual: disk full' }),
      audit: audit([event(5127, '2026-03-07T23:30:01Z'), event(5129, '2026-03-07T23:30:05Z'), event(5126, '2026-03-08T03:00:00Z')]),
    });
    expect(r.state).toBe('failed');
    expect(r.error).toBeUndefined();
  });

  it('a run that failed, then a manual backup that succeeded: the manual file does not make the run a success', () => {
    const after = { history: [record('2026-03-08T03:00:00', 'manual.tar.gz')], progress: progress({}) };
    // With the audit trail: 5129 for the run, 5125 for the manual copy.
    const trail = audit([event(5127, '2026-03-07T23:30:01Z'), event(5129, '2026-03-07T23:30:05Z'), event(5125, '2026-03-08T03:00:00Z')]);
    expect(at('2026-03-08T06:00:00Z', s, tz, { ...after, audit: trail }).state).toBe('failed');
    // Without it: the failure seen by an earlier check stands.
    const seen = at('2026-03-08T01:00:00Z', s, tz, { history: [], progress: progress({ error: 'Room deleted' }) });
    expect(at('2026-03-08T06:00:00Z', s, tz, { ...after, previousRun: seen.run })).toMatchObject({ state: 'failed', error: 'Room deleted' });
  });

  it('a cancelled task (status 3, completed, no error) is no failure and no success', () => {
    expect(at('2026-03-08T06:00:00Z', s, tz, { history: [], progress: progress({ status: 3, progress: 30 }) }).state).toBe('no-file');
  });

  it('a failed run wins over a later missed slot', () => {
    // A week and a day later: the 2026-03-14T23:30Z slot was missed too, but the failure is worse.
    expect(at('2026-03-16T06:00:00Z', s, tz, { history: [], progress: progress({ error: 'boom' }) }).state).toBe('failed');
  });
});

describe('running and stalled', () => {
  // Daily 02:00 Berlin on the spring-forward day: 02:00 does not exist; it fires at 03:00 CEST = 01:00Z.
  const tz = 'Europe/Berlin';
  const s = daily(2, '2026-03-29T01:00:00');
  const started = ms('2026-03-29T01:00:00Z');

  it('no evidence yet, within the grace: running', () => {
    expect(at('2026-03-29T01:20:00Z', s, tz, { history: [], progress: null }).state).toBe('running');
    expect(assess({ now: new Date(started + GRACE_MS - 1), timeZone: tz, schedule: s, history: [], progress: null }).state).toBe('running');
  });

  it('progress not completed: running until six hours, then stalled', () => {
    const p = { history: [], progress: progress({ isCompleted: false, progress: 40, status: 1 }) };
    expect(assess({ now: new Date(started + STALL_MS - 1), timeZone: tz, schedule: s, ...p }).state).toBe('running');
    expect(assess({ now: new Date(started + STALL_MS), timeZone: tz, schedule: s, ...p }).state).toBe('stalled');
  });

  it('audit 5127 and a task left "Running" (a worker that died mid-run): running, then stalled', () => {
    const a = { history: [], progress: progress({ isCompleted: false, progress: 40, status: 1 }), audit: audit([event(5127, '2026-03-29T01:00:02Z')]) };
    expect(at('2026-03-29T03:00:00Z', s, tz, a).state).toBe('running');
    expect(at('2026-03-29T07:00:00Z', s, tz, a).state).toBe('stalled');
  });

  it('audit 5127, and the progress already has the error before its 5129 is written: failed, with the text', () => {
    const r = at('2026-03-29T01:10:00Z', s, tz, { history: [], progress: progress({ error: 'S3: access denied' }), audit: audit([event(5127, '2026-03-29T01:00:02Z')]) });
    expect(r).toMatchObject({ state: 'failed', error: 'S3: access denied' });
  });

  it('audit 5127, then the task was cancelled (status 3) or is gone: no file once the grace is over, never "running" for hours', () => {
    const started = audit([event(5127, '2026-03-29T01:00:02Z')]);
    const cancelled = { history: [], progress: progress({ status: 3, progress: 30 }), audit: started };
    expect(at('2026-03-29T01:30:00Z', s, tz, cancelled).state).toBe('running');
    expect(at('2026-03-29T03:00:00Z', s, tz, cancelled).state).toBe('no-file');
    expect(at('2026-03-29T08:00:00Z', s, tz, { history: [], progress: null, audit: started }).state).toBe('no-file');
  });
});

describe('not started (overdue): the slot, its tick and the grace passed and lastBackupTime did not move', () => {
  it('monthly day 31, Los Angeles: April has none; May 31 22:00 PDT is missed from 2026-06-01 06:00Z', () => {
    const s = monthly(31, 22, '2026-04-01T05:00:00'); // ran Tue 2026-03-31 22:00 PDT
    const history = [record('2026-04-01T05:10:00')];
    expect(at('2026-05-01T06:00:00Z', s, 'America/Los_Angeles', { history, progress: null }).state).toBe('healthy');
    expect(at('2026-06-01T05:59:59Z', s, 'America/Los_Angeles', { history, progress: null }).state).toBe('healthy');
    const r = at('2026-06-01T06:00:00Z', s, 'America/Los_Angeles', { history, progress: null });
    expect(r.state).toBe('overdue');
    expect(r.missedSlot?.toISOString()).toBe('2026-06-01T05:00:00.000Z');
    expect(r.run?.outcome).toBe('succeeded'); // the last run's file is still told
  });

  it('fall back in Berlin: the 02:00 slot of 2026-10-25 is at 00:00Z, missed from 01:00Z', () => {
    const s = daily(2, '2026-10-24T00:00:00');
    const history = [record('2026-10-24T00:05:00')];
    expect(at('2026-10-25T00:59:59Z', s, 'Europe/Berlin', { history, progress: null }).state).toBe('healthy');
    expect(at('2026-10-25T01:00:00Z', s, 'Europe/Berlin', { history, progress: null }).state).toBe('overdue');
  });

  it('counts the slots missed in a row: daily, three days on, across the spring-forward night in Berlin', () => {
    // Ran Fri 2026-03-27 02:00 CET (01:00Z); Sat 02:00 CET, Sun 03:00 CEST (the 02:00 gap) and Mon 02:00 CEST missed.
    const s = daily(2, '2026-03-27T01:00:00');
    const r = at('2026-03-30T12:00:00Z', s, 'Europe/Berlin', { history: [record('2026-03-27T01:04:00')], progress: null });
    expect(r).toMatchObject({ state: 'overdue', missedCount: 3 });
    expect(r.missedSlot?.toISOString()).toBe('2026-03-30T00:00:00.000Z');
    // Monthly day 31 (Los Angeles) from Jan 31: February has none, so at Apr 2 one slot (Mar 31) is missed.
    const m = at('2026-04-02T12:00:00Z', monthly(31, 22, '2026-02-01T06:00:00'), 'America/Los_Angeles', { history: [record('2026-02-01T06:10:00')], progress: null });
    expect(m).toMatchObject({ state: 'overdue', missedCount: 1 });
  });

  it('a run that made no file and then a missed slot: overdue (the later, worse news)', () => {
    const s = daily(2, '2026-03-09T01:00:00');
    expect(at('2026-03-10T02:00:00Z', s, 'Europe/Berlin', { history: [], progress: null }).state).toBe('overdue');
  });
});

describe('no file made: lastBackupTime moved, but no record and no error within the grace', () => {
  // Daily 23:00 Los Angeles (PST): 2026-03-02 23:00 PST = 2026-03-03 07:00Z.
  const tz = 'America/Los_Angeles';
  const s = daily(23, '2026-03-03T07:00:00');

  it('progress read, nothing there: no file (a failed job would still show its error)', () => {
    expect(at('2026-03-03T07:59:59Z', s, tz, { history: [], progress: null }).state).toBe('running');
    expect(at('2026-03-03T08:00:00Z', s, tz, { history: [], progress: null }).state).toBe('no-file');
    expect(at('2026-03-03T20:00:00Z', s, tz, { history: [], progress: progress({ taskId: 'older-task' }) }).state).toBe('no-file');
  });

  it('skipped because a manual backup was running: the audit trail has no 5127, only the manual 5125', () => {
    const r = at('2026-03-03T12:00:00Z', s, tz, {
      history: [record('2026-03-03T07:03:00', 'manual.tar.gz')],
      progress: progress({}),
      audit: audit([event(5125, '2026-03-03T07:03:00Z')]),
    });
    expect(r.state).toBe('no-file');
  });

  it('skipped, and the manual backup is still running: no file once the grace is over (the task is not this run)', () => {
    const a = { history: [], progress: progress({ isCompleted: false, progress: 50, status: 1 }), audit: audit([]) };
    expect(at('2026-03-03T07:30:00Z', s, tz, a).state).toBe('running');
    expect(at('2026-03-03T08:00:00Z', s, tz, a).state).toBe('no-file');
  });

  it('skipped, without the audit feature: the manual copy\'s 5125 among the last 20 events keeps its record from counting', () => {
    const history = [record('2026-03-03T07:03:00', 'manual.tar.gz')];
    const fallback = audit([event(5125, '2026-03-03T07:03:02Z'), event(5001, '2026-03-03T07:10:00Z')], false);
    expect(at('2026-03-03T12:00:00Z', s, tz, { history, progress: progress({}), audit: fallback }).state).toBe('no-file');
    // A record with no 5125 beside it still counts (absence proves nothing on such a plan).
    const other = audit([event(5125, '2026-03-03T06:00:00Z'), event(5001, '2026-03-03T07:10:00Z')], false);
    expect(at('2026-03-03T12:00:00Z', s, tz, { history, progress: progress({}), audit: other }).run?.fileName).toBe('manual.tar.gz');
  });

  it('started (5127) with a record after it but its 5128 not written yet: succeeded', () => {
    const r = at('2026-03-03T09:00:00Z', s, tz, { history: [record('2026-03-03T07:20:00', 'late.tar.gz')], progress: progress({}), audit: audit([event(5127, '2026-03-03T07:00:01Z')]) });
    expect(r.run).toMatchObject({ outcome: 'succeeded', fileName: 'late.tar.gz' });
  });

  it('a no-file verdict stands once the progress has expired', () => {
    const first = at('2026-03-03T09:00:00Z', s, tz, { history: [], progress: null });
    expect(at('2026-03-04T06:59:00Z', daily(23, '2026-03-03T07:00:00'), tz, { history: [], progress: null, previousRun: first.run }).state).toBe('no-file');
    expect(at('2026-03-04T07:30:00Z', s, tz, { history: [], progress: null, previousRun: first.run }).run?.outcome).toBe('no-file');
  });
});

describe('unknown, with the reason', () => {
  const tz = 'Asia/Kolkata';
  const s = weekly(1, 5, '2026-03-07T23:30:00');

  it('first checked after the progress expired, with no audit: unknown (progress-expired), not healthy', () => {
    const r = at(new Date(ms('2026-03-07T23:30:00Z') + PROGRESS_LIFETIME_MS).toISOString(), s, tz, { history: [], progress: null });
    expect(r).toMatchObject({ state: 'unknown', reason: 'progress-expired' });
  });

  it('the same with a plan that ignores the audit filters (absence proves nothing)', () => {
    expect(at('2026-03-09T06:00:00Z', s, tz, { history: [], progress: null, audit: audit([event(5001, '2026-03-08T10:00:00Z')], false) })).toMatchObject({
      state: 'unknown',
      reason: 'progress-expired',
    });
  });

  it('progress unreadable and no record: unknown (progress-unreadable)', () => {
    expect(at('2026-03-08T06:00:00Z', s, tz, { history: [] })).toMatchObject({ state: 'unknown', reason: 'progress-unreadable' });
  });

  it('an unknown period or lastBackupTime: unknown (bad-schedule)', () => {
    expect(at('2026-03-08T06:00:00Z', schedule(5, 2, 0, '2026-03-07T23:30:00'), tz)).toMatchObject({ state: 'unknown', reason: 'bad-schedule' });
    expect(at('2026-03-08T06:00:00Z', daily(2, 'soon'), tz)).toMatchObject({ state: 'unknown', reason: 'bad-schedule' });
  });
});

describe('scheduled: a schedule that never ran says when its first backup is', () => {
  it('daily 02:00 Berlin first seen before the slot: first backup at the slot', () => {
    const r = at('2026-03-10T00:00:00Z', daily(2, NEVER), 'Europe/Berlin', { neverRunSince: ms('2026-03-10T00:00:00Z') });
    expect(r.state).toBe('scheduled');
    expect(r.firstRun?.toISOString()).toBe('2026-03-10T01:00:00.000Z');
  });

  it('first seen after the slot of the UTC date: at the next tick (15 min)', () => {
    const r = at('2026-03-10T10:00:00Z', daily(2, NEVER), 'Europe/Berlin', { neverRunSince: ms('2026-03-10T10:00:00Z') });
    expect(r.firstRun?.toISOString()).toBe('2026-03-10T10:15:00.000Z');
  });

  it('monthly day 31 saved in April (Los Angeles): the first backup is May 31 22:00 PDT', () => {
    const since = ms('2026-04-10T12:00:00Z');
    const r = at('2026-04-20T12:00:00Z', monthly(31, 22, NEVER), 'America/Los_Angeles', { neverRunSince: since });
    expect(r.state).toBe('scheduled');
    expect(r.firstRun?.toISOString()).toBe('2026-06-01T05:00:00.000Z');
  });

  it('spring forward: daily 02:00 Berlin first seen at 01:30 CET that night: 02:00 is skipped, 03:00 CEST (01:00Z)', () => {
    const r = at('2026-03-29T00:45:00Z', daily(2, NEVER), 'Europe/Berlin', { neverRunSince: ms('2026-03-29T00:30:00Z') });
    expect(r.firstRun?.toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('never ran past its first slot, tick and grace: overdue', () => {
    const since = ms('2026-03-10T00:00:00Z');
    expect(at('2026-03-10T02:15:01Z', daily(2, NEVER), 'Europe/Berlin', { neverRunSince: since }).state).toBe('overdue');
  });
});

describe('a schedule gone from the portal: turned off by an admin, or removed by the portal', () => {
  const tz = 'Europe/Berlin';
  const was = daily(2, '2026-03-10T01:00:00');

  it('audit 5130: turned off, with who and when', () => {
    const r = at('2026-03-10T12:00:00Z', null, tz, { previousSchedule: was, previousState: 'healthy', audit: audit([event(5130, '2026-03-10T09:12:00Z', 'Adam Admin')]) });
    expect(r).toEqual({ state: 'turned-off', turnedOff: { by: 'Adam Admin', at: ms('2026-03-10T09:12:00Z') } });
  });

  it('the audit trail answers and has no 5130: removed by the portal', () => {
    expect(at('2026-03-10T12:00:00Z', null, tz, { previousSchedule: was, audit: audit([]) })).toEqual({ state: 'vanished', removedBy: 'portal' });
  });

  it('no audit, or a plan that ignores the filters: vanished, cause unknown', () => {
    expect(at('2026-03-10T12:00:00Z', null, tz, { previousSchedule: was })).toEqual({ state: 'vanished' });
    expect(at('2026-03-10T12:00:00Z', null, tz, { previousSchedule: was, audit: audit([event(5001, '2026-03-10T09:00:00Z')], false) })).toEqual({ state: 'vanished' });
  });

  it('stays turned off on later checks; a schedule never seen is just off', () => {
    const turnedOff = { by: 'Adam Admin', at: ms('2026-03-10T09:12:00Z') };
    expect(at('2026-03-11T12:00:00Z', null, tz, { previousSchedule: null, previousState: 'turned-off', previousTurnedOff: turnedOff })).toEqual({ state: 'turned-off', turnedOff });
    expect(at('2026-03-11T12:00:00Z', null, tz, { audit: audit([event(5130, '2026-03-10T09:12:00Z', 'Adam Admin')]) })).toEqual({ state: 'off' });
  });
});

describe('judgeRun keeps a settled outcome for the same run only', () => {
  it('a succeeded or failed run is not judged again; another run is', () => {
    const kept = { startedAt: 1_000_000, outcome: 'failed' as const, error: 'x' };
    expect(judgeRun(1_000_000, 1_000_000 + 30 * HOUR, { history: [], progress: null }, kept)).toBe(kept);
    expect(judgeRun(2_000_000, 2_000_000 + 10 * MIN, { history: [], progress: null }, kept)).toEqual({ startedAt: 2_000_000, outcome: 'running' });
  });
});
