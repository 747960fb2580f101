// Issue #9: the popup, badge and overview tell whether each scheduled run made a backup
// file, from what the local portal records (history, progress, audit trail). Failures,
// skipped runs and the clock come from the portal's test controls, never from forced state.
import { addPortal, berlinHour, expect, HOUR_MS, readBadge, signIn, test } from './health-fixtures';
import { detailHash } from './fixtures';

type Envelope<T> = { response?: T };
const MIN_MS = 60_000;

/** Quartz weekday (1 = Sunday) of an instant in the portal's zone (Europe/Berlin). */
function berlinWeekday(at: number): number {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short' }).format(at);
  return ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(name) + 1;
}

/** The first whole portal hour after `at` (Berlin has whole-hour offsets). */
const nextHour = (at: number) => Math.ceil((at + 1) / HOUR_MS) * HOUR_MS;

test.describe('what became of each scheduled run', () => {
  test.beforeEach(async ({ context, portal, openPage }) => {
    await signIn(context, portal.url);
    await addPortal(openPage, portal.url);
  });

  /** A weekly schedule whose only slot is the first whole hour after `from` (portal clock set to `from`). */
  async function weeklyAt(portal: { control: (p: string, b?: unknown) => Promise<unknown>; api: (p: string, i?: { method?: string; body?: unknown; user?: string }) => Promise<{ status: number }> }, from: number) {
    const slot = nextHour(from);
    await portal.control('clock', { set: new Date(from).toISOString() });
    const body = { storageType: 0, storageParams: [{ key: 'folderId', value: '101' }], backupsStored: 5, cronParams: { period: 1, hour: berlinHour(slot), day: berlinWeekday(slot) } };
    expect((await portal.api('/api/2.0/backup/createbackupschedule', { method: 'POST', body })).status).toBe(200);
    return slot;
  }

  test('a failed scheduled run shows the portal\'s error in the popup and flags the badge', async ({ context, portal, openPage, extensionId }) => {
    const slot = await weeklyAt(portal, Date.now() - 3 * HOUR_MS);
    await portal.control('backup-failure', { message: 'The backup room was deleted.' });
    await portal.control('clock', { set: new Date(Date.now()).toISOString() }); // back to now: the slot ran and failed
    const schedule = ((await portal.api('/api/2.0/backup/getbackupschedule')).json as Envelope<{ lastBackupTime: string }>).response!;
    expect(Date.parse(`${schedule.lastBackupTime}Z`)).toBe(slot);
    expect(((await portal.api('/api/2.0/backup/getbackuphistory')).json as Envelope<unknown[]>).response ?? []).toEqual([]);

    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    const health = popup.getByTestId('health');
    await expect(health).toHaveAttribute('data-state', 'failed');
    await expect(health).toContainText('The last backup failed.');
    await expect(health).toContainText('The portal said: The backup room was deleted.');
    await expect.poll(async () => (await readBadge(context, extensionId)).text).toBe('✗');
    expect((await readBadge(context, extensionId)).title).toContain('The last backup failed.');

    // The overview row tells the same from the same record.
    const options = await openPage('options.html');
    const row = options.locator(`tr[data-origin="${portal.url}"]`);
    await expect(row).toHaveAttribute('data-state', 'failed');
    await expect(row).toContainText('The portal said: The backup room was deleted.');
    // lastBackupTime is when the run started, not a backup: the column must not say "Last backup" beside a failure.
    await expect(options.getByRole('columnheader', { name: 'Last scheduled backup started' })).toBeVisible();

    // Signed out: the check fails; no green line, no stale verdict beside it.
    await context.clearCookies();
    await options.getByRole('button', { name: 'Refresh all' }).click();
    await expect(row).toHaveAttribute('data-state', 'signed-out');
    await expect(row).not.toContainText('The portal said');
    await expect.poll(async () => (await readBadge(context, extensionId)).text).toBe('⏻');
  });

  test('the same failure first checked 25 portal-hours later (progress gone) is still flagged, from the audit trail', async ({
    context,
    portal,
    openPage,
    extensionId,
  }) => {
    await weeklyAt(portal, Date.now() - 26 * HOUR_MS);
    await portal.control('backup-failure', { message: 'S3: access denied' });
    await portal.control('clock', { set: new Date(Date.now()).toISOString() }); // 25 h after the failed run
    expect(((await portal.api('/api/2.0/backup/getbackupprogress')).json as Envelope<unknown>).response).toBeUndefined();

    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    const health = popup.getByTestId('health');
    await expect(health).toHaveAttribute('data-state', 'failed');
    await expect(health).toContainText("The portal's audit trail records the failure; its error text is no longer available.");
    await expect.poll(async () => (await readBadge(context, extensionId)).text).toBe('✗');
  });

  test('a successful run shows its file', async ({ portal, openPage }) => {
    await weeklyAt(portal, Date.now() - 3 * HOUR_MS);
    await portal.control('clock', { set: new Date(Date.now()).toISOString() });
    const [record] = ((await portal.api('/api/2.0/backup/getbackuphistory')).json as Envelope<Array<{ fileName: string }>>).response!;
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    const health = popup.getByTestId('health');
    await expect(health).toHaveAttribute('data-state', 'healthy');
    await expect(health).toContainText(`Last backup file: ${record!.fileName}, made `);
  });

  test('a run skipped because another backup was running: no file made', async ({ context, portal, openPage, extensionId }) => {
    const slot = await weeklyAt(portal, Date.now() - 3 * HOUR_MS);
    await portal.control('clock', { set: new Date(slot - 5 * MIN_MS).toISOString() });
    // A manual backup (3 s of real time) is still running when the slot's tick comes.
    await portal.api('/api/2.0/backup/startbackup', { method: 'POST', body: { storageType: 4 } });
    const moved = (await portal.control('clock', { set: new Date(slot + MIN_MS).toISOString() })) as { ticks: Array<{ ran: Array<{ started: boolean }> }> };
    expect(moved.ticks.flatMap((t) => t.ran)).toEqual([expect.objectContaining({ started: false })]);
    await expect
      .poll(async () => ((await portal.api('/api/2.0/backup/getbackupprogress')).json as Envelope<{ isCompleted: boolean }>).response?.isCompleted, { timeout: 15_000 })
      .toBe(true);
    await portal.control('clock', { set: new Date(Date.now()).toISOString() });
    // The manual copy is in the history, made after lastBackupTime: still, the scheduled run made none.
    expect(((await portal.api('/api/2.0/backup/getbackuphistory')).json as Envelope<unknown[]>).response).toHaveLength(1);

    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    const health = popup.getByTestId('health');
    await expect(health).toHaveAttribute('data-state', 'no-file');
    await expect(health).toContainText('The last scheduled run made no backup file.');
    await expect(health).toContainText('Another backup may have been running then.');
    await expect.poll(async () => (await readBadge(context, extensionId)).text).toBe('!');
    // The overview's dot is as red as a failure's, not the grey of "not checked".
    const options = await openPage('options.html');
    const row = options.locator(`tr[data-origin="${portal.url}"]`);
    await expect(row).toHaveAttribute('data-state', 'no-file');
    await expect(row.locator('.dot')).toHaveCSS('background-color', 'rgb(207, 34, 46)');
  });

  test('a schedule that never ran says when its first backup is, not "running on schedule"', async ({ context, portal, openPage, extensionId }) => {
    await weeklyAt(portal, Date.now());
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    const health = popup.getByTestId('health');
    await expect(health).toHaveAttribute('data-state', 'scheduled');
    await expect(health).toContainText(/^Scheduled: first backup at .+\./);
    await expect(health).not.toContainText('running on schedule');
    await expect.poll(async () => (await readBadge(context, extensionId)).text).toBe('◷');
  });

  test('a schedule an admin deleted says who turned it off', async ({ portal, openPage }) => {
    await weeklyAt(portal, Date.now());
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    await expect(popup.getByTestId('health')).toHaveAttribute('data-state', 'scheduled');
    await popup.close();
    const admin = await portal.api('/api/2.0/backup/deletebackupschedule', { method: 'DELETE', user: 'admin@example.com' });
    expect(admin.status).toBe(200);
    const again = await openPage('popup.html', `#portal=${portal.url}`);
    const health = again.getByTestId('health');
    await expect(health).toHaveAttribute('data-state', 'turned-off');
    await expect(health).toContainText('An admin turned automatic backup off.');
    await expect(health).toContainText('Turned off by Adam Admin, ');
  });
});

