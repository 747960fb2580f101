// Weekdays in the server's numbering (Quartz: 1 = Sunday … 7 = Saturday,
// server-api.md §5.5), ordered and named for the user's locale. The portal's
// own UI gets this mapping wrong (portal-ui.md §3a), so keep it in one place.

interface WeekInfo {
  /** ISO: 1 = Monday … 7 = Sunday */
  firstDay: number;
}

// Fallback when Intl has no week data: CLDR weekData as shipped in ICU 78
// (Node 20), current regions only. Others start on Monday, CLDR's default.
const SUNDAY_FIRST = new Set(
  ('AG AS BD BR BS BT BW BZ CA CO DM DO ET GT GU HK HN ID IL IN IS JM JP KE KH KR LA MH MM MO MT MX ' +
    'MZ NI NP PA PE PH PK PR PT PY SA SG SV TH TT TW UM US VE VI WS YE ZA ZW').split(' '),
);
const SATURDAY_FIRST = new Set('AF BH DJ DZ EG IQ IR JO KW LY OM QA SD SY'.split(' '));
const FRIDAY_FIRST = new Set(['MV']);

/** ISO weekday (1 = Monday … 7 = Sunday) to Quartz (1 = Sunday … 7 = Saturday). */
export function isoToQuartzDay(iso: number): number {
  return (iso % 7) + 1;
}

/** The Quartz day on which `locale`'s week starts. Throws RangeError for an invalid tag. */
export function firstDayOfWeek(locale: string): number {
  const loc = new Intl.Locale(locale);
  // getWeekInfo() in current engines; a `weekInfo` getter in older V8 (Node 20).
  const withWeek = loc as Intl.Locale & { getWeekInfo?: () => WeekInfo; weekInfo?: WeekInfo };
  const info = withWeek.getWeekInfo?.() ?? withWeek.weekInfo;
  if (info && isIntIn(info.firstDay, 1, 7)) return isoToQuartzDay(info.firstDay);

  const region = loc.maximize().region ?? '';
  if (SUNDAY_FIRST.has(region)) return 1;
  if (SATURDAY_FIRST.has(region)) return 7;
  if (FRIDAY_FIRST.has(region)) return 6;
  return 2;
}

/** Quartz day numbers in the order the locale lists weekdays. */
export function orderedWeekdays(locale: string): number[] {
  const first = firstDayOfWeek(locale);
  return Array.from({ length: 7 }, (_, i) => ((first - 1 + i) % 7) + 1);
}

/** The weekday's name, e.g. weekdayName(2, 'en', 'long') = "Monday". */
export function weekdayName(quartzDay: number, locale: string, style: 'long' | 'short'): string {
  if (!isIntIn(quartzDay, 1, 7)) throw new RangeError(`Weekday must be 1 (Sunday) to 7 (Saturday): ${quartzDay}`);
  // 2023-01-01 was a Sunday, so January (quartzDay) 2023 is that weekday.
  const date = new Date(Date.UTC(2023, 0, quartzDay, 12));
  return new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' }).format(date);
}

function isIntIn(n: number, min: number, max: number): boolean {
  return Number.isInteger(n) && n >= min && n <= max;
}
