import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startPortal, type RunningPortal } from '../portal/server';
import { portalTestClient } from '../portal/test-client';
import { detailHash, expect, openDetail, signIn, test } from './fixtures';

// Two portals: the fixture's (Europe/Berlin, on 127.0.0.1) and a second one in
// New York. The second is reached as localhost: cookies ignore ports, so two
// portals on 127.0.0.1 would overwrite each other's session cookie.

type Envelope = { response?: Record<string, unknown> };

async function scheduleOf(url: string): Promise<Record<string, unknown> | undefined> {
  return ((await portalTestClient(url).api('/api/2.0/backup/getbackupschedule')).json as Envelope).response;
}

async function addPortalOn(options: Page, url: string) {
  await options.getByLabel('Portal address').fill(url);
  await options.getByRole('button', { name: 'Add portal' }).click();
  await expect(options.locator(`.portal-row[data-origin="${url}"]`)).toBeVisible();
}

test.describe('many portals: copy, export and import', () => {
  let second: RunningPortal;
  let dataDir: string;
  let other: string;

  test.beforeEach(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'docspace-e2e-b-'));
    second = await startPortal({ port: 0, dataDir, timezone: 'America/New_York' });
    other = `http://localhost:${second.port}`;
  });

  test.afterEach(async () => {
    await second.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('copies a weekly schedule to another portal, re-picking the room, then exports and imports it', async ({ context, portal, openPage }, testInfo) => {
    await portal.api('/api/2.0/backup/createbackupschedule', {
      method: 'POST',
      body: { storageType: 0, storageParams: [{ key: 'folderId', value: '101' }], backupsStored: 7, cronParams: { period: 1, hour: 3, day: 2 } },
    });
    await signIn(context, portal.url);
    await signIn(context, other);

    const options = await openPage('options.html');
    await addPortalOn(options, portal.url);
    await addPortalOn(options, other);
    const sourceName = new URL(portal.url).host;
    const otherName = new URL(other).host;
    // The overview's row opens the portal's own view, at an address of its own.
    await openDetail(options, portal.url);
    await expect(options.getByRole('heading', { level: 2, name: sourceName })).toBeFocused();
    await expect(options.getByTestId('schedule-sentence')).toContainText('Every Monday at 03:00 portal time (Europe/Berlin)');

    // Copy (open in the portal's view): tick the other portal, see its zone; its room of the same name is chosen.
    const copy = options.getByTestId('copy-schedule');
    await expect(copy.getByTestId('copy-source')).toContainText('Every Monday at 03:00 portal time (Europe/Berlin)');
    await copy.getByRole('checkbox', { name: otherName }).check();
    const target = copy.locator(`[data-testid="copy-target"][data-origin="${other}"]`);
    await expect(target.getByTestId('copy-zone')).toHaveText('Time zone: America/New_York');
    await expect(target).toContainText('Automatic backup is off on this portal now.');
    // The same hour on that portal's clock by default; the same moment is the other choice.
    await expect(target.getByRole('radio', { name: /Same hour on this portal's clock: Every Monday at 03:00/ })).toBeChecked();
    await expect(target.getByRole('radio', { name: /Same moment as on the source portal: Every Sunday at 2[01]:00/ })).not.toBeChecked();
    await expect(target.locator('.chosen')).toHaveText('Backups');
    await expect(target).toContainText("Chosen because it has the same name as the source portal's room.");
    expect(await scheduleOf(other)).toBeUndefined();

    // Another room is one choice away.
    await target.getByRole('button', { name: 'Choose a room or folder…' }).click();
    await target.getByRole('button', { name: 'Marketing', exact: true }).click();
    await target.getByRole('button', { name: 'Back up to “Marketing”' }).click();
    await expect(target.locator('.chosen')).toHaveText('Marketing');
    await expect(target).not.toContainText('Chosen because it has the same name');
    await copy.getByRole('button', { name: 'Copy the schedule' }).click();
    await expect(target.getByTestId('copy-result')).toHaveAttribute('data-status', 'saved');
    await expect(target.getByTestId('copy-result')).toHaveText('Saved. The portal stores exactly this schedule.');
    await expect(copy.getByTestId('copy-status')).toHaveText('Copied to 1 of 1 portals.');

    expect(await scheduleOf(other)).toMatchObject({
      storageType: 0,
      storageParams: { folderId: '103' },
      cronParams: { period: 1, hour: 3, day: 2 },
      backupsStored: 7,
    });
    // The source is untouched.
    expect(await scheduleOf(portal.url)).toMatchObject({ storageParams: { folderId: '101' }, cronParams: { period: 1, hour: 3, day: 2 } });

    // Export the source's schedule.
    await options.getByText('Export and import').click();
    const files = options.getByTestId('export-import');
    const downloading = options.waitForEvent('download');
    await files.getByRole('button', { name: 'Export this schedule' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^docspace-backup-schedule-127\.0\.0\.1-\d+-\d{4}-\d{2}-\d{2}\.json$/);
    const saved = testInfo.outputPath('schedule.json');
    await download.saveAs(saved);
    const exported = JSON.parse(readFileSync(saved, 'utf8')) as Record<string, unknown>;
    expect(exported).toMatchObject({
      format: 'docspace-backup-schedule',
      version: 1,
      portal: { origin: portal.url, timezone: 'Europe/Berlin' },
      schedule: { period: 1, hour: 3, day: 2, backupsStored: 7, dump: false, storageType: 0, storageParams: { folderId: '101' }, storageTitle: 'Backups' },
      omitted: [],
    });
    await expect(files.getByTestId('export-status')).toContainText('Exported as docspace-backup-schedule-');

    // A broken file: clear problems, nothing else changes.
    await files.getByLabel('Schedule file (.json)').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "docspace-backup-schedule", "version": 1, "schedule": {"hour": 25}}') });
    await files.getByLabel('Import into').selectOption({ label: otherName });
    await files.getByRole('button', { name: 'Import', exact: true }).click();
    const problems = files.getByTestId('import-problems');
    await expect(problems).toContainText('This file cannot be imported:');
    await expect(problems).toContainText('schedule.hour: Choose an hour from 0 to 23.');
    await expect(problems).toContainText('schedule.period: Missing.');
    await expect(options.getByTestId('portal-detail')).toHaveAttribute('data-origin', portal.url);

    // Import the exported file on the other portal: the editor opens there with it as a draft.
    await files.getByLabel('Schedule file (.json)').setInputFiles(saved);
    await files.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(files.getByTestId('import-status')).toContainText(`Imported into ${otherName}.`);
    // Room 101 exists there too (the seed is the same): kept, with a word of caution.
    await expect(files.getByTestId('import-status')).toContainText('This portal also has a folder #101, “Backups”.');
    await expect(files.getByTestId('import-status')).toContainText('The hour was set for Europe/Berlin; it stays the same hour on this portal\'s clock (America/New_York).');
    // The import opens that portal's view (a new history entry) with the draft in its editor.
    await expect(options.getByTestId('portal-detail')).toHaveAttribute('data-origin', other);
    await expect.poll(() => new URL(options.url()).hash).toBe(detailHash(other));
    const editor = options.getByRole('form', { name: 'Edit the automatic backup' });
    await expect(editor.getByText('Unsaved changes are kept')).toBeVisible();
    await expect(editor.getByLabel(/^Time, in the portal's time zone \(America\/New_York\)/)).toHaveValue('3');
    await expect(editor.getByLabel('Copies to keep')).toHaveValue('7');
    await expect(editor.locator('.chosen').first()).toHaveText('Backups');
    await editor.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(options.getByText('Saved. The portal stores exactly this schedule.')).toBeVisible();
    await expect(options.getByTestId('schedule-sentence')).toContainText('Every Monday at 03:00 portal time (America/New_York)');

    expect(await scheduleOf(other)).toMatchObject({
      storageType: 0,
      storageParams: { folderId: '101' },
      cronParams: { period: 1, hour: 3, day: 2 },
      backupsStored: 7,
    });

    // Back and forward walk the views the user opened.
    await options.goBack();
    await expect(options.getByTestId('portal-detail')).toHaveAttribute('data-origin', portal.url);
    await options.goForward();
    await expect(options.getByTestId('portal-detail')).toHaveAttribute('data-origin', other);
    await options.getByRole('link', { name: 'All portals' }).click();
    await expect(options.getByTestId('overview')).toBeVisible();
    await expect(options.getByTestId('portal-detail')).toHaveCount(0);
  });

  test('the detail view opens from its address, stays on reload, and says when the portal is not in the list', async ({ context, portal, openPage }) => {
    await signIn(context, portal.url);
    const options = await openPage('options.html');
    await addPortalOn(options, portal.url);
    await addPortalOn(options, other);

    const direct = await openPage('options.html', detailHash(portal.url));
    const detail = direct.getByTestId('portal-detail');
    await expect(detail).toHaveAttribute('data-origin', portal.url);
    await expect(direct.getByRole('heading', { level: 2, name: new URL(portal.url).host })).toBeFocused();
    await expect(direct.locator('.portal-schedule')).toContainText('Automatic backup is off.');
    await expect(direct.getByTestId('overview')).toHaveCount(0);
    await direct.reload();
    await expect(detail).toHaveAttribute('data-origin', portal.url);
    await expect(direct.getByRole('button', { name: 'Set up automatic backup' })).toBeVisible();

    // A portal removed (or a stale link): said, with the way back.
    await direct.goto(direct.url().replace(/#.*$/, detailHash('https://gone.example.com')));
    await expect(direct.getByTestId('portal-unknown')).toContainText('This portal is not in your list. It may have been removed.');
    await direct.getByRole('link', { name: 'All portals' }).click();
    await expect(direct.locator(`.portal-row[data-origin="${portal.url}"]`)).toBeVisible();
    await expect(direct.getByLabel('Portal address')).toBeVisible();
  });
});
