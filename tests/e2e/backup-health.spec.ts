import { addPortal, berlinHour, DAY_MS, expect, HOUR_MS, readBadge, readStorage, signIn, test } from './health-fixtures';
import { detailHash } from './fixtures';

type Envelope<T> = { response?: T; count: number };
type HistoryRecord = { id: string; fileName: string; createdOn: string };
type Schedule = { storageType: number; storageParams: Record<string, string>; cronParams: { period: number; hour: number; day?: number }; backupsStored: number; lastBackupTime: string };

const RUNNING = /Backing up: \d+%|Preparing the backup…/;

test.describe('back up now and the history', () => {
  test.beforeEach(async ({ context, portal, openPage }) => {
    await signIn(context, portal.url);
    await addPortal(openPage, portal.url);
  });

  test('backs up to temporary storage at one click, downloads, cancels, keeps following with the popup closed, then lists and deletes the history', async ({
    context,
    portal,
    openPage,
    extensionId,
  }) => {
    const history = async () => ((await portal.api('/api/2.0/backup/getbackuphistory')).json as Envelope<HistoryRecord[]>).response ?? [];
    let popup = await openPage('popup.html', `#portal=${portal.url}`);
    const status = popup.getByTestId('backup-status');

    // 1. "Back up now" starts a backup to the temporary storage at once; it completes, and its copy downloads.
    await popup.getByRole('button', { name: 'Back up now' }).click();
    await expect(status).toHaveText(RUNNING);
    await expect(popup.getByRole('progressbar')).toBeVisible();
    await expect(status).toContainText('The backup copy is ready.');
    const link = popup.getByRole('link', { name: 'Download the copy' });
    const href = await link.getAttribute('href');
    expect(href).toMatch(new RegExp(`^${portal.url}/storage/backup/`));
    const [download] = await Promise.all([popup.waitForEvent('download', { timeout: 10_000 }), link.click()]);
    expect(await download.failure()).toBeNull();
    expect(download.suggestedFilename()).toMatch(/^localhost_\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}\.tar\.gz$/);
    const fetched = await context.request.get(href!);
    expect(fetched.status()).toBe(200);
    expect(fetched.headers()['content-disposition']).toContain('attachment');
    expect(await history()).toHaveLength(1);

    // 2. Another one, cancelled.
    await popup.getByRole('button', { name: 'Back up again' }).click();
    await expect(status).toHaveText(RUNNING);
    await popup.getByRole('button', { name: 'Cancel the backup' }).click();
    await expect(status).toHaveText('The backup was cancelled.');
    await expect(popup.getByRole('link', { name: 'Download the copy' })).toHaveCount(0);
    // The portal dequeued the task; the cancelled job is then written back as status 3, never a copy.
    const after = ((await portal.api('/api/2.0/backup/getbackupprogress')).json as Envelope<{ status: number }>).response;
    if (after) expect(after).toMatchObject({ status: 3, error: '', link: '' });
    expect(await history()).toHaveLength(1);

    // 3. A third one: close the popup, reopen it while the backup runs ("Back up now" follows that
    //    backup, it starts no other), close it again; the background keeps following it to the end
    //    with no page open.
    await popup.getByRole('button', { name: 'Back up again' }).click();
    await expect(status).toHaveText(RUNNING);
    await popup.close();
    popup = await openPage('popup.html', `#portal=${portal.url}`);
    await popup.getByRole('button', { name: 'Back up now' }).click();
    await expect(popup.getByTestId('backup-status')).toHaveText(RUNNING);
    await expect(popup.getByRole('button', { name: 'Cancel the backup' })).toBeVisible();
    await popup.close();
    const key = `backup:${portal.url}`;
    await expect
      .poll(async () => {
        const s = (await readStorage(context, extensionId, key)) as { following: boolean; progress: { isCompleted: boolean; link?: string } | null } | null;
        return { following: s?.following, completed: s?.progress?.isCompleted, link: !!s?.progress?.link };
      }, { timeout: 15_000 })
      .toEqual({ following: false, completed: true, link: true });
    expect(context.pages().some((p) => p.url().startsWith(`chrome-extension://${extensionId}/popup.html`))).toBe(false);
    // Back for the copy minutes later: "Back up now" shows the copy made here (no fourth backup),
    // Download is the main action, focused, and the file it gets is named.
    popup = await openPage('popup.html', `#portal=${portal.url}`);
    await popup.getByRole('button', { name: 'Back up now' }).click();
    await expect(popup.getByTestId('backup-status')).toContainText('The backup copy is ready.');
    await expect(popup.getByRole('link', { name: 'Download the copy' })).toHaveClass(/primary/);
    await expect(popup.getByRole('link', { name: 'Download the copy' })).toBeFocused();
    const named = await popup.getByTestId('backup-file').textContent();

    // 4. The history: both copies, newest first; delete one, then all, each after a confirmation.
    const stored = await history();
    expect(stored).toHaveLength(2);
    const [older, newer] = [...stored].sort((a, b) => a.createdOn.localeCompare(b.createdOn));
    await popup.getByRole('button', { name: 'Backup history' }).click();
    const rows = popup.locator('.history tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0).locator('.file')).toHaveText(newer!.fileName);
    await expect(rows.nth(1).locator('.file')).toHaveText(older!.fileName);
    // The newer copy is in temporary storage and its task's link is known: the history downloads it.
    expect(named).toBe(`File: \u2068${newer!.fileName}\u2069`);
    const fromHistory = await rows.nth(0).getByRole('link', { name: `Download ${newer!.fileName}` }).getAttribute('href');
    await expect(rows.nth(1).getByRole('link')).toHaveCount(0);
    expect(fromHistory).toMatch(new RegExp(`^${portal.url}/storage/backup/`));
    expect((await context.request.get(fromHistory!)).status()).toBe(200);

    await popup.getByRole('button', { name: `Delete the backup ${older!.fileName}?` }).click();
    const confirmOne = popup.getByRole('alertdialog', { name: `Delete the backup ${older!.fileName}?` });
    await expect(confirmOne).toBeVisible();
    expect(await history()).toHaveLength(2); // nothing happens before the confirmation
    await confirmOne.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(rows).toHaveCount(1);
    await expect(rows.nth(0).locator('.file')).toHaveText(newer!.fileName);
    expect((await history()).map((r) => r.id)).toEqual([newer!.id]);

    await popup.getByRole('button', { name: 'Delete all', exact: true }).click();
    const confirmAll = popup.getByRole('alertdialog', { name: /Delete every backup in the history\?/ });
    await confirmAll.getByRole('button', { name: 'Cancel' }).click();
    expect(await history()).toHaveLength(1);
    await popup.getByRole('button', { name: 'Delete all', exact: true }).click();
    await popup.getByRole('alertdialog', { name: /Delete every backup in the history\?/ }).getByRole('button', { name: 'Delete all' }).click();
    await expect(popup.getByText('No backups yet.')).toBeVisible();
    expect(await history()).toEqual([]);
  });
});

