import { uiLanguage } from './i18n';

/** Dates and times in the UI language; a time zone when the portal's is meant. */
export function formatDateTime(date: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
}

export function formatTime(date: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat(uiLanguage(), { hour: '2-digit', minute: '2-digit', timeZone }).format(date);
}

export function formatHour(hour: number): string {
  // A fixed date only carries the hour into Intl; UTC keeps it from shifting.
  return new Intl.DateTimeFormat(uiLanguage(), { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(
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
  const rtf = new Intl.RelativeTimeFormat(uiLanguage(), { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  }
  return rtf.format(Math.round(diff / 60e3), 'minute');
}

export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
