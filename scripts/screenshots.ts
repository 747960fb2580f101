// `npm run screenshots`: pictures of every state of the popup and the settings page,
// light and dark in English, and in German and Arabic with Chromium started in that
// language, into docs/screenshots/. Builds the e2e extension, drives it against the
// local DocSpace portal. Not part of `npm test`: the pictures change every day (dates).
// `npm run screenshots -- --no-build` reuses .output/chrome-mv3-e2e.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { launchChromium } from './chromium';
import { startPortal } from '../tests/portal/server';
import { portalTestClient, type PortalTestClient } from '../tests/portal/test-client';
import { DEMO_PASSWORD } from '../tests/portal/lib/accounts';

const EXTENSION = path.resolve('.output/chrome-mv3-e2e');
const OUT = path.resolve('docs/screenshots');
type Scheme = 'light' | 'dark';
/** Which languages, and in which schemes: English both, the others light (the dark rules are the same). */
const RUNS: { lang: string; catalog: string; schemes: Scheme[] }[] = [
  { lang: 'en-GB', catalog: 'en', schemes: ['light', 'dark'] },
  { lang: 'de', catalog: 'de', schemes: ['light'] },
  { lang: 'ar', catalog: 'ar', schemes: ['light', 'dark'] },
];
const only = process.argv.find((a) => a.startsWith('--lang='))?.slice(7);

