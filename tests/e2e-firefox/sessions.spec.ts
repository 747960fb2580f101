// The sessions real portals issue (issue #10), in Firefox ESR, against the local portal
// over HTTPS: DocSpace 3.8 self-hosted (`SameSite=None; Secure; HttpOnly; Partitioned`,
// which the background's fetch does not carry), the default Strict cookie (which it does),
// and a container tab's partitioned session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { findPage, launchFirefox, sendFromPage, signIn, startTestPortal, Ui, type Firefox, type TestPortal } from './harness';
import { setUpInBackups } from './popup-steps';

type Envelope = { response?: Record<string, unknown>; count: number };
/** Runs in an extension page: the WebExtension API, untyped. */
type Api = { browser: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> };

/** Opens an extension page in a new tab from an extension page, and finds it. */
async function openExtensionPage(firefox: Firefox, file: string, active = true): Promise<Page> {
  const marker = `${file}${file.includes('#') ? '&' : '#'}t=${Math.random().toString(36).slice(2)}`;
  await firefox.options.evaluate(
    async (f, a) => {
      const { browser } = globalThis as unknown as Api;
      const url = (browser.runtime as unknown as { getURL(p: string): string }).getURL(`/${f}`);
      await browser.tabs!.create!({ url, active: a });
    },
    marker,
    active,
  );
  return findPage(firefox.browser, `${firefox.base}${marker}`);
}

/** The markup of a page and everything in extension storage. */
async function visibleTo(page: Page): Promise<string> {
  const html = await page.evaluate(() => document.documentElement.outerHTML);
  const stored = await page.evaluate(async () => {
    const { browser } = globalThis as unknown as Api;
    const areas = browser.storage as unknown as Record<string, { get(keys: null): Promise<unknown> } | undefined>;
    const dump: Record<string, unknown> = {};
    for (const area of ['local', 'session']) dump[area] = await areas[area]?.get(null).catch(() => null);
    return JSON.stringify(dump);
  });
  return html + stored;
}

/** Every form a token takes: as issued (state.json) and URL-escaped as in the cookie. */
const forms = (tokens: Iterable<string>) => [...tokens].flatMap((t) => [t, encodeURIComponent(t)]);

const variants = [
  { name: '3.8 self-hosted: --samesite none --partitioned', options: { https: true, sameSite: 'none', partitioned: true } as const },
  { name: 'the default Strict cookie', options: { https: true } as const },
];

