import { describe, expect, it } from 'vitest';
import type { WallTime } from './time-zone';
import { computeNextRun, nextSlotAfter, previousSlotAtOrBefore } from './next-run';
import type { Cron } from '../schedule/cron';

// Calendar facts used below (by hand): 2026-03-01 is a Sunday, so Mar 8/15
// are Sundays, Tue = Mar 10, Sat = Mar 14, Mon = Mar 16; Mar 4 is a Wednesday.
// 2026 is not a leap year, 2028 is. EU DST 2026: Mar 29 and Oct 25 at 01:00Z;
// US DST 2026: Mar 8 at 07:00Z and Nov 1 at 06:00Z. Berlin is UTC+1 in March
// before the 29th; Los Angeles is UTC-7 after Mar 8.
const W = (year: number, month: number, day: number, hour: number, minute = 0, second = 0): WallTime => ({
  year, month, day, hour, minute, second,
});
const daily = (hour: number): Cron => ({ period: 0, hour, day: 0 });
const weekly = (day: number, hour: number): Cron => ({ period: 1, hour, day });
const monthly = (day: number, hour: number): Cron => ({ period: 2, hour, day });
const NEVER = '0001-01-01T00:00:00';

function run(cron: Cron, lastBackupTime: string, timeZone: string, now: string) {
  const r = computeNextRun({ cron, lastBackupTime, timeZone, now: new Date(now) });
  return { ...r, slot: r.slot.toISOString(), expectedBy: r.expectedBy.toISOString() };
}

