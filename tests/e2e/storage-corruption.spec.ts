import type { Page } from '@playwright/test';
import { addPortal, detailHash, expect, signIn, test } from './fixtures';

// Issue 11: corrupting each storage key in a real browser gives a page that
// works or explains (utils/pure/storage/registry.ts checks every value read).

type Area = { get(k: null): Promise<Record<string, unknown>>; set(v: object): Promise<void>; clear(): Promise<void> };
const area = () => (globalThis as unknown as { chrome: { storage: { local: Area } } }).chrome.storage.local;

async function storage(page: Page) {
  return page.evaluate(`(${area.toString()})().get(null)`) as Promise<Record<string, unknown>>;
}
async function replaceStorage(page: Page, values: Record<string, unknown>) {
  await page.evaluate(async (v) => {
    const local = (globalThis as unknown as { chrome: { storage: { local: Area } } }).chrome.storage.local;
    await local.clear();
    await local.set(v);
  }, values);
}

const GARBAGE: unknown[] = ['x', 42, { some: [1, { deep: true }] }, [null, 'x']];

/** The page drew something a user can act on, and threw nothing uncaught. */
async function expectWorking(page: Page, errors: Error[], what: RegExp) {
  await expect(page.locator('#app')).toContainText(what);
  await expect(page.getByTestId('page-error')).toHaveCount(0);
  expect(errors.map((e) => e.message)).toEqual([]);
}

test.describe('corrupted extension storage', () => {
  test('each key, each kind of damage: the popup and the settings page still work, and say what was reset', async ({ context, portal, openPage }) => {
    test.setTimeout(240_000);
    await signIn(context, portal.url);
    await portal.api('/api/2.0/backup/createbackupschedule', {
      method: 'POST',
      body: { storageType: 0, storageParams: [{ key: 'folderId', value: '101' }], backupsStored: 3, cronParams: { period: 1, hour: 4, day: 2 }, dump: false },
    });
    const options = await addPortal(openPage, portal.url);
    // Let the pages fill every per-portal key once: cache, health, time zone, drafts, manual backup.
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    await expect(popup.getByTestId('schedule-sentence')).toBeVisible();
    await popup.getByRole('button', { name: 'Edit schedule' }).click();
    await popup.getByLabel('Copies to keep').fill('5');
    // The settings page shows a schedule in the portal's own view.
    await options.goto(options.url().replace(/#.*$/, '') + detailHash(portal.url));
    await expect(options.getByTestId('schedule-sentence')).toBeVisible();
    await expect.poll(async () => Object.keys(await storage(options)).some((k) => k.startsWith('health:'))).toBe(true);
    const good = await storage(options);
    const keys = [
      ...Object.keys(good),
      `draft:${portal.url}`,
      `backup:${portal.url}`,
      `settings:${portal.url}`,
      'prefs',
      'lastPortal',
      'storageRepairs',
      'storageVersion',
    ].filter((k, i, all) => all.indexOf(k) === i);
    expect(keys).toEqual(expect.arrayContaining(['portals', `cache:${portal.url}`, `health:${portal.url}`, `draft-popup:${portal.url}`]));

    for (const key of keys) {
      for (const bad of GARBAGE) {
        await replaceStorage(options, { ...good, [key]: bad });
        // With the portal list broken beyond repair the settings page's overview says so; otherwise the portal's view.
        for (const [file, hash] of [['popup.html', `#portal=${portal.url}`], ['options.html', key === 'portals' ? '' : detailHash(portal.url)]] as const) {
          const page = await openPage(file, hash);
          const errors: Error[] = [];
          page.on('pageerror', (e) => errors.push(e));
          // With the portal list broken beyond repair the page says there are no portals; otherwise the schedule.
          await expectWorking(page, errors, key === 'portals' ? /No portals yet/ : /Every Monday at 04:00/);
          await page.close();
        }
        if (key === 'portals') {
          const after = await storage(options);
          expect(after.portals ?? []).toEqual([]);
          expect(after.storageRepairs).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'portals' })]));
        }
      }
    }
  });

  test('a broken portal entry is mended, and the popup says data was reset', async ({ context, portal, openPage }) => {
    await signIn(context, portal.url);
    const options = await addPortal(openPage, portal.url);
    const good = await storage(options);
    await replaceStorage(options, { ...good, portals: [...(good.portals as unknown[]), 'javascript:alert(1)', { origin: 42 }, null] });
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    await expect(popup.getByTestId('storage-repaired')).toContainText('Some data this extension saved was damaged and has been reset.');
    await expect(popup.getByTestId('schedule-off')).toBeVisible();
    expect((await storage(popup)).portals).toEqual(good.portals);
    await popup.getByRole('button', { name: 'Dismiss' }).click();
    await expect(popup.getByTestId('storage-repaired')).toHaveCount(0);
  });

  test('a cached schedule out of range (weekday 8) never blanks the popup', async ({ context, portal, openPage }) => {
    await signIn(context, portal.url);
    const options = await addPortal(openPage, portal.url);
    const good = await storage(options);
    const cached = {
      schedule: { storageType: 0, storageParams: { folderId: '101' }, cronParams: { period: 1, hour: 4, day: 8 }, backupsStored: 3, lastBackupTime: '0001-01-01T00:00:00', dump: false },
      portal: { timezone: 'Mars/Olympus', standalone: true },
      fingerprint: 'x',
      fetchedAt: 1,
    };
    await replaceStorage(options, { ...good, [`cache:${portal.url}`]: cached });
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    const errors: Error[] = [];
    popup.on('pageerror', (e) => errors.push(e));
    await expectWorking(popup, errors, /Automatic backup is off/);
  });

  test('the portal sending a schedule out of range: what is known, and the details to copy', async ({ context, portal, openPage }) => {
    await signIn(context, portal.url);
    await addPortal(openPage, portal.url);
    await portal.control('faults', {
      path: 'getbackupschedule',
      body: { response: { storageType: 0, storageParams: { folderId: '101' }, cronParams: { period: 1, hour: 1e15, day: 8 }, backupsStored: -5, lastBackupTime: '0001-01-01T00:00:00', dump: false }, count: 1, status: 0, statusCode: 200 },
      times: 0,
    });
    for (let i = 0; i < 2; i++) {
      const popup = await openPage('popup.html', `#portal=${portal.url}`);
      await expect(popup.getByRole('alert')).toContainText('The portal sent a schedule this extension cannot read.');
      await expect(popup.getByTestId('unreadable-known')).toContainText('storageParams.folderId: 101');
      await popup.getByText('Details', { exact: true }).click();
      await expect(popup.locator('.details-text')).toContainText('cronParams.hour');
      await popup.close();
    }
  });

  test('an address the browser would call "not a URL" reaches our own check', async ({ openPage }) => {
    const options = await openPage('options.html');
    await options.getByLabel('Portal address').fill('not a portal address');
    await options.getByRole('button', { name: 'Add portal' }).click();
    await expect(options.getByRole('alert')).toContainText('This is not a web address.');
  });
});
