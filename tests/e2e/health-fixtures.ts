// Fixtures for the backup-now, history, health and overview specs: the base
// fixtures plus a `portalMode` option (standalone or cloud), extra portals that
// share the browser's session, and the toolbar badge read from the worker.
import type { BrowserContext } from '@playwright/test';
import type { StartPortalOptions } from '../portal/server';
import { startTestPortal as startClientPortal } from '../portal/test-client';
import { test as base, type Portal } from './fixtures';

export { addPortal, expect, signIn } from './fixtures';

export interface RunningTestPortal extends Portal {
  close(): Promise<void>;
}

/**
 * A local portal with test controls, as the base `portal` fixture starts it.
 * `sessionToken`: the portal starts already knowing this owner session, so that
 * several portals on 127.0.0.1 share the browser's one cookie (test-client.ts `seedSession`).
 */
export function startTestPortal(opts: Partial<StartPortalOptions> & { sessionToken?: string } = {}): Promise<RunningTestPortal> {
  return startClientPortal({ backupSeconds: 3, ...opts });
}

export const test = base.extend<{ portalMode: 'standalone' | 'cloud' }>({
  portalMode: ['standalone', { option: true }],
  portal: async ({ portalMode }, use) => {
    const portal = await startTestPortal({ mode: portalMode });
    await use(portal);
    await portal.close();
  },
});

/** The session token the browser holds for 127.0.0.1 (every port), after signIn. */
export async function sessionToken(context: BrowserContext, url: string): Promise<string> {
  const cookie = (await context.cookies(url)).find((c) => c.name === 'asc_auth_key');
  if (!cookie) throw new Error(`No session cookie for ${url}`);
  // The cookie holds the token URL-escaped (%2B %2F %3D), as the server writes it.
  return decodeURIComponent(cookie.value);
}

type Chrome = { action: { getBadgeText(d: object): Promise<string>; getTitle(d: object): Promise<string> } };

/**
 * The toolbar badge, read in the extension's service worker. Chromium may
 * restart an idle worker, leaving Playwright a stale handle: take the current
 * one and retry once on a closed target.
 */
export async function readBadge(context: BrowserContext, extensionId: string): Promise<{ text: string; title: string }> {
  for (let attempt = 0; ; attempt++) {
    const worker = context.serviceWorkers().find((w) => w.url().includes(extensionId)) ?? (await context.waitForEvent('serviceworker'));
    try {
      return await worker.evaluate(async () => {
        const { action } = (globalThis as unknown as { chrome: Chrome }).chrome;
        return { text: await action.getBadgeText({}), title: await action.getTitle({}) };
      });
    } catch (error) {
      if (attempt >= 2) throw error;
    }
  }
}

/** A value in the extension's storage, read in the service worker (no page of ours involved). */
export async function readStorage(context: BrowserContext, extensionId: string, key: string): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    const worker = context.serviceWorkers().find((w) => w.url().includes(extensionId)) ?? (await context.waitForEvent('serviceworker'));
    try {
      return await worker.evaluate(async (k) => {
        const chrome = (globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome;
        return (await chrome.storage.local.get(k))[k] ?? null;
      }, key);
    } catch (error) {
      if (attempt >= 2) throw error;
    }
  }
}

/** The portal's hour (Europe/Berlin, the local portal's default zone) at an instant. */
export function berlinHour(at: number): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: 'numeric', hourCycle: 'h23' }).format(at)) % 24;
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