describe('nextSlotAfter', () => {
  it('is strictly after, on the hour', () => {
    expect(nextSlotAfter(daily(2), W(2026, 3, 10, 1, 59, 59))).toEqual(W(2026, 3, 10, 2));
    expect(nextSlotAfter(daily(2), W(2026, 3, 10, 2))).toEqual(W(2026, 3, 11, 2));
    expect(nextSlotAfter(daily(2), W(2026, 3, 10, 2, 0, 1))).toEqual(W(2026, 3, 11, 2));
  });

  it('handles hour 0 and hour 23', () => {
    expect(nextSlotAfter(daily(0), W(2026, 3, 10, 23, 59, 59))).toEqual(W(2026, 3, 11, 0));
    expect(nextSlotAfter(daily(0), W(2026, 3, 10, 0))).toEqual(W(2026, 3, 11, 0));
    expect(nextSlotAfter(daily(23), W(2026, 3, 10, 22, 59, 59))).toEqual(W(2026, 3, 10, 23));
    expect(nextSlotAfter(daily(23), W(2026, 3, 10, 23))).toEqual(W(2026, 3, 11, 23));
    expect(nextSlotAfter(daily(0), W(2026, 12, 31, 12))).toEqual(W(2027, 1, 1, 0));
  });

  it('numbers weekdays from 1 = Sunday', () => {
    // From Saturday Mar 14: day 2 is Monday Mar 16, day 1 Sunday Mar 15.
    expect(nextSlotAfter(weekly(2, 5), W(2026, 3, 14, 10))).toEqual(W(2026, 3, 16, 5));
    expect(nextSlotAfter(weekly(1, 5), W(2026, 3, 14, 10))).toEqual(W(2026, 3, 15, 5));
    // Day 7 is Saturday: later the same Saturday, or a week on.
    expect(nextSlotAfter(weekly(7, 10), W(2026, 3, 14, 9))).toEqual(W(2026, 3, 14, 10));
    expect(nextSlotAfter(weekly(7, 10), W(2026, 3, 14, 10))).toEqual(W(2026, 3, 21, 10));
    // Day 3 is Tuesday (Mar 10).
    expect(nextSlotAfter(weekly(3, 5), W(2026, 3, 10, 1))).toEqual(W(2026, 3, 10, 5));
    expect(nextSlotAfter(weekly(3, 5), W(2026, 3, 11, 1))).toEqual(W(2026, 3, 17, 5));
  });

  it('runs day 31 only in 31-day months', () => {
    const c = monthly(31, 5);
    expect(nextSlotAfter(c, W(2026, 1, 31, 6))).toEqual(W(2026, 3, 31, 5)); // no Feb 31
    expect(nextSlotAfter(c, W(2026, 3, 31, 6))).toEqual(W(2026, 5, 31, 5)); // no Apr 31
    expect(nextSlotAfter(c, W(2026, 5, 31, 6))).toEqual(W(2026, 7, 31, 5)); // no Jun 31
    expect(nextSlotAfter(c, W(2026, 7, 31, 6))).toEqual(W(2026, 8, 31, 5));
    expect(nextSlotAfter(c, W(2026, 8, 31, 6))).toEqual(W(2026, 10, 31, 5)); // no Sep 31
    expect(nextSlotAfter(c, W(2026, 10, 31, 6))).toEqual(W(2026, 12, 31, 5)); // no Nov 31
    expect(nextSlotAfter(c, W(2026, 12, 31, 6))).toEqual(W(2027, 1, 31, 5));
    expect(nextSlotAfter(c, W(2026, 4, 15, 0))).toEqual(W(2026, 5, 31, 5)); // no clamping to Apr 30
  });

  it('skips February for day 30, and for day 29 unless leap', () => {
    expect(nextSlotAfter(monthly(30, 0), W(2026, 1, 30, 1))).toEqual(W(2026, 3, 30, 0));
    expect(nextSlotAfter(monthly(29, 0), W(2026, 1, 29, 1))).toEqual(W(2026, 3, 29, 0));
    expect(nextSlotAfter(monthly(29, 0), W(2028, 1, 29, 1))).toEqual(W(2028, 2, 29, 0));
  });

  it('rolls over the month for day 1 at hour 0', () => {
    expect(nextSlotAfter(monthly(1, 0), W(2026, 3, 31, 23, 59, 59))).toEqual(W(2026, 4, 1, 0));
  });

  it('rejects what the server cron parser rejects', () => {
    for (const c of [
      daily(24), daily(-1), daily(1.5), weekly(0, 1), weekly(8, 1), monthly(0, 1), monthly(32, 1),
      { period: 3, hour: 1, day: 1 } as unknown as Cron,
    ]) {
      expect(() => nextSlotAfter(c, W(2026, 3, 10, 0)), JSON.stringify(c)).toThrow(RangeError);
    }
    // A daily schedule ignores its day (the server reads it back as 0).
    expect(nextSlotAfter({ period: 0, hour: 1, day: 99 }, W(2026, 3, 10, 0))).toEqual(W(2026, 3, 10, 1));
  });
});

describe('previousSlotAtOrBefore', () => {
  it('includes a slot exactly at the time', () => {
    expect(previousSlotAtOrBefore(daily(2), W(2026, 3, 10, 2))).toEqual(W(2026, 3, 10, 2));
    expect(previousSlotAtOrBefore(daily(2), W(2026, 3, 10, 1, 59, 59))).toEqual(W(2026, 3, 9, 2));
    expect(previousSlotAtOrBefore(daily(2), W(2026, 3, 1, 1))).toEqual(W(2026, 2, 28, 2));
    expect(previousSlotAtOrBefore(daily(23), W(2026, 1, 1, 22))).toEqual(W(2025, 12, 31, 23));
  });

  it('finds the previous weekday and month day', () => {
    // Monday before Saturday Mar 14 is Mar 9.
    expect(previousSlotAtOrBefore(weekly(2, 5), W(2026, 3, 14, 12))).toEqual(W(2026, 3, 9, 5));
    expect(previousSlotAtOrBefore(weekly(2, 5), W(2026, 3, 16, 5))).toEqual(W(2026, 3, 16, 5));
    expect(previousSlotAtOrBefore(monthly(31, 0), W(2026, 4, 15, 0))).toEqual(W(2026, 3, 31, 0));
    expect(previousSlotAtOrBefore(monthly(31, 0), W(2026, 3, 5, 0))).toEqual(W(2026, 1, 31, 0)); // no Feb 31
    expect(previousSlotAtOrBefore(monthly(29, 0), W(2026, 3, 28, 0))).toEqual(W(2026, 1, 29, 0)); // no Feb 29
  });
});

