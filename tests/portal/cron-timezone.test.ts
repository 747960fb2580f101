import { describe, expect, it } from 'vitest';
import { buildCron, CronExpression, parseCronParams } from './lib/cron';
import { DotNetError } from './lib/errors';
import { formatNaive, formatTimeSpan, offsetMinutes, parseUtc, utcToWall, wallToUtc } from './lib/timezone';

const naive = (s: string) => Date.parse(`${s}Z`);
const next = (cron: string, after: string) => {
  const t = new CronExpression(cron).getTimeAfter(naive(after));
  return t === null ? null : formatNaive(t);
};

describe('CronExpression (the three backup shapes)', () => {
  it('builds and reads back the server strings', () => {
    expect(buildCron({ period: 0, hour: 5, day: 3 })).toBe('0 0 5 ? * *');
    expect(buildCron({ period: 1, hour: 5, day: 3 })).toBe('0 0 5 ? * 3');
    expect(buildCron({ period: 2, hour: 5, day: 3 })).toBe('0 0 5 3 * ?');
    expect(buildCron({ period: 9, hour: 5, day: 3 })).toBe('ASC.Data.Backup.Services.CronParams');
    expect(parseCronParams('0 0 5 ? * *')).toEqual({ period: 0, hour: 5, day: 0 });
    expect(parseCronParams('0 0 5 ? * 3')).toEqual({ period: 1, hour: 5, day: 3 });
    expect(parseCronParams('0 0 5 3 * ?')).toEqual({ period: 2, hour: 5, day: 3 });
  });

  it('the server repo example: "0 0 12 ? * 1" after 2025-01-01 is Sunday 2025-01-05', () => {
    expect(next('0 0 12 ? * 1', '2025-01-01T00:00:00')).toBe('2025-01-05T12:00:00');
  });

  it('fires strictly after the given time', () => {
    expect(next('0 0 2 ? * *', '2026-03-10T02:00:00')).toBe('2026-03-11T02:00:00');
    expect(next('0 0 2 ? * *', '2026-03-10T01:59:59')).toBe('2026-03-10T02:00:00');
    expect(next('0 0 2 ? * *', '2026-03-09T23:59:59')).toBe('2026-03-10T02:00:00');
  });

  it('skips months without the day', () => {
    expect(next('0 0 0 31 * ?', '2026-03-31T00:00:00')).toBe('2026-05-31T00:00:00');
    expect(next('0 0 0 30 * ?', '2027-01-30T00:00:00')).toBe('2027-03-30T00:00:00');
    expect(next('0 0 0 29 * ?', '2027-01-29T00:00:00')).toBe('2027-03-29T00:00:00');
    expect(next('0 0 0 29 * ?', '2028-01-29T00:00:00')).toBe('2028-02-29T00:00:00');
  });

  it.each([
    ['0 0 24 ? * *', 'Hour values must be between 0 and 23'],
    ['0 0 -1 ? * *', 'Unexpected character: -'],
    ['0 0 1 0 * ?', 'Day of month values must be between 1 and 31'],
    ['0 0 1 ? * 0', 'Day-of-Week values must be between 1 and 7'],
    ['0 0 1 ? * 8', 'Day-of-Week values must be between 1 and 7'],
    ['0 0 1 ? * -2', 'Unexpected character: -'],
    ['ASC.Data.Backup.Services.CronParams', "Illegal characters for this position: 'ASC'"],
    ['0 0 1 ?', 'Unexpected end of expression.'],
  ])('%s → FormatException "%s"', (cron, message) => {
    let err: unknown;
    try {
      new CronExpression(cron);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DotNetError);
    expect((err as DotNetError).message).toBe(message);
    expect((err as DotNetError).status).toBe(500);
  });
});

describe('time zone conversion with Intl', () => {
  it('converts UTC to wall time across DST', () => {
    expect(formatNaive(utcToWall(Date.parse('2026-03-29T00:59:59Z'), 'Europe/Berlin'))).toBe('2026-03-29T01:59:59');
    expect(formatNaive(utcToWall(Date.parse('2026-03-29T01:00:00Z'), 'Europe/Berlin'))).toBe('2026-03-29T03:00:00');
    expect(formatNaive(utcToWall(Date.parse('2026-10-25T00:30:00Z'), 'Europe/Berlin'))).toBe('2026-10-25T02:30:00');
    expect(formatNaive(utcToWall(Date.parse('2026-10-25T01:30:00Z'), 'Europe/Berlin'))).toBe('2026-10-25T02:30:00');
    expect(offsetMinutes(Date.parse('2026-07-01T00:00:00Z'), 'Asia/Kathmandu')).toBe(345);
  });

  it('converts wall time back: earlier instant when ambiguous, forward through the gap', () => {
    expect(new Date(wallToUtc(naive('2026-10-25T02:30:00'), 'Europe/Berlin')).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(new Date(wallToUtc(naive('2026-03-29T02:30:00'), 'Europe/Berlin')).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(new Date(wallToUtc(naive('2026-01-15T09:00:00'), 'America/New_York')).toISOString()).toBe('2026-01-15T14:00:00.000Z');
  });

  it('formats offsets as .NET TimeSpans and parses server date-times as UTC', () => {
    expect(formatTimeSpan(60)).toBe('01:00:00');
    expect(formatTimeSpan(-210)).toBe('-03:30:00');
    expect(formatTimeSpan(0)).toBe('00:00:00');
    expect(parseUtc('2026-03-10T08:00:03')).toBe(Date.parse('2026-03-10T08:00:03Z'));
    expect(parseUtc('2026-03-10T09:00:03+01:00')).toBe(Date.parse('2026-03-10T08:00:03Z'));
    expect(Number.isNaN(parseUtc('2026-02-30'))).toBe(true);
  });
});
