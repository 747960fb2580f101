// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import arabic from '../../public/_locales/ar/messages.json';
import german from '../../public/_locales/de/messages.json';
import { applyDocumentLanguage } from './document-language';
import { uiLanguage } from '../extension/i18n';

type Catalog = Record<string, { message: string }>;

/** The browser as Debian's Chromium without its Arabic UI pack answers: our catalog, the browser's own @@ keys. */
function browserWith(catalog: Catalog, uiLocale: string, bidi = 'ltr') {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => {
    if (key === '@@ui_locale') return uiLocale.replace('-', '_');
    if (key === '@@bidi_dir') return bidi;
    return catalog[key]?.message ?? '';
  });
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue(uiLocale);
}

describe('applyDocumentLanguage', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('takes Arabic and right to left from the Arabic catalog while the browser says en-US and ltr', () => {
    browserWith(arabic, 'en-US');
    const doc = document.implementation.createHTMLDocument('');
    applyDocumentLanguage(doc);
    expect(doc.documentElement.lang).toBe('ar');
    expect(doc.documentElement.dir).toBe('rtl');
    expect(uiLanguage()).toBe('ar');
  });

  it('keeps the browser region when the catalog speaks its language', () => {
    browserWith(german, 'de-AT');
    const doc = document.implementation.createHTMLDocument('');
    applyDocumentLanguage(doc);
    expect(doc.documentElement.lang).toBe('de-AT');
    expect(doc.documentElement.dir).toBe('ltr');
  });

  it('is left to right with the browser language when there is no catalog', () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(() => {
      throw new Error('no i18n');
    });
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('fr');
    const doc = document.implementation.createHTMLDocument('');
    applyDocumentLanguage(doc);
    expect(doc.documentElement.lang).toBe('fr');
    expect(doc.documentElement.dir).toBe('ltr');
  });
});
