// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { HealthRecord, PortalInfo } from '@/utils/pure/messages/protocol';
import { fakeBackground } from '@/tests/unit/fake-background';
import { mockI18n } from '@/tests/unit/i18n-mock';
import { Overview } from './Overview';

// The overview reads every portal's health record straight from storage: a corrupted
// record must be checked against the registry like every other read, never cast.
const A = 'https://a.example.com';
const B = 'https://b.example.com';
const portals: PortalInfo[] = [A, B].map((origin) => ({ origin, name: new URL(origin).host, addedAt: 0, granted: true }));
const good: HealthRecord = { origin: B, state: 'healthy', checkedAt: Date.now(), schedule: null, lastKnownSchedule: null };
const corrupted = { origin: A, state: 'healthy', checkedAt: Date.now(), schedule: { storageType: 'x', cronParams: 7 }, lastKnownSchedule: null };

beforeEach(() => {
  fakeBrowser.reset();
  mockI18n('en-US');
  fakeBackground(() => ({ ok: true, data: null }));
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const rowState = (origin: string) => document.querySelector(`tr[data-origin="${origin}"]`)?.getAttribute('data-state');

it('a corrupted health record read at first is dropped, not drawn; the good one is shown', async () => {
  const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  await fakeBrowser.storage.local.set({ [`health:${A}`]: corrupted, [`health:${B}`]: good });
  render(<Overview portals={portals} onOpen={() => undefined} />);
  await waitFor(() => expect(rowState(B)).toBe('healthy'));
  expect(rowState(A)).toBe('none');
  await waitFor(async () => expect((await fakeBrowser.storage.local.get(`health:${A}`))[`health:${A}`]).toBeUndefined());
  expect(screen.getAllByRole('row').length).toBeGreaterThan(2);
  expect(errors).not.toHaveBeenCalled();
});

it('a corrupted health record written later is dropped too', async () => {
  const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  await fakeBrowser.storage.local.set({ [`health:${B}`]: good });
  render(<Overview portals={portals} onOpen={() => undefined} />);
  await waitFor(() => expect(rowState(B)).toBe('healthy'));
  await fakeBrowser.storage.local.set({ [`health:${B}`]: { ...corrupted, origin: B } });
  await waitFor(() => expect(rowState(B)).toBe('none'));
  expect(errors).not.toHaveBeenCalled();
});
