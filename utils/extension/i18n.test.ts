import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { message, mockI18n } from '../../tests/unit/i18n-mock';
import { pickPlural, plural, t, uiLanguage } from './i18n';

const EN = 'one {keeps # copy} other {keeps # copies}';
const RU = 'one {хранит # копию} few {хранит # копии} many {хранит # копий} other {хранит # копии}';
const AR = 'zero {لا نسخ} one {نسخة واحدة} two {نسختان} few {# نسخ} many {# نسخة} other {# نسخة*}';

describe('pickPlural', () => {
  it.each([
    [0, 'keeps 0 copies'],
    [1, 'keeps 1 copy'],
    [2, 'keeps 2 copies'],
    [30, 'keeps 30 copies'],
  ])('en %i → %s', (count, text) => {
    expect(pickPlural(EN, count, 'en')).toBe(text);
  });

  it.each([
    [1, 'хранит 1 копию'],
    [21, 'хранит 21 копию'],
    [2, 'хранит 2 копии'],
    [4, 'хранит 4 копии'],
    [22, 'хранит 22 копии'],
    [5, 'хранит 5 копий'],
    [11, 'хранит 11 копий'],
    [12, 'хранит 12 копий'],
    [0, 'хранит 0 копий'],
    [1.5, 'хранит 1,5 копии'],
  ])('ru %s → %s', (count, text) => {
    expect(pickPlural(RU, count, 'ru')).toBe(text);
  });

  it.each([
    [0, 'zero'],
    [1, 'one'],
    [2, 'two'],
    [3, 'few'],
    [10, 'few'],
    [11, 'many'],
    [99, 'many'],
    [100, 'other'],
  ])('ar %i picks the %s form', (count, category) => {
    const pattern = 'zero {Z#} one {O#} two {T#} few {F#} many {M#} other {X#}';
    const number = new Intl.NumberFormat('ar').format(count);
    const letter = { zero: 'Z', one: 'O', two: 'T', few: 'F', many: 'M', other: 'X' }[category];
    expect(pickPlural(pattern, count, 'ar')).toBe(`${letter}${number}`);
  });

  it('ar: forms without # keep their words', () => {
    expect(pickPlural(AR, 0, 'ar')).toBe('لا نسخ');
    expect(pickPlural(AR, 2, 'ar')).toBe('نسختان');
  });

  it('formats # with the locale: grouping and decimals', () => {
    expect(pickPlural('other {# copies}', 1234, 'en')).toBe('1,234 copies');
    expect(pickPlural('other {# Kopien}', 1234, 'de')).toBe('1.234 Kopien');
    expect(pickPlural('other {# копии}', 1234, 'ru')).toBe('1\u00a0234 копии');
    expect(pickPlural('one {# copy} other {# copies}', 2.5, 'en')).toBe('2.5 copies');
  });

  it('replaces every #', () => {
    expect(pickPlural('other {# of #}', 3, 'en')).toBe('3 of 3');
  });

  it('an exact =N form wins over the category', () => {
    const pattern = '=0 {no copies} =1 {a single copy} one {# copy} other {# copies}';
    expect(pickPlural(pattern, 0, 'en')).toBe('no copies');
    expect(pickPlural(pattern, 1, 'en')).toBe('a single copy');
    expect(pickPlural(pattern, 2, 'en')).toBe('2 copies');
  });

  it("a missing category falls back to 'other'", () => {
    // ru 2 is 'few', which this pattern lacks.
    expect(pickPlural('one {# копию} other {# копии}', 2, 'ru')).toBe('2 копии');
  });

  it('text without forms is returned with # filled in', () => {
    expect(pickPlural('keepsCopies', 3, 'en')).toBe('keepsCopies');
    expect(pickPlural('# copies', 3, 'en')).toBe('3 copies');
  });
});

describe('t, plural and uiLanguage with the English catalog', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    mockI18n('en-US');
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('t fills $NAME$ placeholders in order', () => {
    expect(t('mismatchLine', ['cronParams.hour', '23', '22'])).toBe('cronParams.hour: sent 23, stored 22');
    expect(t('whenWeekly', ['Monday', '05:00'])).toBe('Every Monday at 05:00');
    expect(t('errTimeout', '10')).toBe('The portal did not answer within 10 seconds.');
    expect(t('errTimeout', [10])).toBe('The portal did not answer within 10 seconds.');
  });

  it('t falls back to the key when the catalog has no text', () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockReturnValue('');
    expect(t('save')).toBe('save');
  });

  it('plural reads the catalog and the UI language', () => {
    expect(plural('keepsCopies', 1)).toBe('keeps 1 copy');
    expect(plural('keepsCopies', 7)).toBe('keeps 7 copies');
  });

  it('uiLanguage is the browser language, or en when it cannot be read', () => {
    expect(uiLanguage()).toBe('en-US');
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockImplementation(() => {
      throw new Error('not implemented');
    });
    expect(uiLanguage()).toBe('en');
  });

  it('the mock itself resolves placeholders like the browser', () => {
    expect(message('tabLooksLikePortal', 'portal.example.com')).toBe('This tab looks like a DocSpace portal (portal.example.com).');
    expect(message('no-such-key')).toBe('');
  });
});
