// Desktop notifications of a fleet (#14): portals that turn bad in one "Refresh all" make one
// digest, never one notification per portal per check. Three local portals on distinct hosts,
// each with its own sign-in; their failures come from the portals' own fault controls. The e2e
// build holds the notifications permission from the start (wxt.config.ts): Playwright cannot
// answer the browser's prompt.
import type { Page } from '@playwright/test';
import { startTestPortal, type TestPortal } from '../portal/test-client';
import { addPortal, expect, signIn, test } from './fixtures';

type Chrome = {
  chrome: {
    notifications: { getAll(): Promise<Record<string, boolean>>; clear(id: string): Promise<boolean> };
    runtime: { sendMessage(message: unknown): Promise<unknown> };
  };
};

/** The extension's notifications on screen now, by id (the browser's own list). */
const shown = (page: Page) => page.evaluate(async () => Object.keys(await (globalThis as unknown as Chrome).chrome.notifications.getAll()).sort());
const clearAll = (page: Page) =>
  page.evaluate(async () => {
    const { notifications } = (globalThis as unknown as Chrome).chrome;
    await Promise.all(Object.keys(await notifications.getAll()).map((id) => notifications.clear(id)));
  });

const SCHEDULE = { storageType: 0, storageParams: [{ key: 'folderId', value: '101' }], backupsStored: 3, cronParams: { period: 0, hour: 4 } };
const SCHEDULE_PATH = '/api/2.0/backup/getbackupschedule';

test('portals that turn bad in one refresh make one digest; a portal already told about is not told again', async ({ context, portal, openPage }) => {
  const branches: TestPortal[] = [];
  try {
    branches.push(await startTestPortal({ host: 'branch1.localhost' }), await startTestPortal({ host: 'branch2.localhost' }));
    const [one, two] = branches as [TestPortal, TestPortal];
    for (const p of [portal, one, two]) {
      await signIn(context, p.url);
      expect((await p.api('/api/2.0/backup/createbackupschedule', { method: 'POST', body: SCHEDULE })).status).toBe(200);
    }
    let options = await addPortal(openPage, portal.url);
    for (const p of [one, two]) {
      await options.close();
      options = await addPortal(openPage, p.url);
    }
    const row = (url: string) => options.locator(`table.overview tr[data-origin="${url}"]`);
    const refreshAll = async (states: [TestPortal, string][]) => {
      await options.getByRole('button', { name: 'Refresh all' }).click();
      // A second "check all" joins the running round and is answered once the round's digest went out:
      // from then on, what the browser lists is all this refresh told.
      await options.evaluate(() => (globalThis as unknown as Chrome).chrome.runtime.sendMessage({ type: 'health.checkAll' }));
      for (const [p, state] of states) await expect(row(p.url)).toHaveAttribute('data-state', state);
    };

    // Turned on from the settings page: the permission is asked for by the click (already held here).
    await options.getByLabel("Show a desktop notification when a portal's backup needs attention").check();
    await expect(options.getByLabel("Show a desktop notification when a portal's backup needs attention")).toBeChecked();
    await refreshAll([
      [portal, 'scheduled'],
      [one, 'scheduled'],
      [two, 'scheduled'],
    ]);
    expect(await shown(options)).toEqual([]);

    // Two portals stop answering: one digest for both.
    for (const p of [one, two]) await p.control('faults', { path: SCHEDULE_PATH, status: 503, times: 0 });
    await refreshAll([
      [portal, 'scheduled'],
      [one, 'unreachable'],
      [two, 'unreachable'],
    ]);
    expect(await shown(options)).toEqual(['health-digest']);

    // The same two still down at the next refresh: nothing new to tell.
    await clearAll(options);
    await refreshAll([
      [one, 'unreachable'],
      [two, 'unreachable'],
    ]);
    expect(await shown(options)).toEqual([]);

    // One recovers, and later fails again on its own: that one portal's notification, not a digest.
    await two.control('faults', undefined, 'DELETE');
    await refreshAll([[two, 'scheduled']]);
    await two.control('faults', { path: SCHEDULE_PATH, status: 503, times: 0 });
    await refreshAll([
      [one, 'unreachable'],
      [two, 'unreachable'],
    ]);
    expect(await shown(options)).toEqual([`health:${two.url}`]);
  } finally {
    await Promise.all(branches.map((b) => b.close()));
  }
});
