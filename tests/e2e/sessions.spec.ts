// The sessions real portals issue (issue #10), against the local portal over HTTPS:
// DocSpace 3.8 self-hosted (`SameSite=None; Secure; HttpOnly; Partitioned`, which the
// service worker's fetch does not carry) and the default Strict cookie (which it does).
import type { Cookie, Page } from '@playwright/test';
import { addPortal, expect, PASSWORD, signIn, test, type PortalOptions } from './fixtures';

type Envelope = { response?: Record<string, unknown>; count: number };

const variants: Array<{ name: string; options: PortalOptions; partitioned: boolean; sameSite: Cookie['sameSite'] }> = [
  { name: '3.8 self-hosted: --samesite none --partitioned', options: { https: true, sameSite: 'none', partitioned: true }, partitioned: true, sameSite: 'None' },
  { name: 'the default Strict cookie', options: { https: true }, partitioned: false, sameSite: 'Strict' },
];

/** Everything an extension page can see or keep: its markup and the extension's storage. */
async function visibleTo(page: Page): Promise<string> {
  const storage = await page.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { storage: Record<string, { get(k: null): Promise<unknown> }> } }).chrome.storage;
    return { local: await api.local!.get(null), session: await api.session!.get(null) };
  });
  return (await page.content()) + JSON.stringify(storage);
}

/** Opens the editor of a popup showing "off", turns backup on and picks the Backups room. */
async function setUpInBackups(popup: Page) {
  await popup.getByRole('button', { name: 'Set up automatic backup' }).click();
  await popup.getByRole('button', { name: 'Choose a room or folder…' }).click();
  await popup.getByRole('button', { name: 'Backups', exact: true }).click();
  await popup.getByRole('button', { name: 'Back up to “Backups”' }).click();
}

for (const v of variants) {
  test.describe(`Chromium, HTTPS portal, ${v.name}`, () => {
    test.use({ portalOptions: v.options });

    test('sign in on the portal’s page, then the popup reads and saves the schedule; signing out there signs the popup out', async ({
      context,
      portal,
      openPage,
    }) => {
      expect(portal.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const portalPage = await signIn(context, portal.url, 'admin@example.com');
      const [cookie] = (await context.cookies(portal.url)).filter((c) => c.name === 'asc_auth_key');
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: v.sameSite });
      // The cookie holds the token URL-escaped, as the server writes it.
      expect(cookie!.value).toMatch(/%2B|%2F/);
      expect(cookie!.value).toMatch(/%3D$/);
      const partitionKey = (cookie as Cookie & { partitionKey?: string }).partitionKey;
      if (v.partitioned) expect(partitionKey).toBe('https://127.0.0.1');
      else expect(partitionKey).toBeUndefined();

      await addPortal(openPage, portal.url);
      const popup = await openPage('popup.html', `#portal=${portal.url}`);
      await expect(popup.getByTestId('schedule-off')).toHaveText('Automatic backup is off.');
      await setUpInBackups(popup);
      await popup.getByLabel('How often').selectOption({ label: 'Every day' });
      await popup.getByLabel(/^Time, in the portal's time zone/).selectOption('5');
      await popup.getByLabel('Copies to keep').fill('4');
      await popup.getByRole('button', { name: 'Save', exact: true }).click();
      await expect(popup.getByText('Saved. The portal stores exactly this schedule.')).toBeVisible();

      const stored = (await portal.api('/api/2.0/backup/getbackupschedule')).json as Envelope;
      expect(stored.response).toMatchObject({ storageType: 0, storageParams: { folderId: '101' }, cronParams: { period: 0, hour: 5 }, backupsStored: 4 });

      // A fresh popup reads it back through the same session.
      const again = await openPage('popup.html', `#portal=${portal.url}`);
      await expect(again.getByTestId('schedule-sentence')).toContainText('Every day at 05:00 portal time (Europe/Berlin)');
      const token = decodeURIComponent(cookie!.value);
      for (const page of [popup, again]) {
        const seen = await visibleTo(page);
        expect(seen).not.toContain(cookie!.value);
        expect(seen).not.toContain(token);
      }

      // Signing out on the portal's page deletes the cookie (both variants) and ends its login event.
      await portalPage.getByRole('button', { name: 'Sign out' }).click();
      await expect(portalPage.getByLabel('Email')).toBeVisible();
      expect((await context.cookies(portal.url)).filter((c) => c.name === 'asc_auth_key')).toEqual([]);
      const signedOut = await openPage('popup.html', `#portal=${portal.url}`);
      await expect(signedOut.getByText('You are signed out of this portal.')).toBeVisible();
      await expect(signedOut.getByText("Sign in on the portal's page in this browser, then try again.")).toBeVisible();
    });

    test('a session the portal has expired (its clock a year on) reads as signed out, with the “sign in on the portal” message', async ({
      context,
      portal,
      openPage,
    }) => {
      await signIn(context, portal.url);
      await addPortal(openPage, portal.url);
      await portal.control('clock', { advanceMs: 366 * 86400_000 });
      const popup = await openPage('popup.html', `#portal=${portal.url}`);
      await expect(popup.getByText('You are signed out of this portal.')).toBeVisible();
      await expect(popup.getByText("Sign in on the portal's page in this browser, then try again.")).toBeVisible();
    });
  });
}

test.describe('Chromium, a portal on http://[::1]', () => {
  test.use({ portalOptions: { host: '::1' } });

  test('is added with its manifest permission, and the popup reads and saves its schedule with the browser’s cookie', async ({ context, portal, openPage }) => {
    expect(portal.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    await signIn(context, portal.url);
    const options = await addPortal(openPage, portal.url);
    await expect(options.getByText('Signed in as Olivia Owner')).toBeVisible();
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    await expect(popup.getByTestId('schedule-off')).toHaveText('Automatic backup is off.');
    await setUpInBackups(popup);
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(popup.getByText('Saved. The portal stores exactly this schedule.')).toBeVisible();
    expect(((await portal.api('/api/2.0/backup/getbackupschedule')).json as Envelope).response).toMatchObject({ storageType: 0, storageParams: { folderId: '101' } });
  });
});

test.describe('Chromium, a sign-in the portal has not completed (2FA code pending)', () => {
  test.use({ portalOptions: { https: true, sameSite: 'none', partitioned: true, tfaUsers: ['admin@example.com'] } });

  test('the popup says to sign in on the portal', async ({ context, portal, openPage }) => {
    const page = await context.newPage();
    await page.goto(`${portal.url}/`);
    await page.getByLabel('Email').fill('admin@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Enter the code from your authenticator app to finish signing in.')).toBeVisible();
    expect((await context.cookies(portal.url)).map((c) => c.name)).toEqual(['asc_confirm_key_TfaAuth']);
    await addPortal(openPage, portal.url);
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    await expect(popup.getByText('You are signed out of this portal.')).toBeVisible();
    await expect(popup.getByText("Sign in on the portal's page in this browser, then try again.")).toBeVisible();
  });
});
