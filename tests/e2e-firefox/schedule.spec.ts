// The settings page in Firefox ESR: add the local portal, read its schedule,
// set one up and change it, and check what the portal stored through its API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, signIn, startTestPortal, Ui, type Firefox, type TestPortal } from './harness';

const SCHEDULE = 'section[aria-labelledby="schedule-heading"]';
type Envelope = { response?: Record<string, unknown>; count: number };

describe('Firefox ESR: reading and editing the schedule on the settings page', () => {
  let portal: TestPortal;
  let firefox: Firefox;
  let ui: Ui;

  beforeAll(async () => {
    portal = await startTestPortal();
    firefox = await launchFirefox(`${portal.url}/`, (page) => signIn(page, portal.url));
    ui = new Ui(firefox.options);
  });

  afterAll(async () => {
    await firefox?.close();
    await portal?.close();
  });

  it('opens the settings page on install, with no portal yet', async () => {
    await ui.text('No portals yet', { exact: false });
    expect(await ui.label('Portal address')).toBeTruthy();
  });

  it('adds the portal (its loopback permission is granted at install in the e2e build)', async () => {
    await ui.fill('Portal address', portal.url);
    await ui.click('Add portal');
    await ui.find('css', `.portal-row[data-origin="${portal.url}"]`);
    // The row asks the portal who we are: the session cookie went along from the background.
    await ui.text('Signed in as Olivia Owner');
    // The schedule is in the portal's own view (#12), opened from its row.
    // The row's "Edit schedule" is a link to the portal's view (#/portal/<origin>).
    await (await ui.find('css', `.portal-row[data-origin="${portal.url}"] a[href^="#/portal/"]`)).click();
    await ui.find('css', '[data-testid="portal-detail"]');
  });

  it('shows that automatic backup is off, then sets up a weekly schedule in a room', async () => {
    await ui.expectText('testid', 'schedule-off', (t) => t === 'Automatic backup is off.');
    await ui.click('Set up automatic backup');
    await ui.click('Choose a room or folder…');
    await ui.click('Backups');
    await ui.click('Back up to “Backups”');
    await ui.select('How often', { label: 'Every week' });
    await ui.select('Day of the week', { label: 'Monday' });
    await ui.select(/^Time, in the portal's time zone/, { value: '3' });
    await ui.fill('Copies to keep', '7');
    await ui.click('Save');

    await ui.text('Saved. The portal stores exactly this schedule.');
    // The time is written in the browser's format (Firefox ESR here: 12-hour, "03:00 AM").
    const sentence = await ui.expectText('testid', 'schedule-sentence', (t) => /Every Monday at 03:00\b/.test(t));
    expect(sentence).toContain('portal time (Europe/Berlin)');
    expect(sentence).toContain('to the room Backups');
    expect(sentence).toContain('keeps 7 copies');

    const stored = (await portal.api('/api/2.0/backup/getbackupschedule')).json as Envelope;
    expect(stored.response).toMatchObject({
      storageType: 0,
      storageParams: { folderId: '101' },
      cronParams: { period: 1, hour: 3, day: 2 }, // the server's weekday: 1 = Sunday, so Monday = 2
      backupsStored: 7,
    });
  });

  it('reads a schedule changed on the portal and edits it', async () => {
    await portal.api('/api/2.0/backup/createbackupschedule', {
      method: 'POST',
      body: { storageType: 0, storageParams: [{ key: 'folderId', value: '101' }], backupsStored: 5, cronParams: { period: 0, hour: 2 } },
    });
    // The page shows what it read last; Refresh reads the portal again.
    await ui.click('Refresh', { within: SCHEDULE });
    await ui.expectText('testid', 'schedule-sentence', (t) => /Every day at 0?2:00\b/.test(t));

    await ui.click('Edit schedule', { within: SCHEDULE });
    await ui.select('How often', { label: 'Every month' });
    await ui.select('Day of the month', { value: '15' });
    await ui.select(/^Time, in the portal's time zone/, { value: '22' });
    await ui.fill('Copies to keep', '12');
    await ui.click('Save');
    await ui.text('Saved. The portal stores exactly this schedule.');
    await ui.expectText('testid', 'schedule-sentence', (t) => /on day 15 at (22:00|10:00 PM)\b/.test(t) && t.includes('keeps 12 copies'));

    const stored = (await portal.api('/api/2.0/backup/getbackupschedule')).json as Envelope;
    expect(stored.response).toMatchObject({ storageType: 0, cronParams: { period: 2, hour: 22, day: 15 }, backupsStored: 12 });
  });
});
