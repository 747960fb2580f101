// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { mockI18n } from '@/tests/unit/i18n-mock';
import { prefsItem } from '@/utils/extension/prefs';
import { Preferences } from './Preferences';

// Notifications need an optional permission, asked for from the user's click (the e2e specs run
// the granted path in real browsers; here the browser's answer is played, refusals included).
const NOTIFY = "Show a desktop notification when a portal's backup needs attention";
let granted: boolean;
let answer: boolean;
let request: Mock<typeof fakeBrowser.permissions.request>;

beforeEach(() => {
  fakeBrowser.reset();
  mockI18n('en-US');
  granted = false;
  answer = true;
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async () => granted);
  request = vi.fn<typeof fakeBrowser.permissions.request>(async () => {
    granted ||= answer;
    return answer;
  });
  vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(request);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('Preferences: notifications', () => {
  it('turning them on asks for the permission from the click, and stores the choice once granted', async () => {
    render(<Preferences />);
    const box = await screen.findByLabelText(NOTIFY);
    expect(request).not.toHaveBeenCalled();
    fireEvent.click(box);
    await waitFor(async () => expect(await prefsItem.getValue()).toEqual({ notify: true }));
    expect(request).toHaveBeenCalledWith({ permissions: ['notifications'] });
    expect(screen.getByLabelText<HTMLInputElement>(NOTIFY).checked).toBe(true);
    expect(screen.queryByRole('button', { name: 'Allow access' })).toBeNull();
  });

  it('refused by the browser: says so, and they stay off', async () => {
    answer = false;
    render(<Preferences />);
    fireEvent.click(await screen.findByLabelText(NOTIFY));
    expect((await screen.findByRole('alert')).textContent).toBe('The browser did not allow notifications.');
    await waitFor(() => expect(screen.getByLabelText<HTMLInputElement>(NOTIFY).checked).toBe(false));
    expect(await prefsItem.getValue()).toEqual({});
  });

  it('turned on by the organisation without the permission: one click on "Allow access" asks for it', async () => {
    await fakeBrowser.storage.managed.set({ notifications: true });
    render(<Preferences />);
    const allow = await screen.findByRole('button', { name: 'Allow access' });
    expect(screen.getByLabelText<HTMLInputElement>(NOTIFY).checked).toBe(true);
    fireEvent.click(allow);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Allow access' })).toBeNull());
    expect(request).toHaveBeenCalledTimes(1);
  });

  it('locked by the organisation: read-only, and said so', async () => {
    await fakeBrowser.storage.managed.set({ notifications: false, checkIntervalHours: 24, lockSettings: true });
    render(<Preferences />);
    await waitFor(() => expect(screen.getByLabelText<HTMLSelectElement>(/^Check every/).value).toBe('24'));
    expect(screen.getByLabelText<HTMLInputElement>(NOTIFY).disabled).toBe(true);
    expect(screen.getByLabelText<HTMLSelectElement>(/^Check every/).disabled).toBe(true);
    expect(screen.getByText('Set by your organisation.')).toBeTruthy();
  });
});
