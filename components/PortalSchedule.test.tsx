// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { scheduleCacheItem } from '@/utils/extension/schedule-cache';
import type { ScheduleDto } from '@/utils/pure/docspace/schemas';
import type { LoadedSchedule, Reply, Request, RequestType } from '@/utils/pure/messages/protocol';
import { draftItem } from '@/utils/extension/schedule-draft';
import { fingerprint } from '@/utils/pure/schedule/form';
import { userTimeZone } from '@/utils/extension/format';
import { message, mockI18n } from '@/tests/unit/i18n-mock';
import { PortalSchedule } from './PortalSchedule';
import { weeklySchedule } from '@/tests/unit/schedules';

const PORTAL = 'https://portal.example.com';
// The user's own zone, so the sentence has no "your time" part whatever the machine's zone.
const ZONE = userTimeZone();

const weekly = weeklySchedule();
const daily: ScheduleDto = { ...weekly, cronParams: { period: 0, hour: 3, day: 0 }, backupsStored: 2 };

function loadedOf(schedule: ScheduleDto | null, title = 'Backups'): LoadedSchedule {
  return {
    schedule,
    target: schedule ? { title } : undefined,
    portal: { timezone: ZONE, standalone: false },
    fingerprint: fingerprint(schedule),
    fetchedAt: 1_700_000_000_000,
  };
}

const LOADED = loadedOf(weekly);
const WEEKLY_SENTENCE = `Every Monday at 05:00 AM portal time (${ZONE}) · to the room Backups · keeps 7 copies`;

type Handler = (request: Request) => Reply | Promise<Reply>;
let handlers: Partial<Record<RequestType, Handler>>;
let sent: Request[];

const ok = (data: unknown): Reply => ({ ok: true, data });

function mockBackground() {
  sent = [];
  handlers = {
    'schedule.load': () => ok(LOADED),
    'storage.options': () => ok({ storages: [], regions: [], thirdParty: null, standalone: false }),
  };
  const fake = async (request: unknown) => {
    const req = request as Request;
    sent.push(req);
    const handler = handlers[req.type];
    return handler ? handler(req) : { ok: false, failure: { kind: 'internal', message: `no handler for ${req.type}` } };
  };
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(fake as typeof fakeBrowser.runtime.sendMessage);
}

const sentOf = <T extends RequestType>(type: T) => sent.filter((r): r is Extract<Request, { type: T }> => r.type === type);

async function openEditor() {
  render(<PortalSchedule origin={PORTAL} />);
  fireEvent.click(await screen.findByRole('button', { name: message('editSchedule') }));
  // The editor is a lazy chunk: its first import, cold, can take more than a second on a busy machine.
  return screen.findByRole('form', { name: message('editorHeading') }, { timeout: 5000 });
}

function copiesInput() {
  return screen.getByLabelText(message('copiesKept')) as HTMLInputElement;
}

async function typeCopies(value: string) {
  fireEvent.input(copiesInput(), { target: { value } });
  await waitFor(async () => expect((await draftItem(PORTAL).getValue())?.form.backupsStored).toBe(value));
}

function clickSave() {
  fireEvent.click(screen.getByRole('button', { name: message('save') }));
}

