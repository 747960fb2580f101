// The backup health state in Firefox ESR (issue #9): a scheduled run that failed on the
// local portal shows the portal's error on the settings page and in the overview, and the
// same failure first checked 25 portal-hours later (its progress gone) is still failed,
// from the audit trail. The failures and the clock come from the portal's test controls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, signIn, startTestPortal, Ui, type Firefox, type TestPortal } from './harness';

const HOUR_MS = 3_600_000;

/** Quartz weekday (1 = Sunday) and hour of an instant in the portal's zone (Europe/Berlin). */
function berlinSlot(at: number): { day: number; hour: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short', hour: 'numeric', hourCycle: 'h23' }).formatToParts(at);
  const weekday = parts.find((p) => p.type === 'weekday')!.value;
  return { day: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(weekday) + 1, hour: Number(parts.find((p) => p.type === 'hour')!.value) % 24 };
}

/** A weekly schedule whose only slot is the first whole hour after `from`, failing with `message`; the clock then back to now. */
async function failedRunSince(portal: TestPortal, from: number, message: string): Promise<void> {
  const slot = Math.ceil((from + 1) / HOUR_MS) * HOUR_MS;
  await portal.control('clock', { set: new Date(from).toISOString() });
  const body = { storageType: 0, storageParams: [{ key: 'folderId', value: '101' }], backupsStored: 5, cronParams: { period: 1, ...berlinSlot(slot) } };
  expect((await portal.api('/api/2.0/backup/createbackupschedule', { method: 'POST', body })).status).toBe(200);
  await portal.control('backup-failure', { message });
  await portal.control('clock', { set: new Date().toISOString() });
}

describe('Firefox ESR: the health of a failed scheduled backup', () => {
  let portal: TestPortal;
  let firefox: Firefox;
  let ui: Ui;

  beforeAll(async () => {
    portal = await startTestPortal();
    await failedRunSince(portal, Date.now() - 3 * HOUR_MS, 'The backup room was deleted.');
    firefox = await launchFirefox(`${portal.url}/`, (page) => signIn(page, portal.url));
    ui = new Ui(firefox.options);
  });

  afterAll(async () => {
    await firefox?.close();
    await portal?.close();
  });

  it("shows the portal's error for a run that failed 3 hours ago", async () => {
    await ui.fill('Portal address', portal.url);
    await ui.click('Add portal');
    // The health line is in the portal's own view (#12), which checks the portal; Back returns to the overview.
    // The row's "Edit schedule" is a link to the portal's view (#/portal/<origin>).
    await (await ui.find('css', `.portal-row[data-origin="${portal.url}"] a[href^="#/portal/"]`)).click();
    const health = await ui.find('css', '[data-testid="health"][data-state="failed"]');
    const text = await Ui.textOf(health);
    expect(text).toContain('The last backup failed.');
    expect(text).toContain('The portal said: The backup room was deleted.');
    await firefox.options.evaluate(() => history.back());
    await ui.find('css', `tr[data-origin="${portal.url}"][data-state="failed"]`);
  });

  it('first checked 25 portal-hours later (progress expired): still failed, from the audit trail', async () => {
    await portal.control('reset');
    await failedRunSince(portal, Date.now() - 26 * HOUR_MS, 'S3: access denied');
    expect(((await portal.api('/api/2.0/backup/getbackupprogress')).json as { response?: unknown }).response).toBeUndefined();
    await ui.click('Refresh all');
    await ui.expectText('css', `tr[data-origin="${portal.url}"][data-state="failed"]`, (t) =>
      t.includes("The portal's audit trail records the failure; its error text is no longer available."),
    );
  });
});