for (const v of variants) {
  describe(`Firefox ESR, HTTPS portal, ${v.name}`, () => {
    let portal: TestPortal;
    let firefox: Firefox;
    const tokens = new Set<string>();

    beforeAll(async () => {
      portal = await startTestPortal(v.options);
      firefox = await launchFirefox(`${portal.url}/`, (page) => signIn(page, portal.url, 'admin@example.com'));
      portal.tokens().forEach((t) => tokens.add(t));
    });

    afterAll(async () => {
      await firefox?.close();
      await portal?.close();
    });

    it('signed in on the portal’s page: the settings page sees the session', async () => {
      expect(portal.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const ui = new Ui(firefox.options);
      await ui.fill('Portal address', portal.url);
      await ui.click('Add portal');
      await ui.text('Signed in as Adam Admin');
    });

    it('the popup reads and saves the schedule, and reads it back', async () => {
      const page = await openExtensionPage(firefox, `popup.html#portal=${portal.url}`);
      const popup = new Ui(page);
      await popup.expectText('testid', 'schedule-off', (t) => t === 'Automatic backup is off.');
      await setUpInBackups(popup);
      await popup.select('How often', { label: 'Every day' });
      await popup.select(/^Time, in the portal's time zone/, { value: '5' });
      await popup.fill('Copies to keep', '4');
      await popup.click('Save');
      await popup.text('Saved. The portal stores exactly this schedule.');
      const stored = (await portal.api('/api/2.0/backup/getbackupschedule')).json as Envelope;
      expect(stored.response).toMatchObject({ storageType: 0, storageParams: { folderId: '101' }, cronParams: { period: 0, hour: 5 }, backupsStored: 4 });

      const again = new Ui(await openExtensionPage(firefox, `popup.html#portal=${portal.url}`));
      await again.expectText('testid', 'schedule-sentence', (t) => /Every day at 0?5:00\b/.test(t) && t.includes('keeps 4 copies'));
      portal.tokens().forEach((t) => tokens.add(t));
      for (const p of [page, again.page]) {
        const seen = await visibleTo(p);
        for (const form of forms(tokens)) expect(seen).not.toContain(form);
      }
    });

    it('signing out on the portal’s page signs the extension out, with the “sign in on the portal” message', async () => {
      const ui = new Ui(firefox.first);
      await firefox.first.bringToFront();
      await ui.click('Sign out');
      await ui.label('Email');
      const status = await sendFromPage(firefox.options, { type: 'portal.status', origin: portal.url });
      expect(status).toEqual({ ok: true, data: { signedIn: false } });
      const page = new Ui(await openExtensionPage(firefox, `popup.html#portal=${portal.url}`));
      await page.text('You are signed out of this portal.');
      await page.text("Sign in on the portal's page in this browser, then try again.");
      expect(JSON.stringify(status)).not.toMatch(/asc_auth_key/);
    });
  });
}

describe('Firefox ESR: a container tab’s session on a 3.8 (partitioned) HTTPS portal', () => {
  const CONTAINER = 'firefox-container-2';
  let portal: TestPortal;
  let firefox: Firefox;
  const replies: unknown[] = [];
  const ask = async (message: Record<string, unknown>) => {
    const reply = await sendFromPage(firefox.options, message);
    replies.push(reply);
    return reply;
  };

  beforeAll(async () => {
    portal = await startTestPortal({ https: true, sameSite: 'none', partitioned: true });
    firefox = await launchFirefox(`${portal.url}/`, (page) => signIn(page, portal.url, 'user@example.com'));
    const ui = new Ui(firefox.options);
    await ui.fill('Portal address', portal.url);
    await ui.click('Add portal');
    await ui.text('Signed in as Ulrich User');
  });

  afterAll(async () => {
    await firefox?.close();
    await portal?.close();
  });

  it('reads the container’s partitioned cookie and answers for the container', async () => {
    await firefox.options.evaluate(
      async (url, cookieStoreId) => {
        const { browser } = globalThis as unknown as Api;
        await browser.tabs!.create!({ url, cookieStoreId, active: true });
      },
      `${portal.url}/sign-in?in-container`,
      CONTAINER,
    );
    const tab = await findPage(firefox.browser, `${portal.url}/sign-in?in-container`);
    await signIn(tab, portal.url, 'admin@example.com');
    expect(await ask({ type: 'portal.status', origin: portal.url })).toMatchObject({ ok: true, data: { signedIn: true, user: { email: 'user@example.com' } } });
    expect(await ask({ type: 'portal.status', origin: portal.url, cookieStoreId: CONTAINER })).toMatchObject({
      ok: true,
      data: { signedIn: true, user: { email: 'admin@example.com', isAdmin: true } },
    });
    expect(await ask({ type: 'schedule.load', origin: portal.url, cookieStoreId: CONTAINER })).toMatchObject({ ok: true, data: { schedule: null } });
    expect(await ask({ type: 'schedule.load', origin: portal.url })).toMatchObject({ ok: false, failure: { kind: 'forbidden' } });
    for (const form of forms(portal.tokens())) expect(JSON.stringify(replies)).not.toContain(form);
  });
});

describe('Firefox ESR: a portal on http://[::1]', () => {
  let portal: TestPortal;
  let firefox: Firefox;

  beforeAll(async () => {
    portal = await startTestPortal({ host: '::1' });
    firefox = await launchFirefox(`${portal.url}/`, (page) => signIn(page, portal.url));
  });

  afterAll(async () => {
    await firefox?.close();
    await portal?.close();
  });

  it('is added with its manifest permission and read with the browser’s cookie', async () => {
    expect(portal.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    const ui = new Ui(firefox.options);
    await ui.fill('Portal address', portal.url);
    await ui.click('Add portal');
    await ui.text('Signed in as Olivia Owner');
    expect(await sendFromPage(firefox.options, { type: 'schedule.load', origin: portal.url })).toMatchObject({ ok: true, data: { schedule: null } });
  });
});
