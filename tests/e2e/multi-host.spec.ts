// Several portals that the browser signs in to separately: the local portal on
// distinct *.localhost names (cookies ignore ports, so 127.0.0.1:A and :B would
// share one session). Each keeps its own asc_auth_key, and the extension reads
// each with the session the user has there.
import { EMAILS } from '../portal/lib/accounts';
import { startTestPortal, type TestPortal } from '../portal/test-client';
import { expect, signIn, test } from './fixtures';

test('two portals on branch1.localhost and branch2.localhost keep separate sign-ins', async ({ context, openPage }) => {
  const portals: TestPortal[] = [];
  try {
    portals.push(await startTestPortal({ host: 'branch1.localhost' }));
    portals.push(await startTestPortal({ host: 'branch2.localhost' }));
    const [one, two] = portals as [TestPortal, TestPortal];
    // One as the owner, the other as the DocSpace admin: two different sessions.
    await signIn(context, one.url, EMAILS.owner);
    await signIn(context, two.url, EMAILS.admin);
    const cookie = async (url: string) => (await context.cookies(url)).find((c) => c.name === 'asc_auth_key');
    const [c1, c2] = [await cookie(one.url), await cookie(two.url)];
    expect(c1?.domain).toBe('branch1.localhost');
    expect(c2?.domain).toBe('branch2.localhost');
    expect(c1?.value).not.toBe(c2?.value);

    // A schedule on the first portal only (through its API, as its owner).
    const body = { storageType: 0, storageParams: [{ key: 'folderId', value: '101' }], backupsStored: 3, cronParams: { period: 0, hour: 4 } };
    expect((await one.api('/api/2.0/backup/createbackupschedule', { method: 'POST', body })).status).toBe(200);

    const options = await openPage('options.html');
    for (const p of portals) {
      await options.getByLabel('Portal address').fill(p.url);
      await options.getByRole('button', { name: 'Add portal' }).click();
      await expect(options.locator(`.portal-row[data-origin="${p.url}"]`)).toBeVisible();
    }
    // Each row knows who is signed in there.
    await expect(options.locator(`.portal-row[data-origin="${one.url}"]`)).toContainText('Signed in as Olivia Owner');
    await expect(options.locator(`.portal-row[data-origin="${two.url}"]`)).toContainText('Signed in as Adam Admin');

    await options.getByRole('button', { name: 'Refresh all' }).click();
    await expect(options.locator(`tr[data-origin="${one.url}"]`)).toHaveAttribute('data-state', 'scheduled');
    await expect(options.locator(`tr[data-origin="${two.url}"]`)).toHaveAttribute('data-state', 'off');

    // The popup tells the fleet at a glance (one click: the icon), and a name there opens that portal.
    const popup = await openPage('popup.html', `#portal=${one.url}`);
    const glance = popup.getByTestId('fleet-glance');
    await expect(glance).toContainText('Portals that need attention: 1 of 2');
    await glance.getByRole('button', { name: new URL(two.url).host }).click();
    await expect(popup.locator('.portal-name')).toHaveText(two.url);
    await popup.close();

    // Signing out of one portal leaves the other signed in.
    const out = await context.newPage();
    await out.goto(`${one.url}/`);
    await out.getByRole('button', { name: 'Sign out' }).click();
    await options.getByRole('button', { name: 'Refresh all' }).click();
    await expect(options.locator(`tr[data-origin="${one.url}"]`)).toHaveAttribute('data-state', 'signed-out');
    await expect(options.locator(`tr[data-origin="${two.url}"]`)).toHaveAttribute('data-state', 'off');
    expect((await cookie(two.url))?.value).toBe(c2?.value);
  } finally {
    for (const p of portals) await p.close();
  }
});
