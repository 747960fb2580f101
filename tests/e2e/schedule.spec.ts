import { addPortal, expect, signIn, test } from './fixtures';

type Envelope = { response?: Record<string, unknown>; count: number };

test.describe('reading and editing the schedule', () => {
  test.beforeEach(async ({ context, portal, openPage }) => {
    await signIn(context, portal.url);
    await addPortal(openPage, portal.url);
  });

  test('shows that automatic backup is off, then sets up a weekly schedule in a room', async ({ portal, openPage }) => {
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    await expect(popup.getByTestId('schedule-off')).toHaveText('Automatic backup is off.');

    await popup.getByRole('button', { name: 'Set up automatic backup' }).click();
    // One click gives a ready form: the Backups room, daily at 02:00, 7 copies.
    await expect(popup.locator('.chosen')).toHaveText('Backups');
    await expect(popup.getByLabel('How often')).toHaveValue('0');
    await expect(popup.getByLabel(/^Time, in the portal's time zone/)).toHaveValue('2');
    await expect(popup.getByLabel('Copies to keep')).toHaveValue('7');
    await popup.getByLabel('How often').selectOption({ label: 'Every week' });
    // en-GB weeks start on Monday: already chosen.
    await expect(popup.getByLabel('Day of the week')).toHaveValue('2');
    await expect(popup.getByTestId('weekday-note')).toContainText('one day later');
    await popup.getByLabel(/^Time, in the portal's time zone/).selectOption('3');
    await popup.getByRole('button', { name: 'Save', exact: true }).click();

    await expect(popup.getByText('Saved. The portal stores exactly this schedule.')).toBeVisible();
    await expect(popup.getByTestId('schedule-sentence')).toContainText('Every Monday at 03:00 portal time (Europe/Berlin)');
    await expect(popup.getByTestId('schedule-sentence')).toContainText('to the room Backups');
    await expect(popup.getByTestId('schedule-sentence')).toContainText('keeps 7 copies');
    await expect(popup.getByTestId('last-backup')).toHaveText('never');

    const stored = (await portal.api('/api/2.0/backup/getbackupschedule')).json as Envelope;
    expect(stored.response).toMatchObject({
      storageType: 0,
      cronParams: { period: 1, hour: 3, day: 2 }, // the server's weekday: 1 = Sunday, so Monday = 2
      backupsStored: 7,
    });
  });

  test('edits to a third-party storage with its fields and the S3 region list', async ({ portal, openPage }) => {
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    await popup.getByRole('button', { name: 'Set up automatic backup' }).click();
    await popup.getByLabel('Third-party storage').check();
    await popup.getByLabel('Storage', { exact: true }).selectOption('s3');
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    // The bucket is required, as on the portal's own page.
    await expect(popup.locator('.field-error').first()).toHaveText('Required.');

    await popup.getByLabel(/Bucket/).fill('company-backups');
    await popup.getByLabel(/Region/).selectOption('eu-central-1');
    // The encryption method is a choice; a KMS key only where one is used.
    await expect(popup.getByLabel('KMS Key Id')).toHaveCount(0);
    await popup.getByLabel('Server Side Encryption Method').selectOption({ label: 'Server-side: SSE-KMS' });
    await popup.getByLabel('KMS Key Id').fill('alias/backups');
    await popup.getByLabel('How often').selectOption({ label: 'Every month' });
    await popup.getByLabel('Day of the month').selectOption('31');
    await expect(popup.getByText('Months without a day 31 are skipped')).toBeVisible();
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(popup.getByText('Saved. The portal stores exactly this schedule.')).toBeVisible();

    const stored = (await portal.api('/api/2.0/backup/getbackupschedule')).json as Envelope;
    expect(stored.response).toMatchObject({
      storageType: 5,
      storageParams: { module: 's3', bucket: 'company-backups', region: 'eu-central-1', sse: 'awskms', ssekey: 'alias/backups' },
      cronParams: { period: 2, day: 31 },
    });
  });

  test('turns automatic backup off after a confirmation', async ({ portal, openPage }) => {
    await portal.api('/api/2.0/backup/createbackupschedule', {
      method: 'POST',
      body: { storageType: 'Documents', storageParams: [{ key: 'folderId', value: '101' }], backupsStored: 5, cronParams: { period: 'EveryDay', hour: 2 } },
    });
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    await expect(popup.getByTestId('schedule-sentence')).toContainText('Every day at 02:00');
    await popup.getByRole('button', { name: 'Edit schedule' }).click();
    // The editor names the room as the portal does, not by its id.
    await expect(popup.locator('.chosen')).toHaveText('Backups');
    await popup.getByRole('button', { name: 'Turn off automatic backup' }).click();
    await expect(popup.getByRole('alertdialog')).toContainText('deletes the schedule');
    await expect(popup.getByRole('alertdialog')).toBeInViewport();
    expect(((await portal.api('/api/2.0/backup/getbackupschedule')).json as Envelope).count).toBe(1);
    await popup.getByTestId('confirm-off').click();
    await expect(popup.getByText('Automatic backup is now off.')).toBeVisible();
    await expect(popup.getByTestId('schedule-off')).toBeVisible();
    expect(((await portal.api('/api/2.0/backup/getbackupschedule')).json as Envelope).response).toBeUndefined();
  });

  test('keeps a draft across closing and reopening the popup', async ({ portal, openPage }) => {
    let popup = await openPage('popup.html', `#portal=${portal.url}`);
    await popup.getByRole('button', { name: 'Set up automatic backup' }).click();
    await popup.getByLabel('Copies to keep').fill('12');
    await popup.close();

    popup = await openPage('popup.html', `#portal=${portal.url}`);
    await expect(popup.getByLabel('Copies to keep')).toHaveValue('12');
    await expect(popup.getByText('Unsaved changes are kept')).toBeVisible();
    await popup.getByRole('button', { name: 'Discard changes' }).click();
    await popup.close();
    popup = await openPage('popup.html', `#portal=${portal.url}`);
    await expect(popup.getByRole('button', { name: 'Set up automatic backup' })).toBeVisible();
  });

  test('warns about a concurrent edit and lets the user choose', async ({ portal, openPage }) => {
    const create = (hour: number) =>
      portal.api('/api/2.0/backup/createbackupschedule', {
        method: 'POST',
        body: { storageType: 0, storageParams: [{ key: 'folderId', value: '101' }], backupsStored: 3, cronParams: { period: 0, hour } },
      });
    await create(1);
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    await popup.getByRole('button', { name: 'Edit schedule' }).click();
    await popup.getByLabel(/^Time, in the portal's time zone/).selectOption('4');
    await create(9); // someone else, elsewhere
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    const conflict = popup.locator('.conflict');
    await expect(conflict).toContainText('changed on the portal');
    await expect(conflict).toContainText('Every day at 09:00');
    await expect(conflict).toContainText('Every day at 04:00');
    expect(((await portal.api('/api/2.0/backup/getbackupschedule')).json as Envelope).response).toMatchObject({ cronParams: { hour: 9 } });
    await popup.getByRole('button', { name: 'Save mine instead' }).click();
    await expect(popup.getByText('Saved. The portal stores exactly this schedule.')).toBeVisible();
    expect(((await portal.api('/api/2.0/backup/getbackupschedule')).json as Envelope).response).toMatchObject({ cronParams: { hour: 4 } });
  });
});
