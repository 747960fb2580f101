import type { Page } from '@playwright/test';
import { Audit } from './audit';
import { addPortal, detailHash, expect, signIn, test } from './fixtures';

// Issue 12, the schedule editor: one-click setup, a footer that stays in view in
// a 600 px popup, notices brought into view, turning off as one action.

type Envelope = { response?: Record<string, unknown>; count: number };
const ROOM_DAILY = { storageType: 0, storageParams: [{ key: 'folderId', value: '101' }], backupsStored: 3, cronParams: { period: 0, hour: 1 } };

const save = (page: Page) => page.getByRole('button', { name: 'Save', exact: true });
const stored = async (portal: { api: (p: string) => Promise<{ json: unknown }> }) => ((await portal.api('/api/2.0/backup/getbackupschedule')).json as Envelope).response;

async function popupAt600(openPage: (file: string, hash?: string) => Promise<Page>, url: string) {
  const popup = await openPage('popup.html', `#portal=${url}`);
  await popup.setViewportSize({ width: 420, height: 600 });
  return popup;
}

test.describe('the schedule editor', () => {
  test.beforeEach(async ({ context, portal, openPage }) => {
    await signIn(context, portal.url);
    await addPortal(openPage, portal.url);
  });

  test('one click gives a ready form; Save saves a valid schedule', async ({ portal, openPage }) => {
    const popup = await popupAt600(openPage, portal.url);
    await popup.getByRole('button', { name: 'Set up automatic backup' }).click();
    await expect(popup.locator('.chosen')).toHaveText('Backups');
    await save(popup).click();
    await expect(popup.getByText('Saved. The portal stores exactly this schedule.')).toBeVisible();
    await expect(popup.getByTestId('schedule-sentence')).toContainText('Every day at 02:00 portal time (Europe/Berlin)');
    // What the portal stores, read from its API: daily at 02:00, to the Backups room (#101), 7 copies.
    expect(await stored(portal)).toMatchObject({ storageType: 0, storageParams: { folderId: '101' }, cronParams: { period: 0, hour: 2 }, backupsStored: 7, dump: false });
  });

  test('Save stays in the viewport of a 600 px popup while editing a long form', async ({ portal, openPage }) => {
    const popup = await popupAt600(openPage, portal.url);
    await popup.getByRole('button', { name: 'Set up automatic backup' }).click();
    await expect(save(popup)).toBeInViewport();
    // The longest form: S3 with its fields, monthly.
    await popup.getByLabel('Third-party storage').check();
    await popup.getByLabel('Storage', { exact: true }).selectOption('s3');
    await popup.getByLabel('Server Side Encryption Method').selectOption('awskms');
    await popup.getByLabel('How often').selectOption({ label: 'Every month' });
    const tall = await popup.evaluate(() => document.documentElement.scrollHeight);
    expect(tall, 'the form is taller than the popup').toBeGreaterThan(600);
    await popup.getByLabel(/Bucket/).focus();
    await expect(save(popup)).toBeInViewport();
    // At the foot of the form, the field being edited is not hidden under the footer.
    const copies = popup.getByLabel('Copies to keep');
    await copies.focus();
    await expect(copies).toBeInViewport();
    await expect(save(popup)).toBeInViewport();
    const [field, footer] = await Promise.all([copies.boundingBox(), popup.getByTestId('editor-footer').boundingBox()]);
    expect(field!.y + field!.height).toBeLessThanOrEqual(footer!.y);
    await popup.evaluate(() => window.scrollTo(0, 0));
    await expect(save(popup)).toBeInViewport();
  });

  test('the settings page editor keeps Save in view too', async ({ portal, openPage }) => {
    await portal.api('/api/2.0/backup/createbackupschedule', { method: 'POST', body: ROOM_DAILY });
    const options = await openPage(`options.html${detailHash(portal.url)}`);
    await options.setViewportSize({ width: 900, height: 600 });
    const schedule = options.locator('.portal-schedule');
    await schedule.getByRole('button', { name: 'Edit schedule' }).click();
    await schedule.getByLabel('Third-party storage').check();
    await schedule.getByLabel('Storage', { exact: true }).selectOption('s3');
    await schedule.getByLabel(/Bucket/).focus();
    await expect(save(options)).toBeInViewport();
  });

  test('a conflict notice is brought into view and takes the focus', async ({ portal, openPage }) => {
    await portal.api('/api/2.0/backup/createbackupschedule', { method: 'POST', body: ROOM_DAILY });
    const popup = await popupAt600(openPage, portal.url);
    await popup.getByRole('button', { name: 'Edit schedule' }).click();
    await popup.getByLabel('Third-party storage').check();
    await popup.getByLabel('Storage', { exact: true }).selectOption('googlecloud');
    await popup.getByLabel(/Bucket/).fill('b');
    await portal.api('/api/2.0/backup/createbackupschedule', { method: 'POST', body: { ...ROOM_DAILY, cronParams: { period: 0, hour: 9 } } });
    await save(popup).click();
    const conflict = popup.locator('.conflict');
    await expect(conflict).toBeFocused();
    await expect(conflict).toBeInViewport();
    await expect(conflict).toContainText('Every day at 09:00');
    await popup.getByRole('button', { name: 'Save mine instead' }).click();
    await expect(popup.getByText('Saved. The portal stores exactly this schedule.')).toBeVisible();
    expect(await stored(portal)).toMatchObject({ storageType: 5, storageParams: { module: 'googlecloud', bucket: 'b' } });
  });

  test("a refused save's notice is brought into view and takes the focus", async ({ portal, openPage }) => {
    const popup = await popupAt600(openPage, portal.url);
    await popup.getByRole('button', { name: 'Set up automatic backup' }).click();
    await expect(popup.locator('.chosen')).toHaveText('Backups');
    await popup.getByLabel('How often').selectOption({ label: 'Every month' });
    await portal.control('faults', { path: 'createbackupschedule', status: 500, body: { error: { message: 'Day-of-month values must be between 1 and 31' }, status: 1, statusCode: 500 } });
    await save(popup).click();
    const frame = popup.locator('.editor-notices > .notice-frame');
    await expect(frame).toBeFocused();
    await expect(frame).toContainText('Day-of-month values must be between 1 and 31');
    await expect(frame).toBeInViewport();
  });

  test('turning off is one action with its confirmation', async ({ portal, openPage }) => {
    await portal.api('/api/2.0/backup/createbackupschedule', { method: 'POST', body: ROOM_DAILY });
    const popup = await popupAt600(openPage, portal.url);
    await popup.getByRole('button', { name: 'Edit schedule' }).click();
    await popup.getByRole('button', { name: 'Turn off automatic backup' }).click();
    const dialog = popup.getByRole('alertdialog', { name: 'Turn off automatic backup?' });
    await expect(dialog).toBeInViewport();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    expect((await stored(portal)) ?? null).not.toBeNull();
    await dialog.getByRole('button', { name: 'Turn off', exact: true }).click();
    await expect(popup.getByText('Automatic backup is now off.')).toBeVisible();
    expect(await stored(portal)).toBeUndefined();
  });

  test('a third-party resource without an account says how to connect it and sends no old folder', async ({ portal, openPage }) => {
    await portal.api('/api/2.0/backup/createbackupschedule', {
      method: 'POST',
      body: { ...ROOM_DAILY, storageType: 1, storageParams: [{ key: 'folderId', value: 'sbox-1-backup' }] },
    });
    // The account has been disconnected since: the portal answers with no account.
    await portal.control('faults', { path: 'files/thirdparty/backup', status: 200, body: { count: 0, status: 0, statusCode: 200 }, times: 0 });
    const popup = await popupAt600(openPage, portal.url);
    await popup.getByRole('button', { name: 'Edit schedule' }).click();
    const notice = popup.getByTestId('no-third-party');
    await expect(notice).toContainText('No third-party account is connected');
    await expect(notice.getByRole('link')).toHaveAttribute('href', `${portal.url}/portal-settings/integration/third-party-services`);
    await save(popup).click();
    await expect(popup.getByText('Connect a third-party account on the portal first.')).toBeVisible();
    expect(await stored(portal)).toMatchObject({ storageType: 1, cronParams: { hour: 1 } }); // unchanged
  });

  test('axe finds nothing in the new editor states', async ({ portal, openPage }) => {
    test.setTimeout(120_000);
    const popup = await popupAt600(openPage, portal.url);
    const audit = new Audit(popup, { widths: [360], rtlWidths: [360], restoreWidth: 420 });
    await popup.getByRole('button', { name: 'Set up automatic backup' }).click();
    await expect(popup.locator('.chosen')).toHaveText('Backups');
    await audit.check('editor: one-click setup');
    // The local portal is self-hosted: the server-wide dump is offered, folded under More options.
    const dump = popup.getByLabel('Back up the whole server (database dump)');
    await expect(dump).toBeHidden();
    await popup.getByText('More options').click();
    await expect(dump).not.toBeChecked();
    await audit.check('editor: More options open (dump)');
    await popup.getByLabel('How often').selectOption({ label: 'Every week' });
    await expect(popup.getByTestId('weekday-note')).toBeVisible();
    await audit.check('editor: weekly, with the portal page note');
    await popup.getByLabel('Third-party storage').check();
    await popup.getByLabel('Storage', { exact: true }).selectOption('s3');
    await popup.getByLabel('Server Side Encryption Method').selectOption('awskms');
    await expect(popup.getByLabel('KMS Key Id')).toBeVisible();
    await audit.check('editor: S3 with SSE-KMS');
    await popup.getByRole('button', { name: 'Discard changes' }).click();

    await portal.api('/api/2.0/backup/createbackupschedule', { method: 'POST', body: ROOM_DAILY });
    await portal.control('faults', { path: 'files/thirdparty/backup', status: 200, body: { count: 0, status: 0, statusCode: 200 }, times: 0 });
    await popup.reload();
    await popup.getByRole('button', { name: 'Edit schedule' }).click();
    await popup.getByLabel('Third-party resource').check();
    await expect(popup.getByTestId('no-third-party')).toBeVisible();
    await audit.check('editor: third-party resource, no account');
    await popup.getByLabel('Backup room').check();
    await popup.getByRole('button', { name: 'Turn off automatic backup' }).click();
    await expect(popup.getByRole('alertdialog')).toBeVisible();
    await audit.check('editor: turn-off confirmation');
    await popup.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
    await popup.getByLabel(/^Time, in the portal's time zone/).selectOption('4');
    await portal.api('/api/2.0/backup/createbackupschedule', { method: 'POST', body: { ...ROOM_DAILY, cronParams: { period: 0, hour: 9 } } });
    await save(popup).click();
    await expect(popup.locator('.conflict')).toBeFocused();
    await audit.check('editor: conflict, focused');
    audit.assertClean();
  });
});
