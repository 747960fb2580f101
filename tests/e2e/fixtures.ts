import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM, E2E_EXTENSION_DIR, extensionIdOf, launchChromium, signInOnPortal } from '../../scripts/chromium';
import { DEMO_PASSWORD } from '../portal/lib/accounts';
import type { StartPortalOptions } from '../portal/server';
import { startTestPortal, type TestPortal } from '../portal/test-client';

export const EXTENSION_DIR = E2E_EXTENSION_DIR;
export const PASSWORD = DEMO_PASSWORD;
export { CHROMIUM };

/** A running local portal with its test client (tests/portal/test-client.ts); `url` is the browser's address. */
export type Portal = TestPortal;

/** How the local portal issues sessions: `test.use({ portalOptions: { https: true, sameSite: 'none', partitioned: true } })`. */
export type PortalOptions = Pick<StartPortalOptions, 'https' | 'sameSite' | 'partitioned' | 'host' | 'tfaUsers'>;

interface Fixtures {
  portalOptions: PortalOptions;
  portal: Portal;
  context: BrowserContext;
  extensionId: string;
  /** Opens an extension page (popup.html, options.html) in a tab. */
  openPage(file: string, hash?: string): Promise<Page>;
}

/**
 * Chromium with the e2e build loaded and a fresh profile, as every e2e test starts it
 * (scripts/chromium.ts). A 24-hour, Monday-first UI language (en-GB) unless `lang` says
 * otherwise; `https`: the --https portal's certificate is made at start, so accept any.
 */
export function launchExtensionBrowser({ https = false, lang = 'en-GB', args = [] as string[] } = {}): Promise<BrowserContext> {
  return launchChromium({ lang, ignoreHttpsErrors: https, args });
}

export const test = base.extend<Fixtures>({
  portalOptions: [{}, { option: true }],
  portal: async ({ portalOptions }, use) => {
    const portal = await startTestPortal({ backupSeconds: 3, ...portalOptions });
    await use(portal);
    await portal.close();
  },
  context: async ({ portalOptions }, use) => {
    if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
      throw new Error(`No e2e build in ${EXTENSION_DIR}: run "npm run build:e2e" first (npm test does it).`);
    }
    const context = await launchExtensionBrowser({ https: portalOptions.https === true });
    await use(context);
    await context.close();
  },
  extensionId: async ({ context }, use) => {
    await use(await extensionIdOf(context));
  },
  openPage: async ({ context, extensionId }, use) => {
    await use(async (file, hash = '') => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${file}${hash}`);
      return page;
    });
  },
});

export { expect };

/** Signs in on the portal's own page, as a person would. */
export function signIn(context: BrowserContext, portalUrl: string, user?: string) {
  return signInOnPortal(context, portalUrl, user);
}

/** Adds the portal on the options page (the e2e build holds the loopback permission). */
export async function addPortal(openPage: Fixtures['openPage'], portalUrl: string) {
  const options = await openPage('options.html');
  await options.getByLabel('Portal address').fill(portalUrl);
  await options.getByRole('button', { name: 'Add portal' }).click();
  await expect(options.locator(`.portal-row[data-origin="${portalUrl}"]`)).toBeVisible();
  return options;
}

/** The settings page's address of one portal's detail view (#12). */
export const detailHash = (origin: string) => `#/portal/${encodeURIComponent(origin)}`;

/** Opens a portal's detail view from the overview, by its row's link, as a person would. */
export async function openDetail(options: Page, origin: string) {
  await options.locator(`table.overview tr[data-origin="${origin}"] th`).locator('a, button').first().click();
  await expect(options.locator(`[data-testid="portal-detail"][data-origin="${origin}"]`)).toBeVisible();
  await expect.poll(() => new URL(options.url()).hash).toBe(detailHash(origin));
}