describe('computeNextRun: first run after saving (lastBackupTime = MinValue)', () => {
  it('runs at the next tick when today\'s slot has passed: daily 02:00 saved at 11:00', () => {
    // Berlin 11:00 CET = 10:00Z. UTC date Mar 10 -> last = Mar 9 23:59:59 -> next Mar 10 02:00 <= 11:00.
    expect(run(daily(2), NEVER, 'Europe/Berlin', '2026-03-10T10:00:00Z')).toEqual({
      slot: '2026-03-10T10:00:00.000Z',
      expectedBy: '2026-03-10T10:15:00.000Z',
      firstRunSoon: true,
      overdue: false,
    });
  });

  it('waits for the slot when saved before it: daily 02:00 saved at 01:00', () => {
    // Berlin 01:00 CET = 00:00Z, UTC date Mar 10 -> next Mar 10 02:00 CET = 01:00Z.
    expect(run(daily(2), NEVER, 'Europe/Berlin', '2026-03-10T00:00:00Z')).toEqual({
      slot: '2026-03-10T01:00:00.000Z',
      expectedBy: '2026-03-10T01:15:00.000Z',
      firstRunSoon: false,
      overdue: false,
    });
  });

  it('uses the UTC date as portal-local: Tokyo just after midnight runs yesterday\'s slot now', () => {
    // 15:30Z = Mar 11 00:30 JST, but the UTC date is Mar 10 -> last = Mar 9 23:59:59
    // -> next = Mar 10 02:00 (even 23:00) <= Mar 11 00:30 -> due now.
    // (With the local date it would wait until Mar 11 02:00.)
    for (const hour of [2, 23]) {
      expect(run(daily(hour), NEVER, 'Asia/Tokyo', '2026-03-10T15:30:00Z')).toMatchObject({
        slot: '2026-03-10T15:30:00.000Z',
        expectedBy: '2026-03-10T15:45:00.000Z',
        firstRunSoon: true,
      });
    }
    // Once the UTC date catches up (09:30 JST = 00:30Z, Mar 11): next Mar 11 10:00 JST = 01:00Z.
    expect(run(daily(10), NEVER, 'Asia/Tokyo', '2026-03-11T00:30:00Z')).toMatchObject({
      slot: '2026-03-11T01:00:00.000Z',
      firstRunSoon: false,
    });
  });

  it('uses the UTC date as portal-local: Los Angeles late evening skips tonight\'s slot', () => {
    // 05:00Z Mar 11 = Mar 10 22:00 PDT; UTC date Mar 11 -> last = Mar 10 23:59:59 (read as PDT).
    // Daily 23:00 -> Mar 11 23:00 PDT = Mar 12 06:00Z, not tonight's 23:00.
    expect(run(daily(23), NEVER, 'America/Los_Angeles', '2026-03-11T05:00:00Z')).toEqual({
      slot: '2026-03-12T06:00:00.000Z',
      expectedBy: '2026-03-12T06:15:00.000Z',
      firstRunSoon: false,
      overdue: false,
    });
    // Daily 21:00 has passed tonight, yet it does not run now: next Mar 11 21:00 PDT = Mar 12 04:00Z.
    expect(run(daily(21), NEVER, 'America/Los_Angeles', '2026-03-11T05:00:00Z')).toMatchObject({
      slot: '2026-03-12T04:00:00.000Z',
      firstRunSoon: false,
    });
    // Earlier that day (11:00 PDT = 18:00Z, UTC date Mar 10) daily 02:00 runs at once.
    expect(run(daily(2), NEVER, 'America/Los_Angeles', '2026-03-10T18:00:00Z')).toMatchObject({
      slot: '2026-03-10T18:00:00.000Z',
      firstRunSoon: true,
    });
  });

  it('applies to weekly schedules too', () => {
    // Saturday Mar 14 12:00 CET = 11:00Z; last = Fri Mar 13 23:59:59.
    // Monday (2) 05:00 -> Mar 16 05:00 CET = 04:00Z.
    expect(run(weekly(2, 5), NEVER, 'Europe/Berlin', '2026-03-14T11:00:00Z')).toMatchObject({
      slot: '2026-03-16T04:00:00.000Z',
      firstRunSoon: false,
    });
    // Saturday (7) 05:00 -> Sat Mar 14 05:00, already past -> now.
    expect(run(weekly(7, 5), NEVER, 'Europe/Berlin', '2026-03-14T11:00:00Z')).toMatchObject({
      slot: '2026-03-14T11:00:00.000Z',
      firstRunSoon: true,
    });
  });
});