if (!process.argv.includes('--no-build')) {
  const build = spawnSync('npx', ['wxt', 'build', '--mode', 'e2e'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
mkdirSync(OUT, { recursive: true });

/** Chromium started in a language as a person's is: command line and environment (scripts/chromium.ts). */
const launch = (lang: string): Promise<BrowserContext> => launchChromium({ extensionDir: EXTENSION, lang });

const createSchedule = (portal: PortalTestClient, hour: number, period = 1) =>
  portal.api('/api/2.0/backup/createbackupschedule', {
    method: 'POST',
    body: { storageType: 0, storageParams: [{ key: 'folderId', value: '101' }], backupsStored: 7, cronParams: { period, hour, day: 2 } },
  });

async function shoot(page: Page, file: string, schemes: Scheme[], taken: string[]) {
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    const name = `${file}-${scheme}.png`;
    // The popup as the browser shows it (at most 600 px high, its footer in view); the settings page whole.
    const popup = (page.viewportSize()?.width ?? 0) <= 420;
    await page.screenshot({ path: path.join(OUT, name), fullPage: !popup, animations: 'disabled', caret: 'hide' });
    taken.push(name);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function run({ lang, catalog, schemes }: (typeof RUNS)[number]) {
  const messages = JSON.parse(readFileSync(`public/_locales/${catalog}/messages.json`, 'utf8')) as Record<string, { message: string }>;
  const m = (key: string) => messages[key]?.message ?? key;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'docspace-shots-'));
  const server = await startPortal({ port: 0, dataDir, testControls: true, backupSeconds: 3 });
  const portal = portalTestClient(server.url);
  const context = await launch(lang);
  const taken: string[] = [];
  const skipped: string[] = [];
  const prefix = catalog;
  // A state that cannot be reached (another branch changed the page) is reported, not fatal.
  const state = async (name: string, page: Page, reach: () => Promise<unknown>) => {
    try {
      await reach();
      await page.locator(':focus').blur().catch(() => undefined);
      await page.mouse.move(0, 0);
      await shoot(page, `${prefix}-${name}`, schemes, taken);
    } catch (error) {
      skipped.push(`${name}: ${(error as Error).message.split('\n')[0]}`);
    }
  };
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const id = new URL(worker.url()).host;
    const open = async (file: string, hash = '', width = 420, height = 600) => {
      const page = await context.newPage();
      await page.setViewportSize({ width, height });
      await page.goto(`chrome-extension://${id}/${file}${hash}`);
      return page;
    };
    const signIn = await context.newPage();
    await signIn.goto(`${server.url}/`);
    await signIn.getByLabel('Email').fill('owner@example.com');
    await signIn.getByLabel('Password').fill(DEMO_PASSWORD);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await signIn.getByText(/Signed in as/).waitFor();

    const popup = await open('popup.html');
    await state('popup-no-portals', popup, () => popup.getByText(m('noPortalsYet').slice(0, 12)).waitFor());
    const options = await open('options.html', '', 1000, 800);
    await state('options-no-portals', options, () => options.getByLabel(m('portalUrl')).waitFor());

    await options.getByLabel(m('portalUrl')).fill(server.url);
    await options.getByLabel(m('portalNameOptional')).fill('Example Corp DocSpace');
    await options.getByRole('button', { name: m('addPortal') }).click();
    await options.locator(`[data-origin="${server.url}"]`).first().waitFor();

    await popup.goto(`chrome-extension://${id}/popup.html#portal=${server.url}`);
    await popup.reload();
    await state('popup-backup-off', popup, () => popup.getByTestId('schedule-off').waitFor());
    await state('popup-set-up', popup, async () => {
      await popup.getByRole('button', { name: m('setUpSchedule') }).click();
      await popup.getByRole('button', { name: m('save'), exact: true }).waitFor();
    });

    await createSchedule(portal, 2);
    await portal.control('schedule/lastbackup', { lastBackupTime: new Date(Date.now() - 86_400_000).toISOString().slice(0, 19) });
    await popup.reload();
    await state('popup-schedule', popup, () => popup.getByTestId('schedule-sentence').waitFor());
    await state('popup-editor', popup, async () => {
      await popup.getByRole('button', { name: m('editSchedule') }).click();
      await popup.getByRole('button', { name: m('save'), exact: true }).waitFor();
    });
    await popup.reload();
    // "Back up to another storage…" asks where; "Back up now" itself starts at once (temporary storage).
    await state('popup-back-up-now', popup, async () => {
      await popup.getByRole('button', { name: m('nowOtherStorage') }).click();
      await popup.getByRole('button', { name: m('startBackup') }).waitFor();
    });
    await state('popup-backing-up', popup, async () => {
      await popup.getByRole('button', { name: m('backupNow') }).click();
      await popup.locator('progress').waitFor();
    });
    await state('popup-backup-ready', popup, () => popup.getByTestId('backup-file').waitFor({ timeout: 20_000 }));
    await state('popup-backup-not-started', popup, async () => {
      await portal.control('faults', { path: 'startbackup', status: 402, times: 1 });
      await popup.getByRole('button', { name: m('nowAgain') }).click();
      await popup.locator('[data-failure="payment"]').waitFor();
    });
    await state('popup-history', popup, async () => {
      await popup.getByRole('button', { name: m('historyHeading') }).click();
      await popup.locator('.history .file').first().waitFor();
    });
    await state('popup-signed-out', popup, async () => {
      await portal.control('faults', { path: 'getbackupschedule', status: 401, times: 0 });
      await popup.reload();
      await popup.locator('[data-failure="signed-out"]').first().waitFor();
    });
    await portal.control('faults', undefined, 'DELETE');
    await state('popup-vanished', popup, async () => {
      await portal.control('schedule/vanish', {});
      await popup.reload();
      await popup.locator('[data-testid="health"][data-state="vanished"]').waitFor();
    });
    await createSchedule(portal, 2);

    await options.reload();
    await state('options-overview', options, async () => {
      await options.getByRole('button', { name: m('overviewRefresh') }).click();
      await options.locator(`tr[data-origin="${server.url}"]`).first().waitFor();
    });
    await state('options-detail', options, async () => {
      await options.goto(`chrome-extension://${id}/options.html#/portal/${encodeURIComponent(server.url)}`);
      await options.getByTestId('schedule-sentence').first().waitFor();
    });
    await state('options-editor', options, async () => {
      await options.locator('.portal-schedule').getByRole('button', { name: m('editSchedule') }).click();
      await options.getByRole('button', { name: m('save'), exact: true }).waitFor();
    });
  } finally {
    await context.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`${lang}: ${taken.length} screenshots`);
  for (const s of skipped) console.log(`  not reached: ${s}`);
  return skipped.length;
}

let missing = 0;
for (const r of RUNS) if (!only || r.catalog === only) missing += await run(r);
console.log(`Screenshots in ${path.relative(process.cwd(), OUT)}/${missing ? `; ${missing} state(s) not reached` : ''}`);
process.exit(missing ? 1 : 0);
