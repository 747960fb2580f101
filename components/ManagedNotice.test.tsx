// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { mockI18n } from '@/tests/unit/i18n-mock';
import type { PortalInfo } from '@/utils/pure/messages/protocol';
import { ManagedNotice } from './ManagedNotice';

// #14: no policy can grant host permissions, so the portals an organisation added wait for the
// user's one click, which asks for all of them in one prompt (the browser's answer is played here).
const portal = (origin: string, name: string, extra: Partial<PortalInfo>): PortalInfo => ({ origin, name, addedAt: 1, granted: false, ...extra });
const PORTALS = [
  portal('https://head.example.org', 'Head office', { managed: true }),
  // Host permissions do not name a port: both branch portals are one pattern, asked for once.
  portal('https://branch.example.org', 'Branch', { managed: true }),
  portal('https://branch.example.org:8443', 'Branch test', { managed: true }),
  portal('https://granted.example.org', 'Granted', { managed: true, granted: true }),
  portal('https://mine.example.org', 'Added by me', {}),
];

let request: Mock<typeof fakeBrowser.permissions.request>;
let answer: boolean;

beforeEach(() => {
  fakeBrowser.reset();
  mockI18n('en-US');
  answer = true;
  request = vi.fn<typeof fakeBrowser.permissions.request>(async () => answer);
  vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation(request);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('ManagedNotice', () => {
  it('lists the managed portals still without access, says why, and one click asks for all of them at once', async () => {
    const onGranted = vi.fn();
    render(<ManagedNotice portals={PORTALS} onGranted={onGranted} />);
    const notice = await screen.findByTestId('managed-notice');
    expect(notice.textContent).toContain('Your organisation added these portals. Allow access once');
    expect([...notice.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Head office (head.example.org)',
      'Branch (branch.example.org)',
      'Branch test (branch.example.org:8443)',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Allow access' }));
    await waitFor(() => expect(onGranted).toHaveBeenCalledTimes(1));
    expect(request).toHaveBeenCalledTimes(1);
    expect(request).toHaveBeenCalledWith({ origins: ['https://head.example.org/*', 'https://branch.example.org/*'] });
  });

  it('refused: says the extension cannot reach them, and asks again on the next click', async () => {
    answer = false;
    const onGranted = vi.fn();
    render(<ManagedNotice portals={PORTALS} onGranted={onGranted} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Allow access' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Permission was not granted, so the extension cannot reach this portal.');
    expect(onGranted).not.toHaveBeenCalled();
    answer = true;
    fireEvent.click(screen.getByRole('button', { name: 'Allow access' }));
    await waitFor(() => expect(onGranted).toHaveBeenCalledTimes(1));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows nothing when every managed portal has access and the policy is fine', async () => {
    render(<ManagedNotice portals={PORTALS.filter((p) => p.granted || !p.managed)} onGranted={() => undefined} />);
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.queryByTestId('managed-notice')).toBeNull();
  });

  it('lists the entries of the policy it cannot use', async () => {
    await fakeBrowser.storage.managed.set({ portals: [{ address: 'ftp://nowhere' }], checkIntervalHours: 'often' });
    render(<ManagedNotice portals={[]} onGranted={() => undefined} />);
    const notice = await screen.findByTestId('managed-notice');
    expect(notice.textContent).toContain("Your organisation's policy has entries the extension cannot use:");
    expect(notice.querySelectorAll('code').length).toBe(2);
    expect(screen.queryByRole('button', { name: 'Allow access' })).toBeNull();
  });
});