describe('computeNextRun: a schedule that has run', () => {
  it('gives the next slot after the last run, in the portal zone', () => {
    // last 01:03:12Z = 02:03:12 CET Mar 10 -> next Mar 11 02:00 CET = 01:00Z
    expect(run(daily(2), '2026-03-10T01:03:12', 'Europe/Berlin', '2026-03-10T12:00:00Z')).toEqual({
      slot: '2026-03-11T01:00:00.000Z',
      expectedBy: '2026-03-11T01:15:00.000Z',
      firstRunSoon: false,
      overdue: false,
    });
  });

  it('reports overdue when the next slot is already past', () => {
    // last Mar 8 02:03 CET -> next Mar 9 02:00 < now (Mar 10 13:00 CET)
    expect(run(daily(2), '2026-03-08T01:03:12', 'Europe/Berlin', '2026-03-10T12:00:00Z')).toEqual({
      slot: '2026-03-10T12:00:00.000Z',
      expectedBy: '2026-03-10T12:15:00.000Z',
      firstRunSoon: false,
      overdue: true,
    });
  });

  it('is due exactly at the slot, not a millisecond before', () => {
    // last Mar 9 02:03 CET -> next Mar 10 02:00 CET = 01:00Z
    const last = '2026-03-09T01:03:12.5';
    expect(run(daily(2), last, 'Europe/Berlin', '2026-03-10T01:00:00.000Z')).toMatchObject({ overdue: true });
    expect(run(daily(2), last, 'Europe/Berlin', '2026-03-10T00:59:59.999Z')).toMatchObject({
      slot: '2026-03-10T01:00:00.000Z',
      overdue: false,
    });
  });

  it('reads a PostgreSQL-style Z the same way', () => {
    expect(run(daily(2), '2026-03-10T01:03:12.1234567Z', 'Europe/Berlin', '2026-03-10T12:00:00Z').slot).toBe(
      '2026-03-11T01:00:00.000Z',
    );
  });

  it('handles +5:30 and +5:45', () => {
    // last 18:31Z Mar 9 = Mar 10 00:01 IST -> next Mar 11 00:00 IST = Mar 10 18:30Z
    expect(run(daily(0), '2026-03-09T18:31:00', 'Asia/Kolkata', '2026-03-10T06:00:00Z').slot).toBe(
      '2026-03-10T18:30:00.000Z',
    );
    // last 17:16Z Mar 4 = Wed Mar 4 23:01 NPT -> Wednesday (4) 23:00 -> Mar 11 23:00 NPT = 17:15Z
    expect(run(weekly(4, 23), '2026-03-04T17:16:00', 'Asia/Kathmandu', '2026-03-06T00:00:00Z').slot).toBe(
      '2026-03-11T17:15:00.000Z',
    );
  });

  it('handles day 31 in UTC', () => {
    // last Mar 31 00:00:05 -> no Apr 31 -> May 31 00:00Z
    expect(run(monthly(31, 0), '2026-03-31T00:00:05', 'UTC', '2026-04-10T00:00:00Z').slot).toBe(
      '2026-05-31T00:00:00.000Z',
    );
  });
});

