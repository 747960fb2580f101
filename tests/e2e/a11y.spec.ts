import type { Page } from '@playwright/test';
import { Audit } from './audit';
import { expect, signIn, test, type Portal, detailHash, openDetail } from './fixtures';

// Accessibility and comfort: axe (WCAG 2.1 A/AA and best practices) in every
// state of the popup and the options page, light and dark; the popup never
// scrolls sideways from 360 to 800 px, left to right and right to left.

// Long names without a space: they must wrap, not widen the page.
const LONG_NAME = 'Finance-and-Accounting-Department-Backups-of-https://docspace.example.com/rooms/shared/archive-2026';
const OTHER_NAME = 'Marketing, Communications and Public Relations department portal at the headquarters (Berlin)';
const LONG_FILE = (n: number) => `docspace.example.com_2026-11-2${n}_02-00-04_backup-of-the-whole-portal-with-every-room-and-folder-${n}.tar.gz`;

const WEIRD = { response: { storageType: 'weird' }, count: 1, status: 0, statusCode: 200 };
const HISTORY = {
  response: [1, 2, 3].map((n) => ({
    id: `0000000${n}-1111-2222-3333-444444444444`,
    fileName: LONG_FILE(n),
    storageType: n === 1 ? 4 : n === 2 ? 0 : 5,
    createdOn: `2026-11-2${n}T02:00:04`,
    expiresOn: n === 1 ? `2026-11-2${n + 1}T02:00:04` : '0001-01-01T00:00:00',
  })),
  count: 3,
  status: 0,
  statusCode: 200,
};

const clearFaults = (portal: Portal) => portal.control('faults', undefined, 'DELETE');

const createSchedule = (portal: Portal, hour: number, period = 1) =>
  portal.api('/api/2.0/backup/createbackupschedule', {
    method: 'POST',
    body: { storageType: 0, storageParams: [{ key: 'folderId', value: '101' }], backupsStored: 7, cronParams: { period, hour, day: 2 } },
  });

/** Adds a portal with a name through the options page's own form. */
async function addNamedPortal(options: Page, url: string, name: string) {
  await options.getByLabel('Portal address').fill(url);
  await options.getByLabel('Name (optional)').fill(name);
  await options.getByRole('button', { name: 'Add portal' }).click();
  await expect(options.locator(`.portal-row[data-origin="${url}"]`)).toBeVisible();
}

/** Whether the conflict view shows the portal's schedule above the user's (rather than beside it). */
async function stacked(page: Page) {
  const [theirs, yours] = await Promise.all([0, 1].map((i) => page.locator('.compare > *').nth(i).boundingBox()));
  return yours!.y >= theirs!.y + theirs!.height - 1;
}

interface Focused {
  tag: string;
  name: string;
  /** :focus-visible matches and an outline of at least 2 px is drawn. */
  ring: boolean;
}

/** The focused element: its accessible name (roughly) and whether its focus ring shows. */
const focused = (page: Page): Promise<Focused | null> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const byIds = (ids: string | null) => (ids ? ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : '');
    const labels = (el as HTMLInputElement).labels;
    const name = (
      el.getAttribute('aria-label') ||
      byIds(el.getAttribute('aria-labelledby')) ||
      (labels && labels.length ? Array.from(labels, (l) => l.textContent).join(' ') : '') ||
      el.textContent ||
      ''
    ).trim();
    const style = getComputedStyle(el);
    const ring = el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    return { tag: el.tagName.toLowerCase(), name, ring };
  });

/**
 * Presses Tab (or Shift+Tab) until the control with this name has focus;
 * every stop on the way must be named and show its focus ring.
 */
async function tabTo(page: Page, name: string | RegExp, { back = false, max = 40 } = {}) {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = await focused(page);
    if (!now) continue;
    expect(now.name, `a name for the <${now.tag}> after ${seen.join(' → ')}`).not.toBe('');
    expect(now.ring, `a visible focus ring on <${now.tag}> "${now.name}"`).toBe(true);
    seen.push(now.name);
    if (typeof name === 'string' ? now.name === name : name.test(now.name)) return;
  }
  throw new Error(`${String(name)} not reached with ${back ? 'Shift+Tab' : 'Tab'}: ${seen.join(' → ')}`);
}

