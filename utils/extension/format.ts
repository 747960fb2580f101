import { t, uiLanguage } from './i18n';

// Making an Intl formatter costs far more than using one (the overview draws 500 rows with
// two dates each): keep one per language and options.
const formats = new Map<string, Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function cached<F extends Intl.DateTimeFormat | Intl.RelativeTimeFormat>(kind: string, options: object, make: (locale: string) => F): F {
  const locale = uiLanguage();
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let format = formats.get(key) as F | undefined;
  if (!format) formats.set(key, (format = make(locale)));
  return format;
}
const dateFormat = (options: Intl.DateTimeFormatOptions) => cached('date', options, (locale) => new Intl.DateTimeFormat(locale, options));

/**
 * A date and time in the UI language, always with its zone (the one rule of
 * issue #12, README "Times"): in the user's own zone it says "(your time)";
 * given the portal's zone, "portal time (Europe/Berlin)". Schedule hours are
 * the portal's (schedule-describe.ts); moments that happened or will happen
 * (last and next run, overdue, history, files made) are the user's.
 */
export function formatDateTime(date: Date, timeZone?: string): string {
  const text = formatDateTimeBare(date, timeZone);
  return timeZone ? t('portalTime', [text, timeZone]) : t('popupYourTimeLabel', text);
}

/** The same without the zone, for a place whose heading already names it. */
export function formatDateTimeBare(date: Date, timeZone?: string): string {
  return dateFormat({ dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
}

export function formatTime(date: Date, timeZone?: string): string {
  return dateFormat({ hour: '2-digit', minute: '2-digit', timeZone }).format(date);
}

export function formatHour(hour: number): string {
  // A fixed date only carries the hour into Intl; UTC keeps it from shifting.
  return dateFormat({ hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(
    Date.UTC(2024, 0, 1, hour),
  );
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600e3],
  ['month', 30 * 24 * 3600e3],
  ['week', 7 * 24 * 3600e3],
  ['day', 24 * 3600e3],
  ['hour', 3600e3],
  ['minute', 60e3],
];

export function formatRelative(date: Date, now = new Date()): string {
  const diff = date.getTime() - now.getTime();
  const rtf = cached('relative', { numeric: 'auto' }, (locale) => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  }
  return rtf.format(Math.round(diff / 60e3), 'minute');
}

export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
