import { browser } from '#imports';
import { uiLanguage } from '../extension/i18n';

/** Sets the page's language and direction (right-to-left for Arabic) from the catalog in use. */
export function applyDocumentLanguage(doc: Document = document): void {
  try {
    doc.documentElement.lang = browser.i18n.getMessage('@@ui_locale').replace('_', '-') || uiLanguage();
    doc.documentElement.dir = browser.i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
  } catch {
    doc.documentElement.dir = 'ltr';
  }
}
