import { vi } from 'vitest';
import english from '../../public/_locales/en/messages.json';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// fakeBrowser has no i18n: this answers browser.i18n from the English catalog,
// the way Chromium does ($NAME$ placeholders, $1…$9 substitutions, '' for an unknown key).

interface CatalogEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

const catalog: Record<string, CatalogEntry> = english;

/** The English text of a catalog message, substitutions filled in. */
export function message(key: string, substitutions?: string | (string | number)[]): string {
  const entry = catalog[key];
  if (!entry) return '';
  const subs = (substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions]).map(String);
  const positional = (text: string) => text.replace(/\$(\d)/g, (_m, n: string) => subs[Number(n) - 1] ?? '');
  const placeholders = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
  return entry.message
    .replace(/\$([a-z0-9_@]+)\$/gi, (whole, name: string) => {
      const content = placeholders[name.toLowerCase()];
      return content === undefined ? whole : positional(content);
    })
    .replace(/\$\$/g, '$');
}

/** Makes browser.i18n answer in English (or `language` for getUILanguage). Undo with vi.restoreAllMocks(). */
export function mockI18n(language = 'en') {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string, subs?: string | string[]) => message(key, subs));
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue(language);
}
