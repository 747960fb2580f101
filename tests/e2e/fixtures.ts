import { chromium, test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPortal, type StartPortalOptions } from '../portal/server';
import { DEMO_PASSWORD, portalTestClient, type PortalTestClient } from '../portal/test-client';

export const EXTENSION_DIR = path.resolve('.output/chrome-mv3-e2e');
export const PASSWORD = DEMO_PASSWORD;
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Portal extends PortalTestClient {
  url: string;
}

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

/** Chromium with the e2e build loaded and a fresh profile, as every e2e test starts it. */
export function launchExtensionBrowser({ https = false } = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext('', {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // A 24-hour, Monday-first UI language, as in the examples the tests check.
      '--lang=en-GB',
      // The --https portal's certificate is made at start; a person trusts it instead (README).
      ...(https ? ['--ignore-certificate-errors'] : []),
    ],
    locale: 'en-GB',
    ignoreHTTPSErrors: https,
  });
}

export const test = base.extend<Fixtures>({
  portalOptions: [{}, { option: true }],
  portal: async ({ portalOptions }, use) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'docspace-e2e-'));
    const server = await startPortal({ port: 0, dataDir, testControls: true, backupSeconds: 3, ...portalOptions });
    await use({ url: server.url, ...portalTestClient(server.url, server.certificate?.cert) });
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
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
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(new URL(worker.url()).host);
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
export async function signIn(context: BrowserContext, portalUrl: string, user = 'owner@example.com') {
  const page = await context.newPage();
  await page.goto(`${portalUrl}/`);
  await page.getByLabel('Email').fill(user);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(/Signed in as/)).toBeVisible();
  return page;
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
