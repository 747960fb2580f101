// The one way this project starts Chromium with the extension loaded: the
// Playwright e2e tests, the bench and `npm start` all come through here, so the
// flags (no network chatter, no first-run UI, the unpacked build) stay in one place.
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import path from 'node:path';
import { DEMO_PASSWORD, OWNER } from '../tests/portal/lib/accounts';
import { BROWSERS } from './browsers';

/** The demo/test build: grants the loopback portals at install (`npm run build:e2e`). */
export const E2E_EXTENSION_DIR = path.resolve('.output/chrome-mv3-e2e');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? BROWSERS.chromium;

export interface ChromiumOptions {
  /** The unpacked build to load; the e2e build by default. */
  extensionDir?: string;
  /** Headless unless false (`npm start` shows the window). */
  headless?: boolean;
  /** A profile folder kept between runs; a fresh temporary profile when empty. */
  userDataDir?: string;
  /**
   * The language the browser is started in, as a person's is: `--lang`, the LANGUAGE/LANG
   * environment and the pages' locale, e.g. 'en-GB', 'de' or 'ar'.
   */
  lang?: string;
  /** Accept any certificate (tests against an --https portal). */
  ignoreHttpsErrors?: boolean;
  /** More command-line switches. */
  args?: string[];
  /** Playwright's viewport; null lets the window size decide (a headed demo). */
  viewport?: { width: number; height: number } | null;
}

/** The switches for a given set of options (exported so a test can check them). */
export function chromiumArgs({ extensionDir = E2E_EXTENSION_DIR, lang, ignoreHttpsErrors = false, args = [] }: ChromiumOptions = {}): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    // The machines have no network: no update, sync or background requests.
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    ...(lang ? [`--lang=${lang}`] : []),
    ...(ignoreHttpsErrors ? ['--ignore-certificate-errors'] : []),
    ...args,
  ];
}

/** Chromium with the extension loaded. */
export function launchChromium(options: ChromiumOptions = {}): Promise<BrowserContext> {
  const { headless = true, userDataDir = '', lang, ignoreHttpsErrors = false, viewport } = options;
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless,
    args: chromiumArgs(options),
    ...(lang ? { locale: lang, env: { ...process.env, LANGUAGE: lang.replace('-', '_'), LANG: `${lang.replace('-', '_')}.UTF-8`, LC_ALL: '' } } : {}),
    ...(ignoreHttpsErrors ? { ignoreHTTPSErrors: true } : {}),
    ...(viewport !== undefined ? { viewport } : {}),
  });
}

/** The extension's id: the host of its service worker's URL. */
export async function extensionIdOf(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(worker.url()).host;
}

/**
 * A tab to use: the blank tab Chromium opened at start if it is still blank,
 * else a new one (so a headed demo shows no stray about:blank tab).
 */
export async function blankOrNewPage(context: BrowserContext): Promise<Page> {
  const blank = context.pages().find((p) => p.url() === 'about:blank');
  return blank ?? context.newPage();
}

/** Signs in on the portal's own page, as a person would; the page stays open. */
export async function signInOnPortal(context: BrowserContext, portalUrl: string, user = OWNER.email, page?: Page): Promise<Page> {
  const tab = page ?? (await context.newPage());
  await tab.goto(`${portalUrl}/`);
  await tab.getByLabel('Email').fill(user);
  await tab.getByLabel('Password').fill(DEMO_PASSWORD);
  await tab.getByRole('button', { name: 'Sign in', exact: true }).click();
  await tab.getByText(/Signed in as/).waitFor();
  return tab;
}
