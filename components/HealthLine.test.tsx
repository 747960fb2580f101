// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { HealthRecord, Request } from '@/utils/messages/protocol';
import { fakeBackground } from '@/tests/unit/fake-background';
import { mockI18n } from '@/tests/unit/i18n-mock';
import { HealthLine } from './HealthLine';

const PORTAL = 'https://portal.example.com';
const record = (state: HealthRecord['state']): HealthRecord => ({ origin: PORTAL, state, checkedAt: Date.now(), schedule: null, lastKnownSchedule: null });
let sent: Request[];

beforeEach(() => {
  fakeBrowser.reset();
  mockI18n('en-US');
  sent = fakeBackground(() => ({ ok: true, data: record('off') }));
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

it('shows the record the page read at once, and checks only when allowed to', async () => {
  const { rerender } = render(<HealthLine origin={PORTAL} initial={record('healthy')} check={false} />);
  expect(screen.getByTestId('health').dataset.state).toBe('healthy');
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(sent).toEqual([]);
  rerender(<HealthLine origin={PORTAL} initial={record('healthy')} check />);
  await waitFor(() => expect(screen.getByTestId('health').dataset.state).toBe('off'));
  expect(sent).toEqual([{ type: 'health.check', origin: PORTAL }]);
});
