import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addPortal, expect, signIn, test } from './fixtures';

test.describe('failures get their own message', () => {
  test('signed out: a button that opens the sign-in page', async ({ portal, openPage }) => {
    await addPortal(openPage, portal.url);
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    await expect(popup.getByRole('alert')).toContainText('You are signed out of this portal.');
    await expect(popup.getByRole('link', { name: 'Sign in to the portal' })).toHaveAttribute('href', `${portal.url}/`);
  });

  test('not an admin: 403', async ({ context, portal, openPage }) => {
    await signIn(context, portal.url, 'user@example.com');
    await addPortal(openPage, portal.url);
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    await expect(popup.getByRole('alert')).toContainText('Only the portal owner and DocSpace admins can manage backups.');
  });

  for (const [name, fault, text] of [
    ['plan without backups: 402', { status: 402 }, 'does not include backups'],
    ['server error: 500', { status: 500 }, 'The portal had an error (HTTP 500).'],
    ['an HTML error page: 502', { status: 502, body: 'html' }, 'error page instead of data (HTTP 502)'],
    ['an answer of an unexpected shape', { body: { response: { storageType: 'weird' }, count: 1, status: 0, statusCode: 200 }, status: 200 }, 'answered in an unexpected way'],
    ['too many requests: 429', { status: 429, headers: { 'Retry-After': '30' } }, 'Too many requests'],
  ] as const) {
    test(name, async ({ context, portal, openPage }) => {
      await signIn(context, portal.url);
      await addPortal(openPage, portal.url);
      await portal.control('faults', { path: 'getbackupschedule', ...fault, times: 0 });
      const popup = await openPage('popup.html', `#portal=${portal.url}`);
      await expect(popup.getByRole('alert')).toContainText(text);
    });
  }

  test('no answer within 10 seconds', async ({ context, portal, openPage }) => {
    await signIn(context, portal.url);
    await addPortal(openPage, portal.url);
    await portal.control('faults', { path: 'getbackupschedule', delayMs: 15_000, times: 0 });
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    await expect(popup.getByRole('alert')).toContainText('did not answer within 10 seconds', { timeout: 15_000 });
  });

  test("the portal's own validation message for a bad value", async ({ context, portal, openPage }) => {
    await signIn(context, portal.url);
    await addPortal(openPage, portal.url);
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    await popup.getByRole('button', { name: 'Set up automatic backup' }).click();
    await popup.getByRole('button', { name: 'Choose a room or folder…' }).click();
    await popup.getByRole('button', { name: 'Backups', exact: true }).click();
    await popup.getByRole('button', { name: 'Back up to “Backups”' }).click();
    await portal.control('faults', { path: 'createbackupschedule', status: 500, body: { error: { message: 'Hour values must be between 0 and 23' }, status: 1, statusCode: 500 } });
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(popup.getByRole('alert').filter({ hasText: 'refused' })).toContainText('Hour values must be between 0 and 23');
    // Nothing typed is lost: the editor is still open with the room chosen.
    await expect(popup.locator('.chosen')).toHaveText('Backups');
  });

  test('a redirect to another host is not followed, and said so (the browser’s opaque redirect)', async ({ context, portal, openPage }) => {
    let hits = 0;
    const elsewhere = createServer((_req, res) => {
      hits++;
      res.end('{}');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    try {
      await signIn(context, portal.url);
      await addPortal(openPage, portal.url);
      const to = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/api/2.0/backup/getbackupschedule`;
      await portal.control('faults', { path: 'getbackupschedule', status: 307, headers: { Location: to }, times: 0 });
      const popup = await openPage('popup.html', `#portal=${portal.url}`);
      await expect(popup.getByRole('alert')).toContainText('The portal redirected the request to another address.');
      expect(hits).toBe(0);
    } finally {
      await new Promise((resolve) => elsewhere.close(resolve));
    }
  });

  test('a javascript: download link from the portal is never a Download button', async ({ context, portal, openPage }) => {
    await signIn(context, portal.url);
    await addPortal(openPage, portal.url);
    await portal.control('faults', {
      path: 'getbackupprogress',
      body: { response: { isCompleted: true, progress: 100, link: 'javascript:alert(document.domain)' }, count: 1, status: 0, statusCode: 200 },
      times: 0,
    });
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    // Back up now starts a backup; the progress the background then follows carries the link.
    await popup.getByRole('button', { name: 'Back up now' }).click();
    await expect(popup.getByTestId('link-refused')).toBeVisible();
    await expect(popup.getByRole('link', { name: 'Download the copy' })).toHaveCount(0);
  });
});
