import { browser } from '#imports';
import { uiLanguage } from '../extension/i18n';

/**
 * Sets the page's language and direction from the catalog in use. Not from @@bidi_dir or
 * @@ui_locale: a Chromium without its Arabic UI pack shows our Arabic catalog yet answers
 * ltr and en_US there, which laid Arabic out left to right.
 */
export function applyDocumentLanguage(doc: Document = document): void {
  const root = doc.documentElement;
  root.lang = uiLanguage();
  let dir = '';
  try {
    dir = browser.i18n.getMessage('lookDir');
  } catch {
    // No catalog: left to right below.
  }
  root.dir = dir === 'rtl' ? 'rtl' : 'ltr';
}
