// Wall-clock arithmetic in an IANA time zone, using only Intl.DateTimeFormat.
// A WallTime is a set of calendar numbers with no zone attached; the server's
// cron runs on exactly such numbers in the portal's zone (server-api.md §6.1).

export interface WallTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone, which callers see unchanged.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz === '') return false;
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

/** Portal wall-clock numbers at an instant (milliseconds are dropped). */
export function wallClockInZone(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const year = Number(parts.year);
  return {
    // 'numeric' years are era years; turn BC into astronomical numbering.
    year: parts.era === 'BC' ? 1 - year : year,
    month: Number(parts.month),
    day: Number(parts.day),
    // Some engines still print midnight as 24 despite h23.
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The wall time read as if it were UTC, in ms; works for years 0-99 too. */
export function wallToEpochMs(w: WallTime): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, 0);
  return d.getTime();
}

export function epochMsToWall(ms: number): WallTime {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** UTC offset in ms at an instant (wall clock minus UTC), to the second. */
function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallToEpochMs(wallClockInZone(new Date(whole), timeZone)) - whole;
}

const DAY_MS = 86_400_000;

/**
 * The instant at which the portal's clock shows `wall`.
 *
 * - Ambiguous (fall-back) times give the earlier instant, or the later one
 *   with `{ ambiguous: 'later' }`.
 * - Non-existent (spring-forward gap) times give the first instant after the
 *   gap, e.g. 02:30 on Berlin's spring day gives 03:00 CEST (01:00Z). That is
 *   when the server first sees a wall clock >= the slot, so it is when a slot
 *   in the gap actually fires.
 *
 * Assumes at most one offset change within a day either side of `wall`,
 * which holds for every zone in the tz database since 1970.
 */
export function instantFromWallClock(
  wall: WallTime,
  timeZone: string,
  options: { ambiguous?: 'earlier' | 'later' } = {},
): Date {
  const local = wallToEpochMs(wall);
  const offsets = new Set([local - DAY_MS, local, local + DAY_MS].map((t) => offsetAt(t, timeZone)));
  const fits = [...offsets]
    .map((o) => local - o)
    .filter((t) => offsetAt(t, timeZone) === local - t)
    .sort((a, b) => a - b);
  const pick = options.ambiguous === 'later' ? fits[fits.length - 1] : fits[0];
  if (pick !== undefined) return new Date(pick);

  // In a gap: find the first whole second whose wall clock reaches `wall`.
  // Between the two candidate instants the wall clock only jumps forward,
  // so "wall clock >= local" is monotonic there and bisection works.
  const sorted = [...offsets].sort((a, b) => a - b);
  let lo = (local - (sorted[sorted.length - 1] ?? 0)) / 1000; // wall < local here
  let hi = (local - (sorted[0] ?? 0)) / 1000; // wall >= local here
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid * 1000 + offsetAt(mid * 1000, timeZone) >= local) hi = mid;
    else lo = mid;
  }
  return new Date(hi * 1000);
}

const SERVER_UTC =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?(Z|[+-]\d{2}:\d{2})?$/i;

interface ServerTime {
  wall: WallTime;
  /** milliseconds, truncated from up to 7 fractional digits (.NET ticks) */
  fraction: number;
  offsetMs: number;
}

function parseServerTime(s: string): ServerTime | null {
  const m = SERVER_UTC.exec(typeof s === 'string' ? s.trim() : '');
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number, number, number, number, number, number,
  ];
  const wall = { year, month, day, hour, minute, second };
  // Reject rollovers such as Feb 30 or 24:00 by checking the round trip.
  const back = epochMsToWall(wallToEpochMs(wall));
  if (back.month !== month || back.day !== day || back.hour !== hour || back.minute !== minute || back.second !== second) {
    return null;
  }
  let offsetMs = 0;
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 14 || om > 59) return null;
    offsetMs = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  return { wall, fraction: Number((m[7] ?? '').padEnd(3, '0').slice(0, 3)), offsetMs };
}

const MIN_VALUE_MS = wallToEpochMs({ year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0 });

function isMinValue(t: ServerTime): boolean {
  return wallToEpochMs(t.wall) === MIN_VALUE_MS && t.fraction === 0;
}

/** True for DateTime.MinValue, which the server stores for "never run". */
export function isNeverRunTime(s: string): boolean {
  const t = parseServerTime(s);
  return t !== null && isMinValue(t);
}

/**
 * The server's `lastBackupTime`: a .NET DateTime in UTC, written without an
 * offset on MySQL and probably with `Z` on PostgreSQL (server-api.md §6.4).
 * An explicit offset is honoured. DateTime.MinValue ("never run") and
 * anything unparsable give null; tell them apart with isNeverRunTime.
 */
export function parseServerUtc(s: string): Date | null {
  const t = parseServerTime(s);
  if (!t || isMinValue(t)) return null;
  return new Date(wallToEpochMs(t.wall) + t.fraction - t.offsetMs);
}
