// Managed deployment in Firefox ESR: a real enterprise policies.json with the
// extension's `3rdparty` → `Extensions` → gecko id policy, read by the add-on with
// storage.managed.
//
// Where the file goes (measured on Firefox ESR 153): Firefox reads
// <install dir>/distribution/policies.json. The `browser.policies.alternatePath`
// pref is honoured only in automation builds (Cu.isInAutomation) or Nightly, so it
// has no effect here. Writing /usr/lib/firefox-esr/distribution/ would hand the
// policy to every Firefox on the machine (others run the same gecko id in
// parallel), so the test runs a hard-linked copy of the installation (same files,
// no extra space) with its own distribution/ folder: the same lookup, kept private.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIREFOX, GECKO_ID, launchFirefox, sendFromPage, signIn, startTestPortal, Ui, type Firefox, type TestPortal } from './harness';

/** A private Firefox installation whose distribution/ folder holds `policies`. */
function firefoxWithPolicies(policies: unknown): { executable: string; remove(): void } {
  const binary = realpathSync(FIREFOX);
  const root = mkdtempSync(path.join(tmpdir(), 'docspace-firefox-policies-'));
  const copy = path.join(root, 'firefox');
  try {
    execFileSync('cp', ['-al', path.dirname(binary), copy]);
  } catch {
    execFileSync('cp', ['-r', path.dirname(binary), copy]); // another filesystem: a plain copy
  }
  // The copied distribution/ folder is shared by hard links: replace it, never write into it.
  rmSync(path.join(copy, 'distribution'), { recursive: true, force: true });
  mkdirSync(path.join(copy, 'distribution'));
  writeFileSync(path.join(copy, 'distribution', 'policies.json'), JSON.stringify({ policies }));
  return { executable: path.join(copy, path.basename(binary)), remove: () => rmSync(root, { recursive: true, force: true }) };
}

describe('Firefox ESR: portals and locks from an enterprise policies.json', () => {
  let portal: TestPortal;
  let firefox: Firefox;
  let install: ReturnType<typeof firefoxWithPolicies>;
  let ui: Ui;

  beforeAll(async () => {
    portal = await startTestPortal();
    install = firefoxWithPolicies({
      '3rdparty': {
        Extensions: {
          [GECKO_ID]: {
            portals: [{ address: portal.url, name: 'Head office' }, { address: 'https://branch.example.org' }],
            checkIntervalHours: 24,
            lockPortals: true,
            lockSettings: true,
          },
        },
      },
    });
    firefox = await launchFirefox(`${portal.url}/`, (page) => signIn(page, portal.url), { executablePath: install.executable });
    ui = new Ui(firefox.options);
  });

  afterAll(async () => {
    await firefox?.close();
    await portal?.close();
    install?.remove();
  });

  it('storage.managed holds the policy', async () => {
    const managed = await firefox.options.evaluate(async () => {
      const api = (globalThis as unknown as { browser: { storage: { managed: { get(k: null): Promise<Record<string, unknown>> } } } }).browser;
      return api.storage.managed.get(null);
    });
    expect(managed).toMatchObject({ checkIntervalHours: 24, lockPortals: true, lockSettings: true });
  });

  it('lists the managed portals, marked and without Remove, and asks for the missing permission', async () => {
    await ui.find('css', `.portal-row[data-origin="${portal.url}"]`);
    await ui.find('css', '.portal-row[data-origin="https://branch.example.org"]');
    const row = await ui.find('css', `.portal-row[data-origin="${portal.url}"]`);
    expect(await row.evaluate((el) => (el.querySelector('input') as HTMLInputElement).value)).toBe('Head office');
    expect(await row.evaluate((el) => el.querySelector('.badge.ok')?.textContent)).toBe('Managed');
    expect(await row.evaluate((el) => [...el.querySelectorAll('button')].map((b) => b.textContent))).not.toContain('Remove');
    await ui.text('Signed in as Olivia Owner');
    const notice = await ui.testId('managed-notice');
    expect(await Ui.textOf(notice)).toContain('branch.example.org');
    expect(await Ui.textOf(notice)).not.toContain('Head office');
    const reply = await sendFromPage(firefox.options, { type: 'portals.remove', origin: portal.url });
    expect(reply.ok).toBe(false);
  });

  it('the settings are the policy’s and read-only', async () => {
    const select = await ui.label(/^Check every/);
    expect(await select.evaluate((el) => [(el as HTMLSelectElement).value, (el as HTMLSelectElement).disabled])).toEqual(['24', true]);
    await ui.text('Set by your organisation.');
  });

  it('checks the managed portal like any other', async () => {
    await ui.click('Refresh all');
    await ui.find('css', `tr[data-origin="${portal.url}"][data-state="off"]`);
    await ui.find('css', 'tr[data-origin="https://branch.example.org"][data-state="no-access"]');
  });
});