test.describe('backup health', () => {
  test.beforeEach(async ({ context, portal, openPage }) => {
    await signIn(context, portal.url);
    await addPortal(openPage, portal.url);
  });

  test('healthy after the scheduled runs, overdue when a slot is missed, then vanished (self-hosted); the badge follows', async ({
    context,
    portal,
    openPage,
    extensionId,
  }) => {
    // A daily slot about three hours before now (portal time), so "now" is
    // clear of its one-hour grace whichever hour the test runs.
    const hour = berlinHour(Date.now() - 3 * HOUR_MS);
    const create = () =>
      portal.api('/api/2.0/backup/createbackupschedule', {
        method: 'POST',
        body: { storageType: 0, storageParams: [{ key: 'folderId', value: '101' }], backupsStored: 5, cronParams: { period: 0, hour } },
      });
    const schedule = async () => ((await portal.api('/api/2.0/backup/getbackupschedule')).json as Envelope<Schedule>).response;

    // Two days back, create; then forward to two hours ago: the scheduler runs every slot crossed, the last ~3 h ago.
    await portal.control('clock', { advanceMs: -2 * DAY_MS });
    expect((await create()).status).toBe(200);
    await portal.control('clock', { advanceMs: 2 * DAY_MS - 2 * HOUR_MS });
    const ran = Date.parse(`${(await schedule())!.lastBackupTime}Z`);
    expect(Date.now() - ran).toBeGreaterThan(2 * HOUR_MS);
    expect(Date.now() - ran).toBeLessThan(5 * HOUR_MS);

    // The overview (its row) and the portal's own view (its health line), side by side in two tabs.
    const options = await openPage('options.html');
    const detail = await openPage('options.html', detailHash(portal.url));
    const health = detail.getByTestId('health');
    const row = options.locator(`tr[data-origin="${portal.url}"]`);
    await expect(health).toHaveAttribute('data-state', 'healthy');
    await expect(health).toContainText('Backups are running on schedule.');
    // Judged from the file the run made, not from lastBackupTime alone.
    await expect(health).toContainText(/Last backup file: localhost_\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}\.tar\.gz, made /);
    await options.getByRole('button', { name: 'Refresh all' }).click();
    await expect(row).toHaveAttribute('data-state', 'healthy');
    await expect(row).toHaveAttribute('aria-busy', 'false');
    await expect.poll(() => readBadge(context, extensionId)).toEqual({ text: '✓', title: `DocSpace Backup — all portals: Backups are running on schedule.` });

    // The same schedule, but the portal's clock only reached yesterday: today's slot never ran.
    await portal.control('reset');
    await portal.control('clock', { advanceMs: -2 * DAY_MS });
    expect((await create()).status).toBe(200);
    await portal.control('clock', { advanceMs: DAY_MS });
    await options.getByRole('button', { name: 'Refresh all' }).click();
    await expect(row).toHaveAttribute('data-state', 'overdue');
    await expect(row).toContainText('Overdue: no backup since the last scheduled time.');
    await expect(health).toHaveAttribute('data-state', 'overdue');
    await expect(health).toContainText(/The backup due at .+ has not run\./);
    await expect.poll(async () => (await readBadge(context, extensionId)).text).toBe('!');

    // Gone from the portal without an admin's deletion (no audit 5130): removed by the portal.
    await portal.control('schedule/vanish');
    await options.getByRole('button', { name: 'Refresh all' }).click();
    await expect(row).toHaveAttribute('data-state', 'vanished');
    await expect(health).toHaveAttribute('data-state', 'vanished');
    await expect(health).toContainText('The backup schedule has disappeared.');
    await expect(health).toContainText('No admin deleted it (the audit trail would show that): the portal removed it by itself.');
    await expect(health).not.toContainText('billing');
    await expect.poll(async () => (await readBadge(context, extensionId)).text).toBe('?');
  });
});