describe('computeNextRun: DST change days', () => {
  it('Berlin spring forward: a 02:00 slot fires when the clock jumps to 03:00', () => {
    // last Mar 28 02:02 CET; next Mar 29 02:00 does not exist -> 03:00 CEST = 01:00Z
    expect(run(daily(2), '2026-03-28T01:02:00', 'Europe/Berlin', '2026-03-28T12:00:00Z')).toMatchObject({
      slot: '2026-03-29T01:00:00.000Z',
      expectedBy: '2026-03-29T01:15:00.000Z',
    });
    // 03:00 is unaffected: also 01:00Z, the same instant
    expect(run(daily(3), '2026-03-28T02:02:00', 'Europe/Berlin', '2026-03-28T12:00:00Z').slot).toBe(
      '2026-03-29T01:00:00.000Z',
    );
  });

  it('Berlin fall back: a 02:00 slot fires at the first 02:00 (CEST)', () => {
    // last Oct 24 02:02 CEST = 00:02Z; next Oct 25 02:00 CEST = 00:00Z
    expect(run(daily(2), '2026-10-24T00:02:00', 'Europe/Berlin', '2026-10-24T12:00:00Z').slot).toBe(
      '2026-10-25T00:00:00.000Z',
    );
  });

  it('New York spring forward and fall back', () => {
    // last Mar 7 02:01 EST = 07:01Z; Mar 8 02:00 does not exist -> 03:00 EDT = 07:00Z
    expect(run(daily(2), '2026-03-07T07:01:00', 'America/New_York', '2026-03-07T12:00:00Z').slot).toBe(
      '2026-03-08T07:00:00.000Z',
    );
    // last Oct 31 01:01 EDT = 05:01Z; Nov 1 01:00 happens twice -> first, EDT = 05:00Z
    expect(run(daily(1), '2026-10-31T05:01:00', 'America/New_York', '2026-10-31T12:00:00Z').slot).toBe(
      '2026-11-01T05:00:00.000Z',
    );
    // After running at 01:01 EDT, the repeated 01:xx EST hour does not run it again:
    // now 06:30Z = 01:30 EST -> next Nov 2 01:00 EST = 06:00Z
    expect(run(daily(1), '2026-11-01T05:01:00', 'America/New_York', '2026-11-01T06:30:00Z')).toMatchObject({
      slot: '2026-11-02T06:00:00.000Z',
      overdue: false,
    });
  });

  it('inside a repeated interval, waits for the later occurrence', () => {
    // Antarctica/Troll falls back two hours, 03:00 (+02) -> 01:00 (+00), at 01:00Z Oct 25.
    // Saved at 01:30Z (wall 01:30, second pass): UTC date Oct 25 -> last Oct 24 23:59:59
    // -> next Oct 25 02:00, whose first occurrence (00:00Z) is past; the clock next
    // reaches 02:00 at 02:00Z.
    expect(run(daily(2), NEVER, 'Antarctica/Troll', '2026-10-25T01:30:00Z')).toEqual({
      slot: '2026-10-25T02:00:00.000Z',
      expectedBy: '2026-10-25T02:15:00.000Z',
      firstRunSoon: false,
      overdue: false,
    });
  });
});

describe('computeNextRun: bad input', () => {
  it('throws RangeError for an unparsable lastBackupTime, zone or cron', () => {
    const now = new Date('2026-03-10T00:00:00Z');
    expect(() => computeNextRun({ cron: daily(2), lastBackupTime: 'yesterday', timeZone: 'UTC', now })).toThrow(
      RangeError,
    );
    expect(() => computeNextRun({ cron: daily(2), lastBackupTime: NEVER, timeZone: 'Nowhere/Land', now })).toThrow(
      RangeError,
    );
    expect(() => computeNextRun({ cron: weekly(0, 2), lastBackupTime: NEVER, timeZone: 'UTC', now })).toThrow(
      'Day-of-Week values must be between 1 and 7',
    );
  });
});
