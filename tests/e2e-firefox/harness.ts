// Firefox ESR with the e2e build, driven by puppeteer-core over WebDriver BiDi.
//
// WebDriver BiDi will not navigate to moz-extension:// URLs, but a page the
// extension opens itself is an ordinary browsing context that can be evaluated
// and clicked: the extension opens its settings page on first install, and
// extension pages open further tabs (container tabs) with the tabs API.
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { DEMO_PASSWORD, OWNER } from '../portal/lib/accounts';
import type { StartPortalOptions } from '../portal/server';
import { startTestPortal as startClientPortal, type TestPortal as ClientTestPortal } from '../portal/test-client';

export const FIREFOX = process.env.FIREFOX_ESR_PATH ?? '/usr/bin/firefox-esr';
export const EXTENSION_DIR = path.resolve(process.env.FIREFOX_EXTENSION_DIR ?? '.output/firefox-mv3-e2e');
export const GECKO_ID = 'docspace-backup@example.org';
export const PASSWORD = DEMO_PASSWORD;
/** How long any single wait may take. Generous: the machine has two cores and Firefox starts cold. */
export const WAIT_MS = Number(process.env.FIREFOX_WAIT_MS ?? 30_000);

// ── The local portal ─────────────────────────────────────────────────────────

export interface TestPortal extends ClientTestPortal {
  /** Every session token the portal has issued (from its state file). */
  tokens(): string[];
}

/**
 * `https`, `sameSite`, `partitioned`: the sessions the portal issues (see tests/portal/README.md);
 * `sessionToken`: a session it knows from the start (test-client.ts `seedSession`).
 */
export async function startTestPortal(
  options: Pick<StartPortalOptions, 'https' | 'sameSite' | 'partitioned' | 'host'> & { sessionToken?: string } = {},
): Promise<TestPortal> {
  const portal = await startClientPortal({ backupSeconds: 3, ...options });
  return {
    ...portal,
    tokens() {
      const file = path.join(portal.dataDir, 'state.json');
      if (!existsSync(file)) return [];
      const state = JSON.parse(readFileSync(file, 'utf8')) as { sessions?: { token: string }[] };
      return (state.sessions ?? []).map((s) => s.token);
    },
  };
}

// ── Firefox ──────────────────────────────────────────────────────────────────

export interface Firefox {
  browser: Browser;
  /** The extension's moz-extension:// base, fixed by a pref so pages can be recognised. */
  base: string;
  /** The portal tab that was open when the add-on was installed. */
  first: Page;
  /** The settings page the extension opened on install. */
  options: Page;
  close(): Promise<void>;
}

/**
 * Starts Firefox ESR headless in a fresh profile and HOME, opens `firstUrl`
 * (a real page, so the settings page gets a tab of its own), lets `prepare`
 * use it (sign in), installs the e2e build and finds the settings page it
 * opens on install.
 */
