// Managed deployment in real Chromium: a managed policy file in
// /etc/chromium/policies/managed/ (Chromium on Linux reads it; this needs root,
// as CI has), with the extension's 3rdparty policy keyed by its id. Measured on
// Chromium 156: the policy reaches an unpacked --load-extension extension when it
// is keyed by the id Chromium derives from the extension's path (below), so no
// manifest `key` is needed. The file is written before the browser starts and
// removed after; its name is unique to this run, so other browsers are unaffected.
import type { BrowserContext } from '@playwright/test';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startTestPortal, type TestPortal } from '../portal/test-client';
import { Audit } from './audit';
import { EXTENSION_DIR, expect, launchExtensionBrowser, signIn, test as base } from './fixtures';

const POLICY_DIR = process.env.CHROMIUM_POLICY_DIR ?? '/etc/chromium/policies/managed';

/** Chromium's id for an unpacked extension: the path's SHA-256, first 32 hex digits spelled a–p. */
function unpackedId(dir: string): string {
  return [...createHash('sha256').update(dir).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

const test = base.extend<{ managedPortal: TestPortal; policy: Record<string, unknown> }>({
  // eslint-disable-next-line no-empty-pattern
  managedPortal: async ({}, use) => {
    const portal = await startTestPortal();
    await use(portal);
    await portal.close();
  },
  policy: async ({ managedPortal }, use) => {
    await use({
      portals: [
        { address: managedPortal.url, name: 'Head office' },
        // Not reachable without the user's permission (the e2e build grants only loopback).
        { address: 'https://branch.example.org', name: 'Branch' },
        { address: 'ftp://nope.example.org' },
      ],
      checkIntervalHours: 12,
      notifications: true,
      lockPortals: true,
      lockSettings: true,
    });
  },
  context: async ({ policy }, use) => {
    const file = path.join(POLICY_DIR, `docspace-backup-e2e-${process.pid}.json`);
    try {
      mkdirSync(POLICY_DIR, { recursive: true });
      writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [unpackedId(EXTENSION_DIR)]: policy } } }));
    } catch (error) {
      throw new Error(`Cannot write the managed policy ${file} (run as root, as CI does): ${(error as Error).message}`, { cause: error });
    }
    let context: BrowserContext | undefined;
    try {
      context = await launchExtensionBrowser();
      await use(context);
    } finally {
      await context?.close();
      rmSync(file, { force: true });
    }
  },
});

test('portals, interval and locks from a managed Chromium policy', async ({ context, extensionId, managedPortal, openPage }) => {
  expect(extensionId).toBe(unpackedId(EXTENSION_DIR));
  await signIn(context, managedPortal.url);
  const options = await openPage('options.html');

  // Both usable portals are there, marked as managed, without a Remove button; the bad entry is shown.
  const head = options.locator(`.portal-row[data-origin="${managedPortal.url}"]`);
  const branch = options.locator('.portal-row[data-origin="https://branch.example.org"]');
  await expect(head).toBeVisible();
  await expect(branch).toBeVisible();
  await expect(head.getByLabel('Portal name')).toHaveValue('Head office');
  await expect(head.getByText('Managed', { exact: true })).toBeVisible();
  await expect(head.getByRole('button', { name: 'Remove' })).toHaveCount(0);
  await expect(head.getByLabel('Portal name')).toHaveAttribute('readonly', '');
  await expect(options.locator('.portal-row')).toHaveCount(2);

  // The one without the host permission: one click asks for it, and the page says why.
  const notice = options.getByTestId('managed-notice');
  await expect(notice).toContainText('Your organisation added these portals');
  await expect(notice).toContainText('Branch (branch.example.org)');
  await expect(notice).not.toContainText('Head office');
  await expect(notice.getByRole('button', { name: 'Allow access' })).toBeVisible();
  await expect(notice).toContainText('portals[2]: ftp://nope.example.org');
  await expect(branch.locator('[data-failure="no-permission"]')).toContainText('Your organisation added this portal.');

  // The background refuses to remove a locked portal even when asked directly.
  const reply = await options.evaluate(
    (origin) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } } }).chrome.runtime.sendMessage({ type: 'portals.remove', origin }),
    managedPortal.url,
  );
  expect(reply.ok).toBe(false);

  // Settings are the policy's and read-only.
  await expect(options.getByLabel('Check every')).toBeDisabled();
  await expect(options.getByLabel('Check every')).toHaveValue('12');
  const notify = options.getByLabel("Show a desktop notification when a portal's backup needs attention");
  await expect(notify).toBeChecked();
  await expect(notify).toBeDisabled();
  await expect(options.getByText('Set by your organisation.')).toBeVisible();

  // Accessible in this state too (axe, light and dark; no sideways scrolling).
  const audit = new Audit(options, { widths: [360, 800], rtlWidths: [800], height: 800, restoreWidth: 1000 });
  await audit.check('managed portals, locked settings');
  audit.assertClean();

  // The popup on that portal: the same one-click request, and why.
  const popup = await openPage('popup.html', '#portal=https://branch.example.org');
  const ask = popup.locator('[data-failure="no-permission"]');
  await expect(ask).toContainText('Your organisation added this portal.');
  await expect(ask.getByRole('button', { name: 'Allow access' })).toBeVisible();
  await popup.close();

  // The managed portal is checked like any other.
  await options.getByRole('button', { name: 'Refresh all' }).click();
  await expect(options.locator(`tr[data-origin="${managedPortal.url}"]`)).toHaveAttribute('data-state', 'off');
  await expect(options.locator('tr[data-origin="https://branch.example.org"]')).toHaveAttribute('data-state', 'no-access');
});
