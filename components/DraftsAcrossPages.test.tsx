// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LoadedSchedule, Reply, Request } from '@/utils/pure/messages/protocol';
import { draftItem, type Draft } from '@/utils/extension/schedule-draft';
import { fingerprint, formFromSchedule } from '@/utils/pure/schedule/form';
import { userTimeZone } from '@/utils/extension/format';
import { message, mockI18n } from '@/tests/unit/i18n-mock';
import { weeklySchedule } from '@/tests/unit/schedules';
import { PortalSchedule } from './PortalSchedule';

// Issue 11: the popup and the settings page editing the same portal at once.
const PORTAL = 'https://portal.example.com';
const weekly = weeklySchedule();
let current: LoadedSchedule;

beforeEach(() => {
  fakeBrowser.reset();
  mockI18n('en-US');
  current = { schedule: weekly, target: { title: 'Backups' }, portal: { timezone: userTimeZone(), standalone: false }, fingerprint: fingerprint(weekly), fetchedAt: 1 };
  const answer = async (request: unknown): Promise<Reply> => {
    const req = request as Request;
    if (req.type === 'schedule.load') return { ok: true, data: current };
    if (req.type === 'storage.options') return { ok: true, data: { storages: [], regions: [], thirdParty: null, standalone: false } };
    return { ok: false, failure: { kind: 'internal', message: `no handler for ${req.type}` } };
  };
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(answer as typeof fakeBrowser.runtime.sendMessage);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function twoPages() {
  const popup = render(<PortalSchedule origin={PORTAL} page="popup" />).container;
  const options = render(<PortalSchedule origin={PORTAL} page="options" />).container;
  return { popup: within(popup as HTMLElement), options: within(options as HTMLElement) };
}

async function typeCopies(page: ReturnType<typeof within>, value: string) {
  fireEvent.click(await page.findByRole('button', { name: message('editSchedule') }));
  const input = (await page.findByLabelText(message('copiesKept'))) as HTMLInputElement;
  fireEvent.input(input, { target: { value } });
}

describe('drafts across pages', () => {
  it('both pages keep their own edit, and each says the other has one', async () => {
    const { popup, options } = twoPages();
    await typeCopies(popup, '3');
    await typeCopies(options, '9');
    await waitFor(async () => {
      expect((await draftItem(PORTAL, 'popup').getValue())?.form.backupsStored).toBe('3');
      expect((await draftItem(PORTAL, 'options').getValue())?.form.backupsStored).toBe('9');
    });
    expect((await popup.findByTestId('other-draft')).textContent).toContain(message('robustOtherDraftOptions'));
    expect((await options.findByTestId('other-draft')).textContent).toContain(message('robustOtherDraftPopup'));
    // Nothing typed was lost on either page.
    expect((popup.getByLabelText(message('copiesKept')) as HTMLInputElement).value).toBe('3');
    expect((options.getByLabelText(message('copiesKept')) as HTMLInputElement).value).toBe('9');
  });

  it('the user chooses: take the other page’s edits, or keep their own', async () => {
    const theirs: Draft = { form: { ...formFromSchedule(weekly), backupsStored: '9' }, base: current.fingerprint, savedAt: 42 };
    await draftItem(PORTAL, 'options').setValue(theirs);
    render(<PortalSchedule origin={PORTAL} page="popup" />);
    const notice = await screen.findByTestId('other-draft');
    fireEvent.click(within(notice).getByRole('button', { name: message('robustUseOther') }));
    await waitFor(() => expect((screen.getByLabelText(message('copiesKept')) as HTMLInputElement).value).toBe('9'));
    expect((await draftItem(PORTAL, 'popup').getValue())?.form.backupsStored).toBe('9');
    // The other page still has its own.
    expect(await draftItem(PORTAL, 'options').getValue()).toEqual(theirs);
    await waitFor(() => expect(screen.queryByTestId('other-draft')).toBeNull());
  });

  it('“Keep mine” leaves the other draft alone and stops asking', async () => {
    await draftItem(PORTAL, 'options').setValue({ form: { ...formFromSchedule(weekly), backupsStored: '9' }, base: current.fingerprint, savedAt: 42 });
    render(<PortalSchedule origin={PORTAL} page="popup" />);
    fireEvent.click(within(await screen.findByTestId('other-draft')).getByRole('button', { name: message('robustKeepMine') }));
    expect(screen.queryByTestId('other-draft')).toBeNull();
    expect(await draftItem(PORTAL, 'options').getValue()).not.toBeNull();
  });

  it('a draft whose save went through after the popup closed is reconciled: no stale editor, no false conflict', async () => {
    // The popup saved 3 copies and closed before the answer; the portal stores exactly that now.
    const saved = weeklySchedule({ backupsStored: 3 });
    const stale: Draft = { form: { ...formFromSchedule(weekly), backupsStored: '3' }, base: fingerprint(weekly), savedAt: 7 };
    await draftItem(PORTAL, 'popup').setValue(stale);
    current = { ...current, schedule: saved, fingerprint: fingerprint(saved) };
    render(<PortalSchedule origin={PORTAL} page="popup" start={{ cached: null, draft: stale }} />);
    await waitFor(async () => expect(await draftItem(PORTAL, 'popup').getValue()).toBeNull());
    expect(await screen.findByRole('button', { name: message('editSchedule') })).toBeTruthy();
    expect(screen.queryByText(message('unsavedChanges'))).toBeNull();
  });

  it('a draft that differs from what the portal stores is kept', async () => {
    const edits: Draft = { form: { ...formFromSchedule(weekly), backupsStored: '4' }, base: fingerprint(weekly), savedAt: 7 };
    await draftItem(PORTAL, 'popup').setValue(edits);
    render(<PortalSchedule origin={PORTAL} page="popup" start={{ cached: null, draft: edits }} />);
    await waitFor(() => expect((screen.getByLabelText(message('copiesKept')) as HTMLInputElement).value).toBe('4'));
    await new Promise((r) => setTimeout(r, 20));
    expect(await draftItem(PORTAL, 'popup').getValue()).toEqual(edits);
  });
});
