// Issue #12, "back up now and download": the clicks from the toolbar to a downloadable
// copy, counted in real Chromium against the local portal; never two backups for one
// request (a double click, a second press, a backup already running); a start the
// portal refuses, told as such; and the same flow in the settings page's portal view.
import type { Locator } from '@playwright/test';
import { addPortal, expect, signIn, test, type RunningTestPortal } from './health-fixtures';
import { detailHash } from './fixtures';

type Envelope<T> = { response?: T };
type HistoryRecord = { id: string; fileName: string; storageType: number };

const RUNNING = /Backing up: \d+%|Preparing the backup…/;
const FILE = /^localhost_\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}\.tar\.gz$/;

/**
 * Counts the portal's startbackup requests: a fault that only delays (so a second click
 * has time to land) and passes each request on, consuming one of its `times`.
 */
async function countStarts(portal: RunningTestPortal) {
  const TIMES = 1000;
  await portal.control('faults', { path: 'startbackup', method: 'POST', delayMs: 400, times: TIMES });
  return async () => {
    const { queued } = (await portal.control('faults', undefined, 'GET')) as { queued: { path?: string; times: number }[] };
    return TIMES - (queued.find((f) => f.path === 'startbackup')?.times ?? 0);
  };
}

const history = async (portal: RunningTestPortal) =>
  ((await portal.api('/api/2.0/backup/getbackuphistory')).json as Envelope<HistoryRecord[]>).response ?? [];

