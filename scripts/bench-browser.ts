// What both bench scripts do in the browser: start Chromium with the e2e build,
// and sign in on a local portal's own page as a person would.
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../tests/portal/test-client';
import { BROWSERS } from './browsers';

export async function launchWithExtension(ext: string): Promise<{ context: BrowserContext; id: string }> {
  const context = await chromium.launchPersistentContext('', {
    executablePath: BROWSERS.chromium,
    headless: true,
    args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return { context, id: new URL(worker.url()).host };
}

export async function signInPage(context: BrowserContext, url: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/`);
  await page.getByLabel('Email').fill('owner@example.com');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(/Signed in as/).waitFor();
  return page;
}
