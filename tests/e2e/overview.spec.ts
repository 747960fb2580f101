import { berlinHour, DAY_MS, expect, HOUR_MS, sessionToken, signIn, startTestPortal, test, type RunningTestPortal } from './health-fixtures';

test.describe('the overview of several portals', () => {
  test('each row shows its own state; a slow portal answering 500 holds up nobody', async ({ context, portal, openPage }) => {
    await signIn(context, portal.url);
    // The browser has one session cookie for 127.0.0.1 (cookies ignore ports): the extra portals accept its token.
    const token = await sessionToken(context, portal.url);
    const extra: RunningTestPortal[] = [await startTestPortal({ sessionToken: token }), await startTestPortal({ sessionToken: token })];
    try {
      const [healthy, overdue, broken] = [portal, extra[0]!, extra[1]!];
      const options = await openPage('options.html');
      for (const p of [healthy, overdue, broken]) {
        await options.getByLabel('Portal address').fill(p.url);
        await options.getByRole('button', { name: 'Add portal' }).click();
        await expect(options.locator(`.portal-row[data-origin="${p.url}"]`)).toBeVisible();
      }
      const rows = options.locator('table.overview tbody tr');
      await expect(rows).toHaveCount(3);

      // healthy: a new schedule (never run yet: "scheduled"). overdue: a daily slot ~3 h ago that its portal's clock (one day behind) never reached.
      const body = (hour: number) => ({ storageType: 0, storageParams: [{ key: 'folderId', value: '101' }], backupsStored: 3, cronParams: { period: 0, hour } });
      expect((await healthy.api('/api/2.0/backup/createbackupschedule', { method: 'POST', body: body(4) })).status).toBe(200);
      await overdue.control('clock', { advanceMs: -2 * DAY_MS });
      expect((await overdue.api('/api/2.0/backup/createbackupschedule', { method: 'POST', body: body(berlinHour(Date.now() - 3 * HOUR_MS)) })).status).toBe(200);
      await overdue.control('clock', { advanceMs: DAY_MS });
      // broken: every schedule read waits 5 s, then fails with HTTP 500.
      await broken.control('faults', { path: 'getbackupschedule', status: 500, delayMs: 5_000, times: 0 });

      const row = (p: { url: string }) => options.locator(`tr[data-origin="${p.url}"]`);
      await options.getByRole('button', { name: 'Refresh all' }).click();
      await expect(row(broken)).toHaveAttribute('aria-busy', 'true');
      // The other two are done while the broken one is still being checked.
      await expect(row(healthy)).toHaveAttribute('data-state', 'scheduled', { timeout: 3_000 });
      await expect(row(healthy)).toHaveAttribute('aria-busy', 'false');
      await expect(row(healthy)).toContainText(/Scheduled: first backup at .+\./);
      await expect(row(overdue)).toHaveAttribute('data-state', 'overdue', { timeout: 3_000 });
      await expect(row(overdue)).toHaveAttribute('aria-busy', 'false');
      await expect(row(overdue)).toContainText('Overdue: no backup since the last scheduled time.');
      await expect(row(broken)).toHaveAttribute('aria-busy', 'true');

      await expect(row(broken)).toHaveAttribute('data-state', 'unreachable');
      await expect(row(broken)).toHaveAttribute('aria-busy', 'false');
      await expect(row(broken)).toContainText('The portal cannot be reached.');
      await expect(row(healthy)).toHaveAttribute('data-state', 'scheduled');
      await expect(row(overdue)).toHaveAttribute('data-state', 'overdue');
      // #12: the summary line, the room by its name, and the failure told once in its row.
      await expect(options.getByTestId('overview-attention')).toHaveText('Portals that need attention: 2 of 3');
      await expect(row(healthy)).toContainText('to the room Backups');
      await expect(row(broken).locator('.overview-problem')).toHaveCount(1);
      // Worst first, as the badge ranks them: overdue, then unreachable, then scheduled.
      await expect(rows.nth(0)).toHaveAttribute('data-origin', overdue.url);
      await expect(rows.nth(1)).toHaveAttribute('data-origin', broken.url);
      await expect(rows.nth(2)).toHaveAttribute('data-origin', healthy.url);

      // The portal recovers: the next refresh shows it (it has no schedule: off).
      await broken.control('faults', undefined, 'DELETE');
      await options.getByRole('button', { name: 'Refresh all' }).click();
      await expect(row(broken)).toHaveAttribute('data-state', 'off');
    } finally {
      for (const p of extra) await p.close();
    }
  });
});
