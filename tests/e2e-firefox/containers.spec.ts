// Firefox containers: a portal session that lives in a container tab is used
// for that tab. The default cookie jar is signed in as a user who cannot manage
// backups; the container ("Work") as a DocSpace admin. The popup, opened while
// the container tab is the active one, must work with the admin's session, and
// the session token must never leave the background.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { findPage, launchFirefox, sendFromPage, signIn, startTestPortal, Ui, type Firefox, type TestPortal } from './harness';
import { setUpInBackups } from './popup-steps';

const CONTAINER = 'firefox-container-2'; // "Work", one of Firefox's default containers
type Envelope = { response?: Record<string, unknown>; count: number };

/** Runs in an extension page: the WebExtension API, untyped. */
type Api = { browser: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> };

describe('Firefox ESR: a portal session in a container tab', () => {
  let portal: TestPortal;
  let firefox: Firefox;
  let options: Ui;
  let containerTab: Page;
  const replies: unknown[] = [];
  /** Every token the portal issued; signing out revokes (forgets) one, so collect as we go. */
  const tokens = new Set<string>();
  const collectTokens = () => portal.tokens().forEach((t) => tokens.add(t));
  const ask = async (message: Record<string, unknown>) => {
    const reply = await sendFromPage(firefox.options, message);
    replies.push(reply);
    return reply;
  };

  beforeAll(async () => {
    portal = await startTestPortal();
    firefox = await launchFirefox(`${portal.url}/`, (page) => signIn(page, portal.url, 'user@example.com'));
    options = new Ui(firefox.options);
    await options.fill('Portal address', portal.url);
    await options.click('Add portal');
    await options.text('Signed in as Ulrich User');
  });

  afterAll(async () => {
    await firefox?.close();
    await portal?.close();
  });

  it('opens the portal in a container tab and signs in there as another person', async () => {
    const created = await firefox.options.evaluate(
      async (url, cookieStoreId) => {
        const { browser } = globalThis as unknown as Api;
        const tab = (await browser.tabs!.create!({ url, cookieStoreId, active: true })) as { cookieStoreId: string };
        return tab.cookieStoreId;
      },
      `${portal.url}/sign-in?in-container`,
      CONTAINER,
    );
    expect(created).toBe(CONTAINER);
    containerTab = await findPage(firefox.browser, `${portal.url}/sign-in?in-container`);
    await signIn(containerTab, portal.url, 'admin@example.com');
    collectTokens();
    // The default jar is untouched: its tab is still Ulrich's.
    await firefox.first.reload();
    await new Ui(firefox.first).text('Signed in as Ulrich User');
  });

  it('answers for the container when the page names its cookie store, for the default jar otherwise', async () => {
    expect(await ask({ type: 'portal.status', origin: portal.url })).toMatchObject({
      ok: true,
      data: { signedIn: true, user: { email: 'user@example.com', isAdmin: false } },
    });
    // The cookie wins over the header on the server, so this also shows the
    // default jar's cookie was not sent along with the container's token.
    expect(await ask({ type: 'portal.status', origin: portal.url, cookieStoreId: CONTAINER })).toMatchObject({
      ok: true,
      data: { signedIn: true, user: { email: 'admin@example.com', isAdmin: true } },
    });
    expect(await ask({ type: 'schedule.load', origin: portal.url })).toMatchObject({ ok: false, failure: { kind: 'forbidden' } });
    expect(await ask({ type: 'schedule.load', origin: portal.url, cookieStoreId: CONTAINER })).toMatchObject({ ok: true, data: { schedule: null } });
    // A container without a session is signed out, not the default jar's user.
    expect(await ask({ type: 'portal.status', origin: portal.url, cookieStoreId: 'firefox-container-4' })).toMatchObject({
      ok: true,
      data: { signedIn: false },
    });
  });

  it('the popup, opened over the container tab, sets up the schedule with the container session', async () => {
    // The popup reads the active tab of its window: open it in a background tab
    // so the container tab stays active, as when the toolbar button is clicked there.
    await firefox.options.evaluate(async () => {
      const { browser } = globalThis as unknown as Api;
      const url = (browser.runtime as unknown as { getURL(p: string): string }).getURL('/popup.html');
      await browser.tabs!.create!({ url, active: false });
    });
    const page = await findPage(firefox.browser, `${firefox.base}popup.html`);
    const popup = new Ui(page);
    await popup.expectText('testid', 'schedule-off', (t) => t === 'Automatic backup is off.');
    await page.bringToFront();

    await setUpInBackups(popup);
    await popup.select('How often', { label: 'Every day' });
    await popup.select(/^Time, in the portal's time zone/, { value: '4' });
    await popup.fill('Copies to keep', '3');
    await popup.click('Save');
    await popup.text('Saved. The portal stores exactly this schedule.');

    const stored = (await portal.api('/api/2.0/backup/getbackupschedule')).json as Envelope;
    expect(stored.response).toMatchObject({ storageType: 0, storageParams: { folderId: '101' }, cronParams: { period: 0, hour: 4 }, backupsStored: 3 });

    // Nothing the popup shows or keeps holds a session token.
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    collectTokens();
    for (const token of tokens) expect(html).not.toContain(token);
  });

  it('after signing out in the container, the container is signed out (and not silently the default user)', async () => {
    await containerTab.bringToFront();
    const ui = new Ui(containerTab);
    await ui.click('Sign out');
    await ui.label('Email');
    expect(await ask({ type: 'portal.status', origin: portal.url, cookieStoreId: CONTAINER })).toMatchObject({ ok: true, data: { signedIn: false } });
    expect(await ask({ type: 'schedule.load', origin: portal.url, cookieStoreId: CONTAINER })).toMatchObject({ ok: false, failure: { kind: 'signed-out' } });
  });

  it('no session token ever reached a page or the extension storage', async () => {
    collectTokens();
    // Ulrich's (default jar), Adam's (container), and the test's own API login.
    expect(tokens.size).toBeGreaterThanOrEqual(3);
    const stored = await firefox.options.evaluate(async () => {
      const { browser } = globalThis as unknown as Api;
      const areas = browser.storage as unknown as Record<string, { get(keys: null): Promise<unknown> } | undefined>;
      const dump: Record<string, unknown> = {};
      for (const area of ['local', 'session', 'sync']) dump[area] = await areas[area]?.get(null).catch(() => null);
      return JSON.stringify(dump);
    });
    const seen = JSON.stringify(replies) + stored;
    for (const token of tokens) expect(seen).not.toContain(token);
  });
});
