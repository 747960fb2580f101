import { afterEach, describe, expect, it } from 'vitest';
import { firstDayOfWeek, isoToQuartzDay, orderedWeekdays, weekdayName } from './week';

// ISO weekday (1 = Mon … 7 = Sun) -> Quartz (1 = Sun … 7 = Sat), by hand.
const ISO_TO_QUARTZ: Record<number, number> = { 1: 2, 2: 3, 3: 4, 4: 5, 5: 6, 6: 7, 7: 1 };

/** What this engine's Intl says, read directly (ISO numbering), or undefined. */
function intlIsoFirstDay(locale: string): number | undefined {
  const l = new Intl.Locale(locale) as Intl.Locale & {
    getWeekInfo?: () => { firstDay: number };
    weekInfo?: { firstDay: number };
  };
  return (l.getWeekInfo?.() ?? l.weekInfo)?.firstDay;
}

/** Hide Intl week data so firstDayOfWeek must use its own table. */
function hideIntlWeekInfo(): () => void {
  const proto = Intl.Locale.prototype;
  const saved = (['getWeekInfo', 'weekInfo'] as const).map((k) => [k, Object.getOwnPropertyDescriptor(proto, k)] as const);
  for (const [k] of saved) Object.defineProperty(proto, k, { value: undefined, configurable: true });
  return () => {
    for (const [k, d] of saved) {
      if (d) Object.defineProperty(proto, k, d);
      else delete (proto as unknown as Record<string, unknown>)[k];
    }
  };
}

describe('isoToQuartzDay', () => {
  it('maps every ISO day', () => {
    for (let iso = 1; iso <= 7; iso++) expect(isoToQuartzDay(iso)).toBe(ISO_TO_QUARTZ[iso]);
  });
});

describe('firstDayOfWeek with Intl week data', () => {
  it('en-US starts on Sunday (1)', () => {
    expect(intlIsoFirstDay('en-US') ?? 7).toBe(7); // ICU: Sunday
    expect(firstDayOfWeek('en-US')).toBe(1);
  });

  it('de-DE starts on Monday (2)', () => {
    expect(intlIsoFirstDay('de-DE') ?? 1).toBe(1);
    expect(firstDayOfWeek('de-DE')).toBe(2);
  });

  it('ar-EG and fa-IR follow Intl (Saturday = 7 when Intl says ISO 6)', () => {
    for (const locale of ['ar-EG', 'fa-IR']) {
      const iso = intlIsoFirstDay(locale);
      if (iso === undefined) expect(firstDayOfWeek(locale)).toBe(7); // table fallback
      else expect(firstDayOfWeek(locale), locale).toBe(ISO_TO_QUARTZ[iso]);
    }
    // Node 20 / ICU 78 report Saturday for both.
    if (intlIsoFirstDay('ar-EG') === 6) expect(firstDayOfWeek('ar-EG')).toBe(7);
    if (intlIsoFirstDay('fa-IR') === 6) expect(firstDayOfWeek('fa-IR')).toBe(7);
  });

  it('throws RangeError for a malformed tag', () => {
    expect(() => firstDayOfWeek('not a locale!')).toThrow(RangeError);
  });
});

describe('firstDayOfWeek without Intl week data', () => {
  let restore: (() => void) | undefined;
  afterEach(() => {
    restore?.();
    restore = undefined;
  });

  it('uses the region table, inferring the region when missing', () => {
    restore = hideIntlWeekInfo();
    expect(intlIsoFirstDay('en-US')).toBeUndefined();
    expect(firstDayOfWeek('en-US')).toBe(1);
    expect(firstDayOfWeek('ja')).toBe(1); // -> JP
    expect(firstDayOfWeek('pt-BR')).toBe(1);
    expect(firstDayOfWeek('de-DE')).toBe(2);
    expect(firstDayOfWeek('en-GB')).toBe(2);
    expect(firstDayOfWeek('de')).toBe(2); // -> DE
    expect(firstDayOfWeek('ar-EG')).toBe(7);
    expect(firstDayOfWeek('fa')).toBe(7); // -> IR
    expect(firstDayOfWeek('dv-MV')).toBe(6); // Friday
    expect(firstDayOfWeek('ru')).toBe(2);
  });

  it('agrees with this engine\'s Intl for common locales', () => {
    // Includes regions CLDR has moved (CN and AE now start on Monday).
    const locales = ['en-US', 'en-GB', 'en-CA', 'en-AU', 'de-DE', 'fr-FR', 'ru-RU', 'ja-JP', 'zh-CN', 'zh-TW',
      'ko-KR', 'pt-BR', 'pt-PT', 'es-ES', 'es-MX', 'he-IL', 'ar-EG', 'ar-SA', 'ar-AE', 'fa-IR', 'hi-IN', 'tr-TR',
      'is-IS', 'dv-MV'];
    const fromIntl = locales.map((l) => intlIsoFirstDay(l));
    restore = hideIntlWeekInfo();
    locales.forEach((l, i) => {
      const iso = fromIntl[i];
      if (iso !== undefined) expect(firstDayOfWeek(l), l).toBe(ISO_TO_QUARTZ[iso]);
    });
  });
});

describe('orderedWeekdays', () => {
  it('starts at the locale\'s first day and wraps', () => {
    expect(orderedWeekdays('en-US')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(orderedWeekdays('de-DE')).toEqual([2, 3, 4, 5, 6, 7, 1]);
    if (intlIsoFirstDay('ar-EG') === 6) expect(orderedWeekdays('ar-EG')).toEqual([7, 1, 2, 3, 4, 5, 6]);
  });
});

describe('weekdayName', () => {
  it('names Quartz days with 1 = Sunday', () => {
    expect(weekdayName(1, 'en-US', 'long')).toBe('Sunday');
    expect(weekdayName(2, 'en-US', 'long')).toBe('Monday');
    expect(weekdayName(7, 'en-US', 'long')).toBe('Saturday');
    expect(weekdayName(4, 'en-US', 'short')).toBe('Wed');
    expect(weekdayName(2, 'de-DE', 'long')).toBe('Montag');
  });

  it('lists a German week from Monday', () => {
    expect(orderedWeekdays('de-DE').map((d) => weekdayName(d, 'de-DE', 'short'))).toEqual(
      ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So'],
    );
  });

  it('rejects days outside 1..7', () => {
    for (const d of [0, 8, 1.5]) expect(() => weekdayName(d, 'en-US', 'long')).toThrow(RangeError);
  });
});
