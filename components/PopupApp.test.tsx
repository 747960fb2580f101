// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LoadedSchedule, Request } from '@/utils/pure/messages/protocol';
import { fakeBackground } from '@/tests/unit/fake-background';
import type { PopupStart } from '@/utils/pages/popup-start';
import { message, mockI18n } from '@/tests/unit/i18n-mock';
import { PopupApp } from './PopupApp';

const A = 'https://a.example.com';
const B = 'https://b.example.com';
const off = (fetchedAt: number): LoadedSchedule => ({ schedule: null, portal: { timezone: 'UTC', standalone: false }, fingerprint: 'none', fetchedAt });
let sent: Request[];

beforeEach(() => {
  fakeBrowser.reset();
  mockI18n('en-US');
  sent = fakeBackground((req) =>
    req.type === 'schedule.load' ? { ok: true, data: off(2) } : { ok: false, failure: { kind: 'internal', message: 'not in this test' } },
  );
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const loads = () => sent.filter((r) => r.type === 'schedule.load').map((r) => (r as { origin: string }).origin);

it("uses the request made at opening once, and asks afresh after switching away and back", async () => {
  const start: PopupStart = {
    portals: [
      { origin: A, name: 'A', addedAt: 1 },
      { origin: B, name: 'B', addedAt: 2 },
    ],
    target: { origin: A },
    cached: null,
    health: null,
    draft: null,
    // Nothing was cached, so the opening already asked for A's schedule.
    pending: Promise.resolve(off(1)),
  };
  render(<PopupApp start={start} />);
  expect(await screen.findByTestId('schedule-off')).toBeTruthy();
  expect(loads()).toEqual([]);

  const picker = screen.getByLabelText(message('choosePortal'));
  fireEvent.change(picker, { target: { value: B } });
  await waitFor(() => expect(loads()).toEqual([B]));
  fireEvent.change(picker, { target: { value: A } });
  await waitFor(() => expect(loads()).toEqual([B, A]));
});

it('shows why storage could not be read, with a way to try again', async () => {
  render(<PopupApp start={{ kind: 'internal', message: 'storage is gone' }} />);
  expect(await screen.findByText(/storage is gone/)).toBeTruthy();
  expect(screen.getByRole('button', { name: message('retry') })).toBeTruthy();
});
