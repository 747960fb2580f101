import { describe, expect, it } from 'vitest';
import {
  type WallTime,
  instantFromWallClock,
  isNeverRunTime,
  isValidTimeZone,
  parseServerUtc,
  wallClockInZone,
} from './time-zone';

// Reference dates (worked out by hand):
// - 2026-01-01 is a Thursday, so 2026-03-01 (+59 days) is a Sunday and
//   2026-10-01 (+273 days) a Thursday; 2026-11-01 a Sunday.
// - US DST 2026: starts Sun Mar 8 at 02:00 EST (07:00Z), ends Sun Nov 1 at
//   02:00 EDT (06:00Z).
// - EU DST 2026: starts Sun Mar 29 at 01:00Z, ends Sun Oct 25 at 01:00Z.
const W = (year: number, month: number, day: number, hour: number, minute = 0, second = 0): WallTime => ({
  year, month, day, hour, minute, second,
});
const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe('wallClockInZone', () => {
  it('reads UTC and drops milliseconds', () => {
    expect(wallClockInZone(at('2026-03-10T08:00:03.999Z'), 'UTC')).toEqual(W(2026, 3, 10, 8, 0, 3));
  });

  it('gives midnight as hour 0', () => {
    expect(wallClockInZone(at('2026-03-10T00:00:00Z'), 'UTC')).toEqual(W(2026, 3, 10, 0));
    // 23:00Z + 1 h (CET) = 00:00 next day
    expect(wallClockInZone(at('2026-03-09T23:00:00Z'), 'Europe/Berlin')).toEqual(W(2026, 3, 10, 0));
  });

  it('handles half- and quarter-hour offsets across the date line', () => {
    // 20:00Z + 5:30 = 01:30 next day
    expect(wallClockInZone(at('2026-03-10T20:00:00Z'), 'Asia/Kolkata')).toEqual(W(2026, 3, 11, 1, 30));
    // 18:20Z + 5:45 = 00:05 next day
    expect(wallClockInZone(at('2026-03-10T18:20:00Z'), 'Asia/Kathmandu')).toEqual(W(2026, 3, 11, 0, 5));
    // Chatham: +13:45 in (southern) summer, +12:45 in winter
    expect(wallClockInZone(at('2026-01-15T00:00:00Z'), 'Pacific/Chatham')).toEqual(W(2026, 1, 15, 13, 45));
    expect(wallClockInZone(at('2026-07-15T00:00:00Z'), 'Pacific/Chatham')).toEqual(W(2026, 7, 15, 12, 45));
  });

  it('follows Berlin across both DST changes', () => {
    expect(wallClockInZone(at('2026-03-29T00:59:59Z'), 'Europe/Berlin')).toEqual(W(2026, 3, 29, 1, 59, 59));
    expect(wallClockInZone(at('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toEqual(W(2026, 3, 29, 3));
    // 02:30 happens twice on Oct 25: CEST (00:30Z) and CET (01:30Z)
    expect(wallClockInZone(at('2026-10-25T00:30:00Z'), 'Europe/Berlin')).toEqual(W(2026, 10, 25, 2, 30));
    expect(wallClockInZone(at('2026-10-25T01:30:00Z'), 'Europe/Berlin')).toEqual(W(2026, 10, 25, 2, 30));
  });

  it('follows New York across both DST changes', () => {
    expect(wallClockInZone(at('2026-03-08T06:59:59Z'), 'America/New_York')).toEqual(W(2026, 3, 8, 1, 59, 59));
    expect(wallClockInZone(at('2026-03-08T07:00:00Z'), 'America/New_York')).toEqual(W(2026, 3, 8, 3));
    expect(wallClockInZone(at('2026-11-01T05:30:00Z'), 'America/New_York')).toEqual(W(2026, 11, 1, 1, 30));
    expect(wallClockInZone(at('2026-11-01T06:30:00Z'), 'America/New_York')).toEqual(W(2026, 11, 1, 1, 30));
  });

  it('throws RangeError for an unknown zone', () => {
    expect(() => wallClockInZone(at('2026-03-10T00:00:00Z'), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('instantFromWallClock', () => {
  it('is the identity in UTC', () => {
    expect(iso(instantFromWallClock(W(2026, 3, 10, 8, 0, 3), 'UTC'))).toBe('2026-03-10T08:00:03.000Z');
  });

  it('handles fixed odd offsets', () => {
    // 01:30 IST (+5:30) = 20:00Z the day before
    expect(iso(instantFromWallClock(W(2026, 3, 11, 1, 30), 'Asia/Kolkata'))).toBe('2026-03-10T20:00:00.000Z');
    // 08:00 NPT (+5:45) = 02:15Z
    expect(iso(instantFromWallClock(W(2026, 3, 10, 8), 'Asia/Kathmandu'))).toBe('2026-03-10T02:15:00.000Z');
    // 13:45 CHADT (+13:45) = 00:00Z
    expect(iso(instantFromWallClock(W(2026, 1, 15, 13, 45), 'Pacific/Chatham'))).toBe('2026-01-15T00:00:00.000Z');
  });

  it('uses the offset in force at that date', () => {
    expect(iso(instantFromWallClock(W(2026, 1, 15, 12), 'Europe/Berlin'))).toBe('2026-01-15T11:00:00.000Z');
    expect(iso(instantFromWallClock(W(2026, 7, 15, 12), 'Europe/Berlin'))).toBe('2026-07-15T10:00:00.000Z');
  });

  it('maps a time in the spring-forward gap to the first instant after it', () => {
    // Berlin Mar 29: 02:00-02:59:59 do not exist; the clock shows 03:00 CEST at 01:00Z.
    for (const w of [W(2026, 3, 29, 2), W(2026, 3, 29, 2, 30), W(2026, 3, 29, 2, 59, 59), W(2026, 3, 29, 3)]) {
      expect(iso(instantFromWallClock(w, 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z');
    }
    expect(iso(instantFromWallClock(W(2026, 3, 29, 1, 59, 59), 'Europe/Berlin'))).toBe('2026-03-29T00:59:59.000Z');
    // New York Mar 8: 03:00 EDT = 07:00Z
    expect(iso(instantFromWallClock(W(2026, 3, 8, 2), 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(instantFromWallClock(W(2026, 3, 8, 2, 30), 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z');
    // Lord Howe moves 30 min, 02:00 (+10:30) -> 02:30 (+11) on Oct 4: 02:30 LHDT = 15:30Z the day before
    expect(iso(instantFromWallClock(W(2026, 10, 4, 2, 15), 'Australia/Lord_Howe'))).toBe('2026-10-03T15:30:00.000Z');
  });

  it('picks the earlier instant of an ambiguous time unless asked for the later', () => {
    // Berlin Oct 25: 02:30 CEST = 00:30Z, 02:30 CET = 01:30Z
    expect(iso(instantFromWallClock(W(2026, 10, 25, 2, 30), 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(instantFromWallClock(W(2026, 10, 25, 2, 30), 'Europe/Berlin', { ambiguous: 'later' }))).toBe(
      '2026-10-25T01:30:00.000Z',
    );
    expect(iso(instantFromWallClock(W(2026, 10, 25, 2), 'Europe/Berlin'))).toBe('2026-10-25T00:00:00.000Z');
    expect(iso(instantFromWallClock(W(2026, 10, 25, 3), 'Europe/Berlin'))).toBe('2026-10-25T02:00:00.000Z');
    // New York Nov 1: 01:00 EDT = 05:00Z, 01:00 EST = 06:00Z
    expect(iso(instantFromWallClock(W(2026, 11, 1, 1), 'America/New_York'))).toBe('2026-11-01T05:00:00.000Z');
    expect(iso(instantFromWallClock(W(2026, 11, 1, 1), 'America/New_York', { ambiguous: 'later' }))).toBe(
      '2026-11-01T06:00:00.000Z',
    );
    // An unambiguous time ignores the option.
    expect(iso(instantFromWallClock(W(2026, 11, 1, 3), 'America/New_York', { ambiguous: 'later' }))).toBe(
      '2026-11-01T08:00:00.000Z',
    );
  });

  it('round-trips every existing minute of the DST change days', () => {
    for (const [tz, day] of [
      ['Europe/Berlin', W(2026, 3, 29, 0)],
      ['Europe/Berlin', W(2026, 10, 25, 0)],
      ['America/New_York', W(2026, 3, 8, 0)],
      ['America/New_York', W(2026, 11, 1, 0)],
    ] as const) {
      for (let m = 0; m < 24 * 60; m += 7) {
        const w = { ...day, hour: Math.floor(m / 60), minute: m % 60 };
        const back = wallClockInZone(instantFromWallClock(w, tz), tz);
        const inGap = (tz === 'Europe/Berlin' && day.month === 3 && w.hour === 2) ||
          (tz === 'America/New_York' && day.month === 3 && w.hour === 2);
        if (inGap) expect(back).toEqual({ ...day, hour: 3, minute: 0 });
        else expect(back).toEqual(w);
      }
    }
  });
});

describe('parseServerUtc', () => {
  it('reads a time without offset as UTC', () => {
    expect(iso(parseServerUtc('2026-03-10T08:00:03')!)).toBe('2026-03-10T08:00:03.000Z');
  });

  it('keeps fractional seconds to the millisecond, truncating .NET ticks', () => {
    expect(iso(parseServerUtc('2026-03-10T08:00:03.1234567')!)).toBe('2026-03-10T08:00:03.123Z');
    expect(iso(parseServerUtc('2026-03-10T08:00:03.5')!)).toBe('2026-03-10T08:00:03.500Z');
    expect(iso(parseServerUtc('2026-03-10T08:00:03.0999')!)).toBe('2026-03-10T08:00:03.099Z');
  });

  it('accepts a trailing Z and honours an explicit offset', () => {
    expect(iso(parseServerUtc('2026-03-10T08:00:03Z')!)).toBe('2026-03-10T08:00:03.000Z');
    expect(iso(parseServerUtc('2026-03-10T08:00:03.25Z')!)).toBe('2026-03-10T08:00:03.250Z');
    expect(iso(parseServerUtc('2026-03-10T08:00:03+02:00')!)).toBe('2026-03-10T06:00:03.000Z');
    expect(iso(parseServerUtc('2026-03-10T08:00:03-05:30')!)).toBe('2026-03-10T13:30:03.000Z');
  });

  it('treats DateTime.MinValue as never run', () => {
    for (const s of ['0001-01-01T00:00:00', '0001-01-01T00:00:00Z', '0001-01-01T00:00:00.0000000']) {
      expect(parseServerUtc(s)).toBeNull();
      expect(isNeverRunTime(s)).toBe(true);
    }
  });

  it('rejects garbage', () => {
    for (const s of [
      '', 'never', '-infinity', '2026-03-10', '2026-03-10 08:00:03', '2026-03-10T08:00',
      '2026-02-30T00:00:00', '2026-13-01T00:00:00', '2026-03-10T24:00:00', '2026-03-10T08:60:00',
      '2026-03-10T08:00:03+25:00', '2026-03-10T08:00:03.', '1773129603000',
    ]) {
      expect(parseServerUtc(s), s).toBeNull();
      expect(isNeverRunTime(s), s).toBe(false);
    }
  });

  it('does not mistake a real time for never run', () => {
    expect(isNeverRunTime('2026-03-10T08:00:03')).toBe(false);
    expect(isNeverRunTime('0001-01-01T00:00:01')).toBe(false);
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA ids', () => {
    for (const tz of ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Pacific/Chatham']) {
      expect(isValidTimeZone(tz), tz).toBe(true);
    }
  });

  it('rejects unknown ids', () => {
    for (const tz of ['', 'Mars/Olympus_Mons', 'Europe/Berlinn', 'GMT+25']) {
      expect(isValidTimeZone(tz), tz).toBe(false);
    }
  });
});