test.describe('back up now and download', () => {
  test.beforeEach(async ({ context, portal, openPage }) => {
    await signIn(context, portal.url);
    await addPortal(openPage, portal.url);
  });

  test('from the toolbar to a downloaded copy in 3 clicks: the icon, Back up now, Download', async ({ portal, openPage }) => {
    // A portal with a schedule, so the popup is as tall as an admin's.
    const body = { storageType: 0, storageParams: [{ key: 'folderId', value: '101' }], backupsStored: 7, cronParams: { period: 1, hour: 2, day: 2 } };
    expect((await portal.api('/api/2.0/backup/createbackupschedule', { method: 'POST', body })).status).toBe(200);
    const starts = await countStarts(portal);
    let clicks = 0;
    const click = async (target: Locator) => {
      clicks++;
      await target.click();
    };
    // Click 1, the toolbar icon, opens the popup (a test opens it as a tab, its portal in the hash).
    clicks++;
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    await popup.setViewportSize({ width: 420, height: 600 });
    await expect(popup.getByTestId('schedule-sentence')).toBeVisible();
    await click(popup.getByRole('button', { name: 'Back up now' }));
    const status = popup.getByTestId('backup-status');
    await expect(status).toHaveText(RUNNING);
    const download = popup.getByRole('link', { name: 'Download the copy' });
    await expect(download).toBeVisible({ timeout: 20_000 });
    await expect(download).toHaveClass(/primary/);
    await expect(download).toBeFocused();
    // The file is named; in a 600 px popup the panel is under the fold, and Download comes into view whole.
    await expect(popup.getByTestId('backup-file')).toHaveText(/^File: \u2068localhost_.+\.tar\.gz\u2069$/);
    await expect(download).toBeInViewport({ ratio: 1 });
    const [file] = await Promise.all([popup.waitForEvent('download', { timeout: 10_000 }), click(download)]);
    expect(await file.failure()).toBeNull();
    expect(file.suggestedFilename()).toMatch(FILE);
    await expect(popup.getByTestId('backup-file')).toHaveText(`File: \u2068${file.suggestedFilename()}\u2069`);
    expect(clicks).toBe(3);
    // To the temporary storage, once.
    expect(await starts()).toBe(1);
    expect((await history(portal)).map((r) => [r.fileName, r.storageType])).toEqual([[file.suggestedFilename(), 4]]);
  });

  test('a double click, a second press, another popup and the settings page start one backup between them', async ({ portal, openPage }) => {
    const starts = await countStarts(portal);
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    await popup.getByRole('button', { name: 'Back up now' }).dblclick();
    await expect(popup.getByTestId('backup-status')).toHaveText(RUNNING);
    await popup.getByRole('button', { name: 'Back up now' }).click();
    // The portal is running one: a second popup's Back up now follows it.
    const second = await openPage('popup.html', `#portal=${portal.url}`);
    await second.getByRole('button', { name: 'Back up now' }).click();
    await expect(second.getByTestId('backup-status')).toHaveText(RUNNING);
    await expect(second.getByRole('button', { name: 'Cancel the backup' })).toBeVisible();
    // The settings page's view shows the same backup running; it offers only to cancel it.
    const detail = await openPage('options.html', detailHash(portal.url));
    await expect(detail.getByTestId('backup-status')).toHaveText(RUNNING);
    await expect(detail.getByRole('button', { name: 'Cancel the backup' })).toBeVisible();
    await expect(detail.getByRole('button', { name: 'Back up now' })).toHaveCount(0);
    await expect(popup.getByRole('link', { name: 'Download the copy' })).toBeVisible({ timeout: 20_000 });
    await expect(second.getByRole('link', { name: 'Download the copy' })).toBeVisible();
    expect(await starts()).toBe(1);
    expect(await history(portal)).toHaveLength(1);
  });

  test('the settings page: Back up now starts at once; another storage is chosen first', async ({ portal, openPage }) => {
    const detail = await openPage('options.html', detailHash(portal.url));
    const status = detail.getByTestId('backup-status');
    // Nothing starts as the view opens, and no storage fields stand in the way.
    await expect(detail.getByRole('button', { name: 'Back up now' })).toBeVisible();
    await expect(detail.getByRole('group', { name: 'Where to put this backup' })).toHaveCount(0);
    await detail.getByRole('button', { name: 'Back up now' }).click();
    await expect(status).toHaveText(RUNNING);
    await expect(detail.getByRole('link', { name: 'Download the copy' })).toBeVisible({ timeout: 20_000 });

    await detail.getByRole('button', { name: 'Back up to another storage…' }).click();
    await expect(detail.getByRole('group', { name: 'Where to put this backup' })).toBeVisible();
    // No room picked yet: the field says so and nothing starts.
    await detail.getByRole('button', { name: 'Start backup' }).click();
    await expect(detail.locator('.backup-now .field-error')).toBeVisible();
    expect(await history(portal)).toHaveLength(1);
    await detail.locator('.backup-now').getByRole('button', { name: 'Choose a room or folder…' }).click();
    await detail.getByRole('button', { name: 'Finance', exact: true }).click();
    await detail.getByRole('button', { name: 'Back up to “Finance”' }).click();
    await detail.getByRole('button', { name: 'Start backup' }).click();
    await expect(status).toHaveText(RUNNING);
    await expect(status).toContainText('The backup copy is ready.', { timeout: 20_000 });
    // A copy in a room is not a download here.
    await expect(detail.getByRole('link', { name: 'Download the copy' })).toHaveCount(0);
    expect((await history(portal)).map((r) => r.storageType).sort()).toEqual([0, 4]);
  });
});

test.describe('a backup the portal will not start', () => {
  test.use({ portalMode: 'cloud' });

  test('says it did not start and why, and starts on Retry once the portal allows it', async ({ context, portal, openPage }) => {
    await signIn(context, portal.url);
    await addPortal(openPage, portal.url);
    // A cloud plan with its free backups used up and no paid backups (TenantQuotaException, 402).
    await portal.control('plan', { freeBackups: 0, serviceEnabled: false });
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    await popup.getByRole('button', { name: 'Back up now' }).click();
    const status = popup.getByTestId('backup-status');
    await expect(status).toHaveText('The backup did not start.');
    const alert = popup.locator('[role="alert"][data-failure="payment"]');
    await expect(alert).toContainText('The number of free backups should not exceed 0 within a month');
    await expect(popup.locator('progress')).toHaveCount(0);
    expect(await history(portal)).toEqual([]);

    await portal.control('plan', { serviceEnabled: true });
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(status).toHaveText(RUNNING);
    await expect(alert).toHaveCount(0);
  });
});