beforeEach(() => {
  fakeBrowser.reset();
  mockI18n('en-US');
  mockBackground();
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('PortalSchedule: showing', () => {
  it('loads the schedule and renders it as a sentence', async () => {
    render(<PortalSchedule origin={PORTAL} />);
    expect(screen.getByTestId('loading').textContent).toBe('Loading…');
    expect((await screen.findByTestId('schedule-sentence')).textContent).toBe(WEEKLY_SENTENCE);
    expect(sentOf('schedule.load')).toEqual([{ type: 'schedule.load', origin: PORTAL, cookieStoreId: undefined }]);
    expect(screen.getByRole('button', { name: message('editSchedule') })).toBeTruthy();
  });

  it('draws the cached schedule while the portal has not answered', async () => {
    await scheduleCacheItem(PORTAL).setValue(LOADED);
    handlers['schedule.load'] = () => new Promise<Reply>(() => undefined);
    render(<PortalSchedule origin={PORTAL} />);
    expect((await screen.findByTestId('schedule-sentence')).textContent).toBe(WEEKLY_SENTENCE);
  });

  it('draws what the page already read on its first render, and asks the portal once', async () => {
    render(<PortalSchedule origin={PORTAL} start={{ cached: LOADED, draft: null }} />);
    // Synchronously: no loading line, no wait for storage.
    expect(screen.getByTestId('schedule-sentence').textContent).toBe(WEEKLY_SENTENCE);
    expect(screen.queryByTestId('loading')).toBeNull();
    await waitFor(() => expect(sentOf('schedule.load')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sentOf('schedule.load')).toHaveLength(1);
  });

  it("uses the page's request already under way instead of sending another", async () => {
    let answer!: (loaded: LoadedSchedule) => void;
    const pending = new Promise<LoadedSchedule>((resolve) => (answer = resolve));
    render(<PortalSchedule origin={PORTAL} start={{ cached: null, draft: null, pending }} />);
    expect(screen.getByTestId('loading')).toBeTruthy();
    answer(loadedOf(daily));
    expect((await screen.findByTestId('schedule-sentence')).textContent).toContain('Every day');
    expect(sentOf('schedule.load')).toEqual([]);
  });

  it('says that automatic backup is off, and offers to set it up', async () => {
    handlers['schedule.load'] = () => ok(loadedOf(null));
    render(<PortalSchedule origin={PORTAL} />);
    expect((await screen.findByTestId('schedule-off')).textContent).toBe('Automatic backup is off.');
    expect(screen.getByRole('button', { name: message('setUpSchedule') })).toBeTruthy();
  });

  it('shows a load failure', async () => {
    handlers['schedule.load'] = () => ({ ok: false, failure: { kind: 'signed-out' } });
    render(<PortalSchedule origin={PORTAL} />);
    const alert = await screen.findByRole('alert');
    expect(alert.getAttribute('data-failure')).toBe('signed-out');
    expect(alert.textContent).toContain('You are signed out of this portal.');
  });
});

describe('PortalSchedule: editing and drafts', () => {
  it('opens the editor filled from the schedule and asks for the storage options', async () => {
    await openEditor();
    expect(copiesInput().value).toBe('7');
    expect((document.getElementById('period') as HTMLSelectElement).value).toBe('1');
    expect((document.getElementById('weekday') as HTMLSelectElement).value).toBe('2');
    expect((document.getElementById('hour') as HTMLSelectElement).value).toBe('5');
    await waitFor(() => expect(sentOf('storage.options')).toHaveLength(1));
    // Nothing is a draft until something changes.
    expect(await draftItem(PORTAL).getValue()).toBeNull();
    expect(screen.queryByText(message('unsavedChanges'))).toBeNull();
  });

  it('saves a change as a draft under local:draft:<origin>', async () => {
    await openEditor();
    await typeCopies('5');
    const raw = await fakeBrowser.storage.local.get(`draft:${PORTAL}`);
    const draft = raw[`draft:${PORTAL}`] as { form: { backupsStored: string }; base: string; savedAt: number };
    expect(draft.form.backupsStored).toBe('5');
    expect(draft.base).toBe(LOADED.fingerprint);
    expect(typeof draft.savedAt).toBe('number');
    expect(screen.getByText(message('unsavedChanges'))).toBeTruthy();
  });

  it('restores the draft when it is mounted again', async () => {
    await openEditor();
    await typeCopies('5');
    cleanup();
    render(<PortalSchedule origin={PORTAL} />);
    await screen.findByRole('form', { name: message('editorHeading') });
    expect(copiesInput().value).toBe('5');
    expect(screen.getByText(message('unsavedChanges'))).toBeTruthy();
    // The edit button is not offered while the draft is open.
    expect(screen.queryByRole('button', { name: message('editSchedule') })).toBeNull();
  });

  it('"Discard changes" removes the draft and closes the editor', async () => {
    await openEditor();
    await typeCopies('5');
    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    await waitFor(() => expect(screen.queryByRole('form')).toBeNull());
    expect(await draftItem(PORTAL).getValue()).toBeNull();
    expect(screen.getByRole('button', { name: message('editSchedule') })).toBeTruthy();
    expect(screen.queryByText(message('unsavedChanges'))).toBeNull();
    expect(sentOf('schedule.save')).toEqual([]);
  });

  it('an invalid field stops the save and is shown', async () => {
    await openEditor();
    // Letters cannot be typed into the copies stepper; a number out of range can, until it is left.
    await typeCopies('45');
    clickSave();
    expect((await screen.findByText('Check the fields marked above.')).getAttribute('role')).toBe('alert');
    expect(document.getElementById(copiesInput().getAttribute('aria-describedby') ?? '')?.textContent).toBe('Enter a number from 1 to 30.');
    expect(sentOf('schedule.save')).toEqual([]);
  });
});

describe('PortalSchedule: saving', () => {
  it('sends the request built from the form, with the fingerprint it started from', async () => {
    handlers['schedule.save'] = () => ok({ status: 'saved', loaded: loadedOf({ ...weekly, backupsStored: 5 }) });
    await openEditor();
    await typeCopies('5');
    clickSave();
    await screen.findByText('Saved. The portal stores exactly this schedule.');
    expect(sentOf('schedule.save')).toEqual([
      {
        type: 'schedule.save',
        origin: PORTAL,
        cookieStoreId: undefined,
        expected: LOADED.fingerprint,
        force: false,
        request: {
          storageType: 0,
          storageParams: [{ key: 'folderId', value: '12345' }],
          backupsStored: 5,
          cronParams: { period: 1, hour: 5, day: 2 },
          dump: false,
        },
      },
    ]);
    await waitFor(async () => expect(await draftItem(PORTAL).getValue()).toBeNull());
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.getByTestId('schedule-sentence').textContent).toContain('keeps 5 copies');
  });

  it("a conflict shows the portal's version and the user's side by side", async () => {
    handlers['schedule.save'] = () => ok({ status: 'conflict', loaded: loadedOf(daily) });
    await openEditor();
    await typeCopies('5');
    clickSave();
    const conflict = await screen.findByText(message('conflict'));
    const box = conflict.closest('.conflict') as HTMLElement;
    const sentences = within(box)
      .getAllByTestId('schedule-sentence')
      .map((s) => s.textContent);
    expect(within(box).getByText('On the portal now')).toBeTruthy();
    expect(within(box).getByText('Your changes')).toBeTruthy();
    expect(sentences).toEqual([
      `Every day at 03:00 AM portal time (${ZONE}) · to the room Backups · keeps 2 copies`,
      `Every Monday at 05:00 AM portal time (${ZONE}) · to the room #12345 · keeps 5 copies`,
    ]);
    // Nothing was saved: the draft stays.
    expect((await draftItem(PORTAL).getValue())?.form.backupsStored).toBe('5');

    fireEvent.click(within(box).getByRole('button', { name: 'Save mine instead' }));
    await waitFor(() => expect(sentOf('schedule.save')).toHaveLength(2));
    expect(sentOf('schedule.save')[1]).toMatchObject({ force: true, request: { backupsStored: 5 } });
  });

  it("a conflict resolved with the portal's version drops the draft and edits theirs", async () => {
    handlers['schedule.save'] = () => ok({ status: 'conflict', loaded: loadedOf(daily) });
    await openEditor();
    await typeCopies('5');
    clickSave();
    await screen.findByText(message('conflict'));
    fireEvent.click(screen.getByRole('button', { name: "Keep the portal's" }));
    await waitFor(() => expect(copiesInput().value).toBe('2'));
    expect(await draftItem(PORTAL).getValue()).toBeNull();
    expect((document.getElementById('period') as HTMLSelectElement).value).toBe('0');
  });

  it('a mismatch lists each difference', async () => {
    handlers['schedule.save'] = () =>
      ok({
        status: 'mismatch',
        loaded: loadedOf({ ...weekly, cronParams: { period: 1, hour: 6, day: 2 } }),
        differences: [
          { field: 'cronParams.hour', sent: '5', stored: '6' },
          { field: 'backupsStored', sent: '5', stored: '—' },
        ],
      });
    await openEditor();
    await typeCopies('5');
    clickSave();
    const title = await screen.findByText('Saved, but the portal stores something else than was sent:');
    const items = Array.from(title.closest('[role="alert"]')!.querySelectorAll('li')).map((li) => li.textContent);
    expect(items).toEqual(['cronParams.hour: sent 5, stored 6', 'backupsStored: sent 5, stored —']);
  });

  it('a failed save shows the failure and keeps the draft and the editor', async () => {
    handlers['schedule.save'] = () => ({ ok: false, failure: { kind: 'server', status: 500, message: 'Object reference not set' } });
    await openEditor();
    await typeCopies('5');
    clickSave();
    expect(await screen.findByText('The portal had an error (HTTP 500).')).toBeTruthy();
    expect(screen.getByText('Object reference not set')).toBeTruthy();
    expect((await draftItem(PORTAL).getValue())?.form.backupsStored).toBe('5');
    expect(copiesInput().value).toBe('5');
    // The button is usable again.
    expect((screen.getByRole('button', { name: message('save') }) as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('PortalSchedule: turning off', () => {
  // Turning off is its own button in the editor's footer (issue #12), then a confirmation.
  async function askTurnOff() {
    await openEditor();
    fireEvent.click(screen.getByRole('button', { name: message('popupTurnOff') }));
  }

  it('asks for confirmation before sending schedule.delete', async () => {
    handlers['schedule.delete'] = () => ok({ status: 'saved', loaded: loadedOf(null) });
    await askTurnOff();
    const dialog = await screen.findByRole('alertdialog', { name: 'Turn off automatic backup?' });
    expect(dialog.textContent).toContain(message('confirmOff'));
    expect(sentOf('schedule.delete')).toEqual([]);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Turn off' }));
    await screen.findByText('Automatic backup is now off.');
    expect(sentOf('schedule.delete')).toEqual([
      { type: 'schedule.delete', origin: PORTAL, cookieStoreId: undefined, expected: LOADED.fingerprint, force: false },
    ]);
    expect(sentOf('schedule.save')).toEqual([]);
    expect(screen.getByTestId('schedule-off').textContent).toBe('Automatic backup is off.');
    expect(await draftItem(PORTAL).getValue()).toBeNull();
  });

  it('Cancel in the confirmation sends nothing', async () => {
    await askTurnOff();
    const dialog = await screen.findByRole('alertdialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(sentOf('schedule.delete')).toEqual([]);
    expect(sentOf('schedule.save')).toEqual([]);
    // The keyboard focus goes back to the button that asked, not to the top of the page.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: message('popupTurnOff') }));
  });
});
