import type { Page } from '@playwright/test';
import { addPortal, expect, openDetail, signIn, test } from './fixtures';

// Issue 11: the popup and the settings page editing the same portal at once lose nothing,
// and a save that finished after the popup closed leaves no stale draft behind.

type Envelope = { response?: { backupsStored?: number } };
const WEEKLY = { storageType: 0, storageParams: [{ key: 'folderId', value: '101' }], backupsStored: 2, cronParams: { period: 1, hour: 4, day: 2 }, dump: false };

async function editCopies(page: Page, value: string) {
  const schedule = page.locator('.portal-schedule');
  await schedule.getByRole('button', { name: 'Edit schedule' }).click();
  await schedule.getByLabel('Copies to keep').fill(value);
}

test.describe('drafts across pages', () => {
  test.beforeEach(async ({ context, portal }) => {
    await signIn(context, portal.url);
    await portal.api('/api/2.0/backup/createbackupschedule', { method: 'POST', body: WEEKLY });
  });

  test('editing in the popup and the settings page at once keeps both edits, and each page says so', async ({ portal, openPage }) => {
    const options = await addPortal(openPage, portal.url);
    await openDetail(options, portal.url);
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    await editCopies(popup, '3');
    await editCopies(options, '9');
    await expect(popup.getByTestId('other-draft')).toContainText('The settings page has unsaved edits of this schedule too.');
    await expect(options.getByTestId('other-draft')).toContainText('The popup has unsaved edits of this schedule too.');

    // Both survive closing and reopening; the reloaded settings page stays on the portal's view.
    await popup.close();
    await options.reload();
    await expect(options.getByTestId('portal-detail')).toBeVisible();
    const again = await openPage('popup.html', `#portal=${portal.url}`);
    await expect(again.getByLabel('Copies to keep')).toHaveValue('3');
    await expect(options.getByLabel('Copies to keep')).toHaveValue('9');

    // The popup saves; the settings page keeps its own edit and sees the change as a conflict to decide.
    await again.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(again.getByText('Saved. The portal stores exactly this schedule.')).toBeVisible();
    await expect(options.getByLabel('Copies to keep')).toHaveValue('9');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(options.getByText('The schedule changed on the portal since you started editing.')).toBeVisible();
    await options.getByRole('button', { name: 'Save mine instead' }).click();
    await expect(options.getByText('Saved. The portal stores exactly this schedule.')).toBeVisible();
    expect(((await portal.api('/api/2.0/backup/getbackupschedule')).json as Envelope).response?.backupsStored).toBe(9);
  });

  test('the popup taking the settings page’s edits', async ({ portal, openPage }) => {
    const options = await addPortal(openPage, portal.url);
    await openDetail(options, portal.url);
    await editCopies(options, '9');
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    await popup.getByTestId('other-draft').getByRole('button', { name: 'Use those edits' }).click();
    await expect(popup.getByLabel('Copies to keep')).toHaveValue('9');
    await expect(options.getByLabel('Copies to keep')).toHaveValue('9');
  });

  test('a save that finishes after the popup closed leaves no stale draft and no false conflict', async ({ portal, openPage }) => {
    await addPortal(openPage, portal.url);
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    await editCopies(popup, '3');
    await portal.control('faults', { path: 'createbackupschedule', delayMs: 1500 });
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await popup.close();
    await expect.poll(async () => ((await portal.api('/api/2.0/backup/getbackupschedule')).json as Envelope).response?.backupsStored).toBe(3);
    const again = await openPage('popup.html', `#portal=${portal.url}`);
    await expect(again.getByTestId('schedule-sentence')).toContainText('keeps 3 copies');
    await expect(again.getByRole('button', { name: 'Edit schedule' })).toBeVisible();
    await expect(again.getByText('Unsaved changes are kept')).toHaveCount(0);
  });
});