test.describe('a schedule that vanishes on a cloud portal', () => {
  test.use({ portalMode: 'cloud' });

  test('explains billing and recreates the last known schedule', async ({ context, portal, openPage, extensionId }) => {
    await signIn(context, portal.url);
    await addPortal(openPage, portal.url);
    const body = { storageType: 0, storageParams: [{ key: 'folderId', value: '101' }], backupsStored: 4, cronParams: { period: 1, hour: 5, day: 3 } };
    expect((await portal.api('/api/2.0/backup/createbackupschedule', { method: 'POST', body })).status).toBe(200);
    const before = ((await portal.api('/api/2.0/backup/getbackupschedule')).json as Envelope<Schedule>).response!;

    // The extension sees the schedule once (never run yet), with this month's backups (a 3.8 portal)…
    await portal.control('plan', { freeBackups: 2 });
    let popup = await openPage('popup.html', `#portal=${portal.url}`);
    await expect(popup.getByTestId('health')).toHaveAttribute('data-state', 'scheduled');
    await expect(popup.getByTestId('backups-this-month')).toHaveText(
      'Free backups left this month: 2 of 2. Backups this month: 0 free, 0 paid. A scheduled backup that cannot be paid for makes the portal delete the schedule.',
    );
    await popup.close();

    // …then the portal deletes it by itself.
    expect(await portal.control('schedule/vanish')).toEqual({ deleted: true });
    popup = await openPage('popup.html', `#portal=${portal.url}`);
    const health = popup.getByTestId('health');
    await expect(health).toHaveAttribute('data-state', 'vanished');
    await expect(health).toContainText('The backup schedule has disappeared.');
    await expect(health).toContainText('On a cloud portal this usually means billing');
    await expect.poll(async () => (await readBadge(context, extensionId)).text).toBe('?');

    await health.getByRole('button', { name: 'Recreate the last known schedule' }).click();
    await expect(health).toHaveAttribute('data-state', 'scheduled');
    const after = ((await portal.api('/api/2.0/backup/getbackupschedule')).json as Envelope<Schedule>).response;
    expect(after).toMatchObject({
      storageType: before.storageType,
      storageParams: before.storageParams,
      cronParams: before.cronParams,
      backupsStored: before.backupsStored,
    });
    await expect.poll(async () => (await readBadge(context, extensionId)).text).toBe('◷');

    // A 3.7 portal has no getbackupscountbypaid (404): nothing is shown, and nothing fails.
    await portal.control('plan', { countByPaid: false });
    await popup.close();
    popup = await openPage('popup.html', `#portal=${portal.url}`);
    await expect(popup.getByTestId('health')).toHaveAttribute('data-state', 'scheduled');
    await expect(popup.getByTestId('health')).toContainText('Checked');
    await expect(popup.getByTestId('backups-this-month')).toHaveCount(0);
  });
});
