import { browser } from '#imports';

export type MessageKey = keyof typeof import('../../public/_locales/en/messages.json');

/** A string from the extension's message catalog; never hard-coded UI text. */
export function t(key: MessageKey, substitutions?: string | (string | number)[]): string {
  const subs = Array.isArray(substitutions) ? substitutions.map(String) : substitutions;
  try {
    return browser.i18n.getMessage(key, subs) || key;
  } catch {
    // No catalog (a test double): the key is still a readable stand-in.
    return key;
  }
}

/**
 * The language of the catalog in use, from a key each catalog sets to its own tag.
 * A browser without the UI pack of that language still picks our catalog, yet its
 * getUILanguage() and @@ui_locale answer another one (en-US beside an Arabic catalog).
 */
export function catalogLanguage(): string | null {
  try {
    return browser.i18n.getMessage('lookLocale') || null;
  } catch {
    return null;
  }
}

/** The browser's language when our catalog speaks it (en-GB keeps its 24-hour clock), else the catalog's. */
export function uiLanguage(): string {
  let browserLanguage = 'en';
  try {
    browserLanguage = browser.i18n.getUILanguage() || 'en';
  } catch {
    // No i18n API (a test double).
  }
  const catalog = catalogLanguage();
  if (!catalog) return browserLanguage;
  const primary = (tag: string) => tag.split(/[-_]/)[0]!.toLowerCase();
  return primary(catalog) === primary(browserLanguage) ? browserLanguage : catalog;
}

/**
 * Plural messages hold every form the language needs, as
 * `one {# copy} other {# copies}`; Intl.PluralRules picks one.
 */
export function plural(key: MessageKey, count: number): string {
  return pickPlural(t(key), count, uiLanguage());
}

export function pickPlural(pattern: string, count: number, locale: string): string {
  const forms = new Map<string, string>();
  for (const match of pattern.matchAll(/(zero|one|two|few|many|other|=\d+)\s*\{([^}]*)\}/g)) {
    forms.set(match[1]!, match[2]!);
  }
  const number = new Intl.NumberFormat(locale).format(count);
  const form = forms.get(`=${count}`) ?? forms.get(new Intl.PluralRules(locale).select(count)) ?? forms.get('other') ?? pattern;
  return form.replaceAll('#', number);
}
