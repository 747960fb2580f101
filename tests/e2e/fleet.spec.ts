// Many portals on the settings page: import a list (preview first, nothing added
// until confirmed), export it, and the overview's counts, filter, search, sort
// and health report. Three local portals on distinct hosts, so each has its own
// sign-in (tests/portal/README.md): one scheduled (a fresh schedule, first backup ahead), one off, one signed out.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Download } from '@playwright/test';
import { startPortal, type RunningPortal } from '../portal/server';
import { parseCsv } from '../../utils/pure/fleet/csv';
import { Audit } from './audit';
import { addPortal, expect, signIn, test } from './fixtures';

const read = async (download: Download) => readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');

test('import a list with a preview, export it, and filter, sort, search and report the overview', async ({ context, portal, openPage }) => {
  const dirs = [mkdtempSync(path.join(tmpdir(), 'docspace-e2e-')), mkdtempSync(path.join(tmpdir(), 'docspace-e2e-'))];
  const extra: RunningPortal[] = [];
  try {
    extra.push(await startPortal({ port: 0, host: 'branch1.localhost', dataDir: dirs[0]!, testControls: true }));
    extra.push(await startPortal({ port: 0, host: 'branch2.localhost', dataDir: dirs[1]!, testControls: true }));
    const [off, signedOut] = extra as [RunningPortal, RunningPortal];
    await signIn(context, portal.url);
    await signIn(context, off.url);
    const body = { storageType: 0, storageParams: [{ key: 'folderId', value: '101' }], backupsStored: 3, cronParams: { period: 0, hour: 4 } };
    expect((await portal.api('/api/2.0/backup/createbackupschedule', { method: 'POST', body })).status).toBe(200);

    const options = await addPortal(openPage, portal.url);
    await options.getByTestId('portal-list-transfer').locator('summary').click();
    await options.getByLabel('Portals to import').fill(
      [
        'address,name',
        `${off.url},Branch one`,
        `${signedOut.url}/rooms,"Branch two, signed out"`,
        `${off.url},Again`,
        `${portal.url},Already there`,
        'http://insecure.example.com,Insecure',
      ].join('\n'),
    );
    await options.getByRole('button', { name: 'Preview' }).click();
    const preview = options.getByTestId('import-preview');
    await expect(preview.locator('[data-count="new"]')).toHaveText('New: 2');
    await expect(preview.locator('[data-count="duplicate"]')).toHaveText('Listed twice: 1');
    await expect(preview.locator('[data-count="exists"]')).toHaveText('Already added: 1');
    await expect(preview.locator('[data-count="bad"]')).toHaveText('Not a portal address: 1');
    await expect(preview.locator('tr[data-status="bad"]')).toContainText('6');
    await expect(preview.locator('tr[data-status="duplicate"]')).toContainText('Again');
    // Nothing is added before the confirmation.
    await expect(options.locator('.portal-row')).toHaveCount(1);
    await options.setViewportSize({ width: 1000, height: 800 });
    const audit = new Audit(options, { widths: [360, 800], rtlWidths: [800], height: 800, restoreWidth: 1000 });
    await audit.check('import preview');
    await preview.getByRole('button', { name: 'Add the new portals (2)' }).click();
    await expect(options.getByText('Portals added: 2.')).toBeVisible();
    await expect(options.locator('.portal-row')).toHaveCount(3);
    await expect(options.locator(`.portal-row[data-origin="${signedOut.url}"]`).getByLabel('Portal name')).toHaveValue('Branch two, signed out');

    // The same list again, from a file: everything is already there.
    const file = path.join(dirs[0]!, 'portals.txt');
    writeFileSync(file, `${off.url} Branch one\n${signedOut.url}\n`);
    await options.getByLabel('Or choose a file (.csv, .txt)').setInputFiles(file);
    await expect(preview.locator('[data-count="exists"]')).toHaveText('Already added: 2');
    await expect(preview.getByRole('button', { name: 'Add the new portals (0)' })).toBeDisabled();
    await preview.getByRole('button', { name: 'Cancel' }).click();

    // Export: a CSV that the import reads back.
    const [exported] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export the list (CSV)' }).click()]);
    expect(exported.suggestedFilename()).toMatch(/^docspace-portals-\d{4}-\d\d-\d\d\.csv$/);
    expect((await read(exported)).split('\r\n')).toEqual([
      'address,name',
      `${portal.url},127.0.0.1:${new URL(portal.url).port}`,
      `${off.url},Branch one`,
      `${signedOut.url},"Branch two, signed out"`,
      '',
    ]);

    // The overview: one of each state, counted; filter, search, sort.
    await options.getByRole('button', { name: 'Refresh all' }).click();
    const row = (url: string) => options.locator(`tr[data-origin="${url}"]`);
    await expect(row(portal.url)).toHaveAttribute('data-state', 'scheduled');
    await expect(row(off.url)).toHaveAttribute('data-state', 'off');
    await expect(row(signedOut.url)).toHaveAttribute('data-state', 'signed-out');
    const summary = options.getByTestId('overview-summary');
    await expect(summary.locator('[data-state="scheduled"]')).toContainText('1');
    await expect(summary.locator('[data-state="off"]')).toContainText('1');
    await expect(summary.locator('[data-state="signed-out"]')).toContainText('1');
    const rows = options.locator('table.overview tbody tr:not([hidden])');
    await expect(rows).toHaveCount(3);
    // #12: one glance. Off and signed out need attention; worst first unless chosen otherwise;
    // the room by its name, never its id; when each was checked; a link to each portal's detail view.
    await expect(options.getByTestId('overview-attention')).toHaveText('Portals that need attention: 2 of 3');
    await expect(rows.nth(0)).toHaveAttribute('data-origin', signedOut.url);
    await expect(rows.nth(2)).toHaveAttribute('data-origin', portal.url);
    await expect(row(off.url)).toHaveAttribute('data-attention', 'true');
    await expect(row(off.url)).toContainText('Needs attention');
    await expect(row(portal.url)).not.toContainText('Needs attention');
    await expect(row(portal.url)).toContainText('to the room Backups');
    await expect(options.locator('table.overview')).not.toContainText('#101');
    await expect(row(portal.url).locator('time').last()).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
    const link = row(off.url).getByRole('link', { name: 'Branch one' });
    await expect(link).toHaveAttribute('href', `#/portal/${encodeURIComponent(off.url)}`);
    await expect(options.locator(`.portal-row[data-origin="${off.url}"]`).getByRole('link', { name: 'Edit schedule' })).toHaveAttribute('href', `#/portal/${encodeURIComponent(off.url)}`);
    await link.click();
    await expect(options).toHaveURL(new RegExp(`#/portal/${encodeURIComponent(off.url).replace(/[.]/g, '\\.')}$`));
    await expect(options.locator(`[data-testid="portal-detail"][data-origin="${off.url}"]`)).toBeVisible();
    // Back to the overview, as the browser's Back button does.
    await options.goBack();
    await expect(options.getByTestId('overview')).toBeVisible();

    await options.getByLabel('Show', { exact: true }).selectOption('signed-out');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('data-origin', signedOut.url);
    await expect(options.getByText('Shown: 1 of 3')).toBeVisible();
    await audit.check('overview filtered');
    audit.assertClean();
    await options.getByLabel('Show', { exact: true }).selectOption('all');
    // The summary's buttons filter too.
    await summary.locator('[data-state="off"]').click();
    await expect(summary.locator('[data-state="off"]')).toHaveAttribute('aria-pressed', 'true');
    await expect(rows).toHaveCount(1);
    await summary.locator('[data-state="off"]').click();
    await expect(rows).toHaveCount(3);

    await options.getByLabel('Search by name').fill('branch');
    await expect(rows).toHaveCount(2);
    await options.getByLabel('Search by name').fill('');

    await options.getByLabel('Sort by').selectOption('name');
    await expect(rows.nth(0)).toHaveAttribute('data-origin', portal.url);
    await options.getByLabel('Sort by').selectOption('state');
    // Worst first: signed out, then off, then scheduled.
    await expect(rows.nth(0)).toHaveAttribute('data-origin', signedOut.url);
    await expect(rows.nth(1)).toHaveAttribute('data-origin', off.url);
    await expect(rows.nth(2)).toHaveAttribute('data-origin', portal.url);

    // The health report, in the order shown.
    const [report] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export health report (CSV)' }).click()]);
    expect(report.suggestedFilename()).toMatch(/^docspace-backup-health-\d{4}-\d\d-\d\d\.csv$/);
    const [header, ...lines] = parseCsv((await read(report)).trim(), ',').map((r) => r.fields);
    expect(header).toEqual(['portal', 'address', 'state', 'state_text', 'last_scheduled_run', 'last_run_outcome', 'last_run_error', 'next_run', 'storage', 'checked_at']);
    expect(lines.map((l) => l[1])).toEqual([signedOut.url, off.url, portal.url]);
    expect(lines[0]!.slice(0, 4)).toEqual(['Branch two, signed out', signedOut.url, 'signed-out', 'Signed out: sign in to the portal to check its backup.']);
    expect(lines[1]!.slice(2, 4)).toEqual(['off', 'Automatic backup is off.']);
    // A fresh schedule that has not run yet: no last run, outcome "never", a next run, the room.
    const [, , state, , last, outcome, error, next, storage, checked] = lines[2]!;
    expect([state, last, outcome, error]).toEqual(['scheduled', '', 'never', '']);
    expect(next).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    expect(storage).toBe('to the room Backups');
    expect(Date.now() - Date.parse(checked!)).toBeLessThan(60_000);
  } finally {
    for (const p of extra) await p.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
});
