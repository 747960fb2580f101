import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../../scripts/chromium';
import { EXTENSION_DIR, expect, test } from './fixtures';

// The browser really started in a language, as a person's would be: its command-line
// language and its environment. Debian's Chromium without chromium-l10n still picks our
// Arabic catalog then, yet answers @@bidi_dir "ltr" and @@ui_locale "en_US": the pages
// must take dir and lang from the catalog they show.
const launchIn = (lang: string) => launchChromium({ lang });

// Both pages open with no portal yet, saying so in the catalog's words.
const noPortals = (locale: string) => {
  const catalog = JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8')) as Record<string, { message: string }>;
  return catalog.noPortalsYet!.message.split(/[.،]/)[0]!;
};
const CASES = [
  { lang: 'ar', dir: 'rtl', sample: noPortals('ar') },
  { lang: 'de', dir: 'ltr', sample: noPortals('de') },
] as const;

for (const { lang, dir, sample } of CASES) {
  test(`a browser started in ${lang}: both pages say lang="${lang}" and dir="${dir}"`, async () => {
    expect(existsSync(path.join(EXTENSION_DIR, 'manifest.json')), 'run "npm run build:e2e" first').toBe(true);
    const context = await launchIn(lang);
    try {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      const id = new URL(worker.url()).host;
      for (const file of ['popup.html', 'options.html']) {
        const page = await context.newPage();
        await page.goto(`chrome-extension://${id}/${file}`);
        // The catalog in use is this language's: its words are on the page.
        await expect(page.locator('body')).toContainText(sample);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await expect(page.locator('html')).toHaveAttribute('dir', dir);
        // What the browser itself reports, for the record: without the UI pack it is not Arabic.
        const reported = await page.evaluate(() => {
          const i18n = (globalThis as unknown as { chrome: { i18n: { getMessage(k: string): string } } }).chrome.i18n;
          return { bidi: i18n.getMessage('@@bidi_dir'), ui: i18n.getMessage('@@ui_locale'), catalog: i18n.getMessage('lookLocale') };
        });
        test.info().annotations.push({ type: `${file} in ${lang}`, description: JSON.stringify(reported) });
        expect(reported.catalog).toBe(lang);
        await page.close();
      }
    } finally {
      await context.close();
    }
  });
}
