import { chromium, test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startPortal } from '../portal/server';

export const EXTENSION_DIR = path.resolve('.output/chrome-mv3-e2e');
export const PASSWORD = 'docspace-demo';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Portal {
  url: string;
  /** Calls the portal's test controls. */
  control(path: string, body?: unknown, method?: string): Promise<unknown>;
  /** Calls the portal's API as a signed-in user, to check what is stored. */
  api(path: string, init?: { method?: string; body?: unknown; user?: string }): Promise<{ status: number; json: unknown }>;
}

interface Fixtures {
  portal: Portal;
  context: BrowserContext;
  extensionId: string;
  /** Opens an extension page (popup.html, options.html) in a tab. */
  openPage(file: string, hash?: string): Promise<Page>;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  portal: async ({}, use) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'docspace-e2e-'));
    const server = await startPortal({ port: 0, dataDir, testControls: true, backupSeconds: 3 });
    const tokens = new Map<string, string>();
    const login = async (user: string) => {
      if (tokens.has(user)) return tokens.get(user)!;
      const res = await fetch(`${server.url}/api/2.0/authentication`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ userName: user, password: PASSWORD }),
      });
      const token = ((await res.json()) as { response: { token: string } }).response.token;
      tokens.set(user, token);
      return token;
    };
    await use({
      url: server.url,
      async control(p, body, method = 'POST') {
        const res = await fetch(`${server.url}/__test__/${p}`, {
          method,
          headers: { 'Content-Type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        if (!res.ok) throw new Error(`test control ${p}: HTTP ${res.status} ${text}`);
        return text ? JSON.parse(text) : undefined;
      },
      async api(p, init = {}) {
        const token = await login(init.user ?? 'owner@example.com');
        const res = await fetch(`${server.url}${p}`, {
          method: init.method ?? 'GET',
          headers: { Authorization: token, 'Content-Type': 'application/json' },
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
        });
        const text = await res.text();
        return { status: res.status, json: text ? JSON.parse(text) : undefined };
      },
    });
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, use) => {
    if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
      throw new Error(`No e2e build in ${EXTENSION_DIR}: run "npm run build:e2e" first (npm test does it).`);
    }
    const context = await chromium.launchPersistentContext('', {
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
      ],
      locale: 'en-GB',
    });
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