async function expectFocus(page: Page, name: string | RegExp) {
  await expect.poll(async () => (await focused(page))?.name ?? '(nothing)').toMatch(typeof name === 'string' ? new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : name);
  expect((await focused(page))?.ring, 'focus ring').toBe(true);
}

const localhostOf = (url: string) => url.replace('127.0.0.1', 'localhost');

test.describe('accessibility', () => {
  test('popup: axe finds nothing in any state, light or dark, and nothing scrolls sideways', async ({ context, portal, openPage }) => {
    // Some 30 states, each audited twice and at three widths, on a shared 2-core machine.
    test.setTimeout(240_000);
    await signIn(context, portal.url);
    const popup = await openPage('popup.html');
    await popup.setViewportSize({ width: 420, height: 600 });
    const audit = new Audit(popup, { widths: [360, 800], rtlWidths: [360], restoreWidth: 420 });

    await expect(popup.getByText('No portals yet.')).toBeVisible();
    await audit.check('no portals');

    // Loading, then the 10-second timeout of the same request (set before
    // the options page reads, and caches, the schedule).
    await portal.control('faults', { path: 'getbackupschedule', delayMs: 11_000, times: 0 });
    const options = await openPage('options.html');
    await addNamedPortal(options, portal.url, LONG_NAME);
    await popup.goto(popup.url().replace(/#.*$/, '') + `#portal=${portal.url}`);
    await popup.reload();
    await expect(popup.getByTestId('loading')).toBeVisible();
    await audit.check('loading');
    await expect(popup.locator('.portal-schedule [data-failure="timeout"]')).toBeVisible({ timeout: 15_000 });
    await audit.check('timeout');
    await clearFaults(portal);

    for (const [state, fault, kind] of [
      ['401 signed out', { status: 401 }, 'signed-out'],
      ['403 not an admin', { status: 403 }, 'forbidden'],
      ['402 plan without backups', { status: 402 }, 'payment'],
      ['500 server error', { status: 500 }, 'server'],
    ] as const) {
      await portal.control('faults', { path: 'getbackupschedule', ...fault, times: 0 });
      await popup.reload();
      await expect(popup.locator(`.portal-schedule [data-failure="${kind}"]`)).toBeVisible();
      await audit.check(state);
      await clearFaults(portal);
    }
    await portal.control('faults', { path: 'getbackupschedule', status: 200, body: WEIRD, times: 0 });
    await popup.reload();
    await popup.locator('.portal-schedule [data-failure="unexpected"] summary').click();
    await expect(popup.locator('.details-text')).toBeVisible();
    await audit.check('unexpected answer, details open');
    await clearFaults(portal);

    await popup.reload();
    await expect(popup.getByTestId('schedule-off')).toBeVisible();
    await expect(popup.getByTestId('health')).toBeVisible();
    await audit.check('automatic backup off');

    // The editor, with each kind of storage.
    await popup.getByRole('button', { name: 'Set up automatic backup' }).click();
    await expect(popup.locator('.chosen')).toHaveText('Backups');
    await audit.check('editor: one-click setup');
    await popup.getByRole('button', { name: 'Choose a room or folder…' }).click();
    await popup.getByRole('button', { name: 'Finance', exact: true }).click();
    await expect(popup.getByRole('button', { name: 'Back up to “Finance”' })).toBeVisible();
    await audit.check('editor: room, folder picker open');
    await popup.getByRole('button', { name: 'Back up to “Finance”' }).click();
    await popup.getByLabel('How often').selectOption({ label: 'Every week' });
    await audit.check('editor: room, weekly');
    await popup.getByLabel('Third-party resource').check();
    await expect(popup.locator('.chosen')).toContainText('Folder:');
    await audit.check('editor: third-party resource');
    await popup.getByLabel('Third-party storage').check();
    await popup.getByLabel('Storage', { exact: true }).selectOption('s3');
    await popup.getByLabel('How often').selectOption({ label: 'Every month' });
    await popup.getByLabel('Day of the month').selectOption('31');
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(popup.locator('.field-error').first()).toBeVisible();
    await audit.check('editor: third-party storage, monthly, required fields missing');
    await popup.getByLabel('Storage', { exact: true }).selectOption('rackspace');
    await expect(popup.getByText('This storage has no keys')).toBeVisible();
    await audit.check('editor: storage not set up');
    await popup.getByLabel('Backup room').check();
    await popup.getByLabel('How often').selectOption({ label: 'Every day' });
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(popup.getByRole('status').filter({ hasText: 'Saved. The portal stores exactly this schedule.' })).toBeVisible();
    await audit.check('saved');

    // Someone else changes the schedule meanwhile.
    await popup.getByRole('button', { name: 'Edit schedule' }).click();
    await popup.getByLabel(/^Time, in the portal's time zone/).selectOption('4');
    await createSchedule(portal, 9, 0);
    await popup.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(popup.locator('.conflict')).toBeVisible();
    await audit.check('conflict');
    // The popup is too narrow for the two summaries side by side: one under the other.
    for (const width of [360, 420]) {
      await popup.setViewportSize({ width, height: 600 });
      expect.soft(await stacked(popup), `summaries stacked at ${width}px`).toBe(true);
    }
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.getByRole('button', { name: "Keep the portal's" }).click();

    await popup.getByRole('button', { name: 'Turn off automatic backup' }).click();
    await expect(popup.getByRole('alertdialog')).toBeVisible();
    await audit.check('turn-off confirmation');
    await popup.getByRole('button', { name: 'Discard changes' }).click();

    // A realistic schedule that has run.
    await createSchedule(portal, 2);
    await portal.control('schedule/lastbackup', { lastBackupTime: new Date(Date.now() - 86_400_000).toISOString().slice(0, 19) });
    await popup.reload();
    await expect(popup.getByTestId('schedule-sentence')).toContainText('Every Monday');
    await expect(popup.getByTestId('health')).toBeVisible();
    await audit.check('schedule shown, health line');

    await popup.getByRole('button', { name: 'Back up to another storage…' }).click();
    await expect(popup.getByRole('button', { name: 'Start backup' })).toBeVisible();
    await audit.check('back up now: where (another storage)');
    // "Back up now" itself starts at once, to the temporary storage.
    await popup.getByRole('button', { name: 'Back up now' }).click();
    await expect(popup.locator('progress')).toBeVisible();
    await audit.check('back up now: in progress');
    await expect(popup.getByText('The backup copy is ready.')).toBeVisible({ timeout: 15_000 });
    await audit.check('back up now: done');
    // A start the portal refuses (its payment filter: 402) says so.
    await portal.control('faults', { path: 'startbackup', status: 402, times: 1 });
    await popup.getByRole('button', { name: 'Back up again' }).click();
    await expect(popup.getByTestId('backup-status')).toHaveText('The backup did not start.');
    await expect(popup.locator('[role="alert"][data-failure="payment"]')).toBeVisible();
    await audit.check('back up now: did not start');

    await portal.control('faults', { path: 'getbackuphistory', status: 200, body: HISTORY, times: 0 });
    await popup.getByRole('button', { name: 'Backup history' }).click();
    await expect(popup.locator('.history .file').first()).toBeVisible();
    await audit.check('history with long file names');
    await popup.getByRole('button', { name: /^Delete the backup/ }).first().click();
    await expect(popup.getByRole('alertdialog')).toBeVisible();
    await audit.check('history: delete one, confirmation');
    await popup.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
    await popup.getByRole('button', { name: 'Delete all' }).click();
    await audit.check('history: delete all, confirmation');
    await clearFaults(portal);

    await portal.control('schedule/vanish', {});
    await popup.reload();
    await expect(popup.getByTestId('health')).toHaveAttribute('data-state', 'vanished');
    await audit.check('health: schedule vanished');

    // Two portals with long names: the portal menu in the header.
    await addNamedPortal(options, localhostOf(portal.url), OTHER_NAME);
    await popup.reload();
    await expect(popup.getByRole('combobox', { name: 'Portal' })).toBeVisible();
    await audit.check('two portals with long names');

    audit.assertClean();
  });

  test('options page: axe finds nothing in any state, light or dark, and nothing scrolls sideways', async ({ context, portal, openPage }) => {
    test.setTimeout(90_000);
    await signIn(context, portal.url);
    const options = await openPage('options.html');
    await options.setViewportSize({ width: 1000, height: 800 });
    const audit = new Audit(options, { widths: [360, 800], rtlWidths: [800], height: 800, restoreWidth: 1000 });
    await expect(options.getByText('No portals yet.')).toBeVisible();
    await expect(options.getByLabel('Check every portal’s backup every').or(options.locator('#check-hours'))).toBeVisible();
    await audit.check('no portals, preferences');

    await options.getByLabel('Portal address').fill('http://example.com');
    await options.getByRole('button', { name: 'Add portal' }).click();
    await expect(options.getByRole('alert')).toContainText('Use an https:// address');
    await audit.check('add portal: refused address');

    await createSchedule(portal, 2);
    await addNamedPortal(options, portal.url, LONG_NAME);
    await addNamedPortal(options, localhostOf(portal.url), OTHER_NAME);
    await options.reload();
    await options.getByRole('button', { name: 'Refresh all' }).click();
    await expect(options.locator(`tr[data-origin="${portal.url}"]`)).toHaveAttribute('data-state', 'scheduled');
    await expect(options.locator('.portal-row').first()).toContainText('Signed in as');
    await expect(options.locator('.portal-row').nth(1)).toContainText('Not signed in');
    await audit.check('overview, portals, preferences');

    await options.locator('.portal-row').nth(1).getByRole('button', { name: 'Remove' }).click();
    await expect(options.getByRole('alertdialog')).toBeVisible();
    await audit.check('remove confirmation');
    await options.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();

    // The portal's own view: schedule, back up now, history, copy (open there); export and import opened.
    await openDetail(options, portal.url);
    await expect(options.getByTestId('schedule-sentence')).toBeVisible();
    await expect(options.getByTestId('copy-schedule')).toHaveAttribute('open', '');
    await options.getByTestId('export-import').locator('summary').click();
    await audit.check('portal view: schedule, back up now, history, copy, export and import');

    // A portal not (or no longer) in the list.
    await options.goto(options.url().replace(/#.*$/, '') + detailHash('https://gone.example.com'));
    await expect(options.getByTestId('portal-unknown')).toBeVisible();
    await audit.check('portal view: unknown portal');
    await options.goBack();
    await expect(options.getByTestId('schedule-sentence')).toBeVisible();

    await options.locator('.portal-schedule').getByRole('button', { name: 'Edit schedule' }).click();
    await options.getByRole('button', { name: 'Choose a room or folder…' }).first().click();
    await expect(options.getByRole('button', { name: 'Finance', exact: true })).toBeVisible();
    await audit.check('editor open, folder picker');

    // The conflict view has room here: the two schedules side by side.
    await options.getByLabel(/^Time, in the portal's time zone/).selectOption('5');
    await createSchedule(portal, 9);
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(options.locator('.conflict')).toBeVisible();
    expect.soft(await stacked(options), 'summaries stacked at 1000px').toBe(false);
    await audit.check('conflict');

    audit.assertClean();
  });

  test('keyboard alone: sets up a weekly schedule, with focus always visible and every change announced', async ({ context, portal, openPage }) => {
    await signIn(context, portal.url);
    const options = await openPage('options.html');
    await addNamedPortal(options, portal.url, 'Company portal');
    const popup = await openPage('popup.html', `#portal=${portal.url}`);
    await popup.setViewportSize({ width: 420, height: 600 });
    await expect(popup.getByTestId('schedule-off')).toBeVisible();
    const keys = popup.keyboard;

    // The browser took the suggested shortcut that opens the popup.
    type Commands = { commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> } };
    const commands = await popup.evaluate(() => (globalThis as unknown as { chrome: Commands }).chrome.commands.getAll());
    expect(commands).toContainEqual(expect.objectContaining({ name: '_execute_action', shortcut: 'Alt+Shift+D' }));

    await tabTo(popup, 'Set up automatic backup');
    await keys.press('Enter');
    // The editor takes the focus to its first control, a form ready to save (the Backups room).
    await expectFocus(popup, 'Backup room');
    await expect(popup.locator('.chosen')).toHaveText('Backups');

    // Arrow keys move within the storage choices.
    await tabTo(popup, 'Backup room');
    await keys.press('ArrowDown');
    await expect(popup.getByLabel('Third-party resource')).toBeChecked();
    await keys.press('ArrowUp');
    await expect(popup.getByLabel('Backup room')).toBeChecked();

    // Enter in a field submits: 45 copies is out of range, so the error is announced and the focus goes to it.
    await tabTo(popup, 'Copies to keep');
    await keys.press('Control+A');
    await keys.type('45');
    await keys.press('Enter');
    await expect(popup.getByRole('alert').filter({ hasText: 'Check the fields marked above.' })).toBeVisible();
    await expectFocus(popup, 'Copies to keep');
    await keys.press('Control+A');
    await keys.type('7');

    // The folder picker: focus moves into it, into a room, and back when a folder is chosen.
    await tabTo(popup, 'Choose a room or folder…', { back: true });
    await keys.press('Enter');
    await expectFocus(popup, 'Backups');
    await tabTo(popup, 'Finance');
    await keys.press('Enter');
    await expect(popup.getByRole('button', { name: 'Back up to “Finance”' })).toBeVisible();
    await expectFocus(popup, 'Reports');
    await tabTo(popup, 'Back up to “Finance”');
    await keys.press('Enter');
    await expect(popup.locator('.chosen')).toHaveText('Finance');
    await expectFocus(popup, 'Choose a room or folder…');

    // Selects change with the arrow keys (and Home), without opening.
    await tabTo(popup, 'How often');
    await keys.press('ArrowDown');
    await expect(popup.getByLabel('How often')).toHaveValue('1');
    await tabTo(popup, 'Day of the week');
    await keys.press('Home');
    await expect(popup.getByLabel('Day of the week')).toHaveValue('2'); // Monday (1 = Sunday on the server)
    await tabTo(popup, /^Time, in the portal's time zone/);
    await keys.press('Home');
    for (let i = 0; i < 3; i++) await keys.press('ArrowDown');
    await expect(popup.getByLabel(/^Time, in the portal's time zone/)).toHaveValue('3');
    await tabTo(popup, 'Copies to keep');
    await tabTo(popup, /^Time, in the portal's time zone/, { back: true });

    // Saving, then saved: both in a live region, and the focus lands on the next step.
    await portal.control('faults', { path: 'createbackupschedule', delayMs: 1_000 });
    await tabTo(popup, 'Save');
    await keys.press('Enter');
    await expect(popup.getByRole('status').filter({ hasText: 'Saving…' })).toBeAttached();
    await expect(popup.getByRole('status').filter({ hasText: 'Saved. The portal stores exactly this schedule.' })).toBeVisible();
    await expectFocus(popup, 'Edit schedule');
    await expect(popup.getByTestId('schedule-sentence')).toContainText('Every Monday at 03:00');
    const stored = (await portal.api('/api/2.0/backup/getbackupschedule')).json as { response?: unknown };
    expect(stored.response).toMatchObject({ storageType: 0, storageParams: { folderId: '102' }, backupsStored: 7, cronParams: { period: 1, hour: 3, day: 2 } });

    // Back up now, by keyboard. The copy made minutes ago is offered again, Download focused;
    // "Back up again" starts another, and the focus stays on the button that starts and cancels.
    await tabTo(popup, 'Back up now');
    await keys.press('Enter');
    await expectFocus(popup, 'Download the copy');
    await tabTo(popup, 'Back up again');
    await keys.press('Enter');
    await expect(popup.getByTestId('backup-status')).toContainText(/Preparing|Backing up/);
    await expectFocus(popup, 'Cancel the backup');

    // Every control of the popup, in one full round of Tab: named, with a visible focus ring.
    const round: string[] = [];
    for (let i = 0; i < 40; i++) {
      await keys.press('Tab');
      const now = await focused(popup);
      if (!now) continue;
      if (round.includes(now.name)) break;
      expect(now.name, `a name for the <${now.tag}>`).not.toBe('');
      expect(now.ring, `a visible focus ring on <${now.tag}> "${now.name}"`).toBe(true);
      round.push(now.name);
    }
    expect(round).toEqual(expect.arrayContaining(['Open settings', 'Edit schedule', 'Refresh', 'Back up now', 'Backup history']));
  });
});
