// Conversions between UTC instants and a portal's wall-clock time, with Intl
// only. Wall times are "naive" milliseconds: the wall-clock fields encoded as
// if they were UTC (like a .NET DateTime of Kind Unspecified), so the cron code
// can do plain arithmetic on them.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** UTC instant → wall-clock naive ms in `tz` (whole seconds; milliseconds kept). */
export function utcToWall(utcMs: number, tz: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(utcMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const naive = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return naive + (((utcMs % 1000) + 1000) % 1000);
}

/** Offset of `tz` from UTC at that instant, in minutes (positive east of Greenwich). */
export function offsetMinutes(utcMs: number, tz: string): number {
  const whole = Math.floor(utcMs / 1000) * 1000;
  return Math.round((utcToWall(whole, tz) - whole) / 60000);
}

/**
 * Wall-clock naive ms → UTC instant. An ambiguous time (autumn overlap) gives the
 * earlier instant; a time inside the spring gap is moved forward by the gap.
 */
export function wallToUtc(wall: number, tz: string): number {
  const candidates = new Set<number>();
  for (const probe of [wall - 36 * 3600_000, wall, wall + 36 * 3600_000]) {
    candidates.add(wall - offsetMinutes(probe, tz) * 60000);
  }
  const exact = [...candidates].filter((u) => utcToWall(u, tz) === wall).sort((a, b) => a - b);
  if (exact.length > 0) return exact[0] as number;
  // In the gap: use the offset in force before the transition, which lands after it.
  const before = offsetMinutes(wall - 12 * 3600_000, tz);
  return wall - before * 60000;
}

/** .NET TimeSpan text of an offset: "01:00:00", "-03:30:00", "00:00:00". */
export function formatTimeSpan(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}:00`;
}

/** Standard (non-DST) offset, the smaller of January and July in a given year. */
export function baseOffsetMinutes(tz: string, year = 2026): number {
  return Math.min(offsetMinutes(Date.UTC(year, 0, 1), tz), offsetMinutes(Date.UTC(year, 6, 1), tz));
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Naive ms → "yyyy-MM-ddTHH:mm:ss" (System.Text.Json for an Unspecified DateTime without fraction). */
export function formatNaive(naive: number): string {
  const d = new Date(naive);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export const NEVER = '0001-01-01T00:00:00';

/** Parses "yyyy-MM-ddTHH:mm:ss[.fff][Z|±hh:mm]" as UTC (no offset = UTC); NaN if invalid. */
export function parseUtc(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(text.trim());
  if (!m) return NaN;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(frac.padEnd(3, '0').slice(0, 3)));
  const check = new Date(base);
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1) return NaN;
  if (!zone || zone.toUpperCase() === 'Z') return base;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return base - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
}

/** ApiDateTime text: portal-local time with 7 fraction digits and the offset, e.g. "2027-03-10T09:00:03.0000000+01:00". */
export function formatApiDateTime(utcMs: number, tz: string): string {
  const off = offsetMinutes(utcMs, tz);
  const wall = utcToWall(Math.floor(utcMs / 1000) * 1000, tz);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  // ApiDateTime.ToRoundTripString: a zero offset is written "Z".
  if (off === 0) return `${formatNaive(wall)}.0000000Z`;
  return `${formatNaive(wall)}.0000000${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
