// Desktop notifications of a fleet in Firefox ESR (#14): portals that turn bad in one
// "Refresh all" make one digest; portals already told about are not told again; one portal
// alone gets its own. Turned on from the settings page: the click asks for the optional
// permission, which this profile grants without the prompt (a pref; WebDriver BiDi cannot
// answer it). The failures come from the portals' own fault controls.
//
// Three local portals on 127.0.0.1 (cookies ignore ports, so they share one sign-in): the two
// branches start knowing the session the first one issued to the browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, sendFromPage, signIn, startTestPortal, Ui, WAIT_MS, type Firefox, type TestPortal } from './harness';

const SCHEDULE = { storageType: 0, storageParams: [{ key: 'folderId', value: '101' }], backupsStored: 3, cronParams: { period: 0, hour: 4 } };
const SCHEDULE_PATH = '/api/2.0/backup/getbackupschedule';
const NOTIFY = "Show a desktop notification when a portal's backup needs attention";

describe('Firefox ESR: notifications of several portals', () => {
  let head: TestPortal;
  let one: TestPortal;
  let two: TestPortal;
  let firefox: Firefox;
  let ui: Ui;

  // Headless Firefox has no alert service to show a notification on: each is closed as soon as it
  // is made, in the order made, and notifications.onClosed names it to every page of the add-on.
  type Notifications = {
    create(id: string, options: Record<string, string>): Promise<string>;
    onClosed: { addListener(l: (id: string) => void): void };
  };
  type Page = { browser: { notifications: Notifications; runtime: { getURL(p: string): string } }; closedNotifications: string[] };
  const listen = () =>
    firefox.options.evaluate(() => {
      const page = globalThis as unknown as Page;
      page.closedNotifications = [];
      page.browser.notifications.onClosed.addListener((id) => page.closedNotifications.push(id));
    });
  /** What the add-on notified since the last call: everything closed before a probe made now. */
  const notified = async () => {
    const probe = `probe-${Date.now()}`;
    await firefox.options.evaluate(async (id) => {
      const { notifications, runtime } = (globalThis as unknown as Page).browser;
      await notifications.create(id, { type: 'basic', iconUrl: runtime.getURL('/icon/128.png'), title: 'probe', message: 'probe' });
    }, probe);
    await until(() => firefox.options.evaluate((id) => (globalThis as unknown as Page).closedNotifications.includes(id), probe), 'the probe closed');
    const closed = await firefox.options.evaluate(() => (globalThis as unknown as Page).closedNotifications.splice(0));
    return closed.slice(0, closed.indexOf(probe)).sort();
  };
  const until = async (check: () => Promise<boolean>, what: string) => {
    const deadline = Date.now() + WAIT_MS;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`still not ${what} after ${WAIT_MS} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const refreshAll = async (states: [TestPortal, string][]) => {
    await ui.click('Refresh all');
    // A second "check all" joins the running round and is answered once the round's digest went out.
    await sendFromPage(firefox.options, { type: 'health.checkAll' });
    for (const [p, state] of states) await ui.find('css', `tr[data-origin="${p.url}"][data-state="${state}"]`);
  };

  beforeAll(async () => {
    head = await startTestPortal();
    firefox = await launchFirefox(`${head.url}/`, (page) => signIn(page, head.url), { prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
    ui = new Ui(firefox.options);
    // The session the browser holds, known to the branches as well.
    const sessionToken = head.tokens().at(-1);
    expect(sessionToken).toBeTruthy();
    [one, two] = [await startTestPortal({ sessionToken }), await startTestPortal({ sessionToken })];
    for (const p of [head, one, two]) expect((await p.api('/api/2.0/backup/createbackupschedule', { method: 'POST', body: SCHEDULE })).status).toBe(200);
  });

  afterAll(async () => {
    await firefox?.close();
    await Promise.all([head, one, two].map((p) => p?.close()));
  });

  it('two portals that turn bad in one refresh make one digest, and are not told about again', async () => {
    for (const p of [head, one, two]) {
      await ui.fill('Portal address', p.url);
      await ui.click('Add portal');
      await ui.find('css', `.portal-row[data-origin="${p.url}"]`);
    }
    const box = await ui.label(NOTIFY);
    await box.click();
    await until(() => box.evaluate((el) => (el as HTMLInputElement).checked), 'checked');
    // The API is there once the permission is.
    await listen();
    await refreshAll([
      [head, 'scheduled'],
      [one, 'scheduled'],
      [two, 'scheduled'],
    ]);
    expect(await notified()).toEqual([]);

    for (const p of [one, two]) await p.control('faults', { path: SCHEDULE_PATH, status: 503, times: 0 });
    await refreshAll([
      [head, 'scheduled'],
      [one, 'unreachable'],
      [two, 'unreachable'],
    ]);
    expect(await notified()).toEqual(['health-digest']);

    await refreshAll([
      [one, 'unreachable'],
      [two, 'unreachable'],
    ]);
    expect(await notified()).toEqual([]);
  });

  it('one portal that alone turns bad gets its own notification', async () => {
    await two.control('faults', undefined, 'DELETE');
    await refreshAll([[two, 'scheduled']]);
    await two.control('faults', { path: SCHEDULE_PATH, status: 503, times: 0 });
    await refreshAll([
      [one, 'unreachable'],
      [two, 'unreachable'],
    ]);
    expect(await notified()).toEqual([`health:${two.url}`]);
  });
});