test.describe('back up now', () => {
  test.beforeEach(async ({ context, portal, openPage }) => {
    await signIn(context, portal.url);
    await addPortal(openPage, portal.url);
  });

  test('a cancelled task the portal answers as completed (status 3) is never reported as done', async ({ portal, openPage }) => {
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    await popup.getByRole('button', { name: 'Back up now' }).click();
    const status = popup.getByTestId('backup-status');
    await expect(status).toHaveText(/Backing up: \d+%|Preparing the backup…/);
    await popup.getByRole('button', { name: 'Cancel the backup' }).click();
    await expect(status).toHaveText('The backup was cancelled.');
    // The portal then writes the cancelled task back as completed, no error, status 3 (run-outcomes.md).
    await expect
      .poll(async () => ((await portal.api('/api/2.0/backup/getbackupprogress')).json as Envelope<{ status: number; isCompleted: boolean }>).response)
      .toMatchObject({ status: 3, isCompleted: true });
    // The portal's view reads that answer afresh (it starts nothing when it opens): still cancelled, never "ready".
    const detail = await openPage('options.html', detailHash(portal.url));
    const again = detail.getByTestId('backup-status');
    await expect(detail.getByRole('button', { name: 'Back up again' })).toBeVisible();
    await expect(again).toHaveText('The backup was cancelled.');
    await expect(again).not.toContainText('ready');
    await expect(detail.getByRole('link', { name: 'Download the copy' })).toHaveCount(0);
    // And in the popup, "Back up now" after a cancelled one makes a new backup, not a "ready" one.
    await popup.reload();
    await popup.getByRole('button', { name: 'Back up now' }).click();
    await expect(status).toHaveText(/Backing up: \d+%|Preparing the backup…/);
    await expect(popup.getByRole('link', { name: 'Download the copy' })).toHaveCount(0);
  });
});

test.describe('the editor when the portal cannot list its storages', () => {
  test('still loads the schedule and says why the lists are missing', async ({ context, portal, openPage }) => {
    await signIn(context, portal.url);
    await addPortal(openPage, portal.url);
    // A third-party-storage schedule without "module": the real server's storage list is then a 500.
    const body = { storageType: 5, storageParams: [{ key: 'bucket', value: 'backups' }], backupsStored: 3, cronParams: { period: 0, hour: 4 } };
    expect((await portal.api('/api/2.0/backup/createbackupschedule', { method: 'POST', body })).status).toBe(200);
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    await expect(popup.getByTestId('schedule-sentence')).toBeVisible();
    await popup.getByRole('button', { name: 'Edit schedule' }).click();
    await expect(popup.getByTestId('storage-list-failed')).toContainText("The given key 'module' was not present in the dictionary.");
    await expect(popup.getByRole('button', { name: 'Save', exact: true })).toBeVisible();
  });
});