export async function launchFirefox(
  firstUrl: string,
  prepare?: (page: Page) => Promise<void>,
  { executablePath = FIREFOX, prefs = {} }: { executablePath?: string; prefs?: Record<string, unknown> } = {},
): Promise<Firefox> {
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No Firefox e2e build in ${EXTENSION_DIR}: run "npm run build:firefox-e2e" first (npm test does it).`);
  }
  if (!existsSync(executablePath)) throw new Error(`No Firefox at ${executablePath}: sudo apt-get install -y firefox-esr`);
  // Firefox refuses to run with a HOME it cannot write to; keep each run's profile and HOME apart.
  const home = mkdtempSync(path.join(tmpdir(), 'docspace-firefox-home-'));
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: process.env.HEADED !== '1',
    timeout: 90_000,
    protocolTimeout: 120_000,
    // The --https portal's certificate is made at start; a person accepts it once instead (README).
    acceptInsecureCerts: firstUrl.startsWith('https:'),
    env: { ...process.env, HOME: home, MOZ_CRASHREPORTER_DISABLE: '1' },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      // Containers (contextual identities) on, as in the Multi-Account Containers setup.
      'privacy.userContext.enabled': true,
      'privacy.userContext.ui.enabled': true,
      'intl.locale.requested': 'en-GB',
      'intl.regional_prefs.use_os_locales': false,
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.reportingpolicy.firstRun': false,
      ...prefs,
    },
  });
  const close = async () => {
    await browser.close().catch(() => undefined);
    rmSync(home, { recursive: true, force: true });
  };
  try {
    const [first = await browser.newPage()] = await browser.pages();
    first.setDefaultTimeout(WAIT_MS);
    await first.goto(firstUrl);
    await prepare?.(first);
    await browser.installExtension(EXTENSION_DIR);
    const base = `moz-extension://${uuid}/`;
    const options = await findPage(browser, `${base}options.html`);
    return { browser, base, first, options, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The href of a page. Puppeteer's page.url() is not updated for moz-extension:// navigations. */
export async function hrefOf(page: Page): Promise<string> {
  return page.evaluate(() => location.href).catch(() => '');
}

/** Waits until a tab shows `prefix` (an extension page the extension opened, or a portal page). */
export async function findPage(browser: Browser, prefix: string, timeout = WAIT_MS): Promise<Page> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const page of await browser.pages()) {
      if ((await hrefOf(page)).startsWith(prefix)) {
        page.setDefaultTimeout(WAIT_MS);
        return page;
      }
    }
    if (Date.now() > deadline) throw new Error(`No tab with ${prefix} after ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// ── Finding things as a person would: by label, by button name, by text ─────

type TextQuery = string | { source: string; flags: string };
const q = (t: string | RegExp): TextQuery => (typeof t === 'string' ? t : { source: t.source, flags: t.flags });

interface Query {
  kind: 'label' | 'button' | 'testid' | 'text' | 'css';
  text: TextQuery;
  exact: boolean;
  /** A CSS selector to search inside (the first visible match). */
  within?: string;
}

/** Runs in the page: the first visible element the query names, or null. */
function locate(query: Query): Element | null {
  const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  const matches = (s: string) => {
    const t = query.text;
    if (typeof t !== 'string') return new RegExp(t.source, t.flags).test(s);
    return query.exact ? s === t : s.includes(t);
  };
  const visible = (el: Element) => {
    const h = el as HTMLElement;
    if (typeof h.checkVisibility === 'function') return h.checkVisibility();
    return h.getClientRects().length > 0;
  };
  const pick = (els: Iterable<Element>) => {
    for (const el of els) if (visible(el)) return el;
    return null;
  };
  const root = query.within ? pick(document.querySelectorAll(query.within)) : document.body;
  if (!root) return null;
  if (query.kind === 'css') return pick(root.querySelectorAll(String(query.text)));
  if (query.kind === 'testid') return pick(root.querySelectorAll(`[data-testid="${String(query.text)}"]`));
  if (query.kind === 'button') {
    const buttons = [...root.querySelectorAll('button, [role="button"], input[type="submit"]')];
    return pick(buttons.filter((b) => matches(norm(b.getAttribute('aria-label')) || norm(b.textContent) || norm((b as HTMLInputElement).value))));
  }
  if (query.kind === 'label') {
    const controls: Element[] = [];
    for (const label of root.querySelectorAll('label')) {
      if (matches(norm(label.textContent)) && label.control) controls.push(label.control);
    }
    for (const el of root.querySelectorAll('[aria-label]')) if (matches(norm(el.getAttribute('aria-label')))) controls.push(el);
    return pick(controls);
  }
  // text: the innermost visible element whose text matches.
  const all = [...root.querySelectorAll('*')].filter((el) => matches(norm(el.textContent)));
  return pick(all.filter((el) => ![...el.children].some((c) => matches(norm(c.textContent)))));
}

type FindOptions = { exact?: boolean; within?: string; timeout?: number };

/** A page with Playwright-like helpers, built on waits (no fixed sleeps). */
export class Ui {
  constructor(readonly page: Page) {}

  /** Waits for the element the query names and returns it. */
  async find(
    kind: Query['kind'],
    text: string | RegExp,
    { exact = true, timeout = WAIT_MS, within }: { exact?: boolean; timeout?: number; within?: string } = {},
  ): Promise<ElementHandle<Element>> {
    const query: Query = { kind, text: q(text), exact, within };
    try {
      const handle = await this.page.waitForFunction(locate, { polling: 100, timeout }, query);
      const el = handle.asElement() as ElementHandle<Element> | null;
      if (!el) throw new Error('not an element');
      return el;
    } catch (error) {
      const body = await this.page.evaluate(() => document.body?.innerText ?? '').catch(() => '(page gone)');
      throw new Error(`No ${kind} ${String(text)} within ${timeout} ms (${(error as Error).message}).\nThe page shows:\n${body.slice(0, 2000)}`, {
        cause: error,
      });
    }
  }

  label(text: string | RegExp, opts?: FindOptions) {
    return this.find('label', text, opts);
  }

  button(name: string | RegExp, opts?: FindOptions) {
    return this.find('button', name, opts);
  }

  async click(name: string | RegExp, opts?: FindOptions) {
    await (await this.button(name, opts)).click();
  }

  /** Replaces the text of the field with this label, typing it like a person. */
  async fill(label: string | RegExp, value: string) {
    const el = await this.label(label);
    await el.click({ count: 3 });
    await el.evaluate((input) => (input as HTMLInputElement).select?.());
    await this.page.keyboard.press('Backspace');
    await el.type(value);
    const now = await el.evaluate((input) => (input as HTMLInputElement).value);
    if (now !== value) throw new Error(`The field ${String(label)} holds "${now}", not "${value}"`);
  }

  /** Chooses an option of the select with this label, by the option's text or value. */
  async select(label: string | RegExp, option: { label: string } | { value: string }) {
    const el = await this.label(label);
    const value = await el.evaluate((select, wanted) => {
      const s = select as HTMLSelectElement;
      const found = [...s.options].find((o) => ('label' in wanted ? o.text.trim() === wanted.label : o.value === wanted.value));
      return found?.value ?? null;
    }, option);
    if (value === null) throw new Error(`No option ${JSON.stringify(option)} in ${String(label)}`);
    await (el as ElementHandle<HTMLSelectElement>).select(value);
  }

  /** Waits for a visible element with this text (a substring unless exact). */
  text(text: string | RegExp, opts: { exact?: boolean; timeout?: number } = {}) {
    return this.find('text', text, { exact: false, ...opts });
  }

  testId(id: string, opts?: { timeout?: number }) {
    return this.find('testid', id, opts);
  }

  /** The visible text of an element. */
  static async textOf(el: ElementHandle<Element>): Promise<string> {
    return el.evaluate((e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim());
  }

  /** Waits until the element's text satisfies the check (its text at the end, for the message). */
  async expectText(kind: Query['kind'], name: string, check: (text: string) => boolean, timeout = WAIT_MS): Promise<string> {
    const deadline = Date.now() + timeout;
    let last = '';
    for (;;) {
      const el = await this.find(kind, name, { timeout: Math.max(1000, deadline - Date.now()) });
      last = await Ui.textOf(el).catch(() => last);
      if (check(last)) return last;
      if (Date.now() > deadline) throw new Error(`${kind} ${name} shows "${last}"`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Signs in on the portal's own page, as a person would. */
export async function signIn(page: Page, portalUrl: string, user = OWNER.email) {
  const ui = new Ui(page);
  if (!(await hrefOf(page)).startsWith(portalUrl)) await page.goto(`${portalUrl}/`);
  await ui.fill('Email', user);
  await ui.fill('Password', PASSWORD);
  await ui.click('Sign in');
  await ui.text(/Signed in as/);
}

/**
 * Sends a message to the background exactly as the extension's pages do, from
 * an extension page, and returns the reply.
 */
export async function sendFromPage(page: Page, message: unknown): Promise<{ ok: boolean; data?: unknown; failure?: unknown }> {
  return page.evaluate(async (m) => {
    const api = (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).browser;
    return (await api.runtime.sendMessage(m)) as { ok: boolean; data?: unknown; failure?: unknown };
  }, message);
}
