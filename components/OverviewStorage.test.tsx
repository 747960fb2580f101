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

it('a record written while the first read is out is not undone by that read when it lands', async () => {
  await fakeBrowser.storage.local.set({ [`health:${B}`]: good });
  const local = fakeBrowser.storage.local;
  const realGet = local.get.bind(local);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let held = false;
  vi.spyOn(local, 'get').mockImplementation((async (keys: Parameters<typeof local.get>[0]) => {
    const snapshot = await realGet(keys);
    if (!held && Array.isArray(keys) && keys.includes(`health:${B}`)) {
      held = true;
      await gate;
    }
    return snapshot;
  }) as typeof local.get);
  render(<Overview portals={portals} onOpen={() => undefined} />);
  await waitFor(() => expect(held).toBe(true));
  await local.set({ [`health:${B}`]: { ...good, state: 'off', checkedAt: good.checkedAt + 1 } });
  await waitFor(() => expect(rowState(B)).toBe('off'));
  release();
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(rowState(B)).toBe('off');
});

// Issue #12: one glance. How many need attention, worst first, the room by its name, "off" flagged,
// when each was checked, and a real link to each portal's detail view.
const room = { storageType: 0, storageParams: { folderId: '101' }, cronParams: { period: 0, hour: 2, day: 0 }, backupsStored: 7, lastBackupTime: '0001-01-01T00:00:00', dump: false };
const C = 'https://c.example.com';
const three: PortalInfo[] = [A, B, C].map((origin) => ({ origin, name: `Portal ${new URL(origin).host[0]}`, addedAt: 0, granted: true }));
const records: HealthRecord[] = [
  { origin: A, state: 'scheduled', checkedAt: Date.now() - 60_000, nextRun: Date.now() + 3_600_000, schedule: room, lastKnownSchedule: room, room: { folderId: '101', title: 'Backups' } },
  { origin: B, state: 'off', checkedAt: Date.now(), schedule: null, lastKnownSchedule: null },
  { origin: C, state: 'unreachable', checkedAt: Date.now(), schedule: null, lastKnownSchedule: null, failure: { kind: 'offline', message: 'connection refused' } },
];
const row = (origin: string) => document.querySelector<HTMLElement>(`tr[data-origin="${origin}"]`)!;

it('says how many portals need attention, lists them worst first, flags "off" and names the room', async () => {
  await fakeBrowser.storage.local.set(Object.fromEntries(records.map((r) => [`health:${r.origin}`, r])));
  render(<Overview portals={three} />);
  await waitFor(() => expect(rowState(C)).toBe('unreachable'));
  expect(screen.getByTestId('overview-attention').textContent).toBe('Portals that need attention: 2 of 3');
  expect([...document.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-origin'))).toEqual([C, B, A]);
  expect(row(B).textContent).toContain('Needs attention');
  expect(row(A).textContent).not.toContain('Needs attention');
  expect(row(A).textContent).toContain('to the room Backups');
  expect(document.body.textContent).not.toContain('#101');
  // The failure is told once in its row: the headline, then the portal's own words.
  expect(row(C).textContent!.split('connection refused')).toHaveLength(2);
  expect(row(A).querySelectorAll('time')).toHaveLength(2); // next run and checked at
  expect(row(A).querySelector('th a')!.getAttribute('href')).toBe(`#/portal/${encodeURIComponent(A)}`);
});

it('"Refresh all" is one message; each row is busy until its new record arrives', async () => {
  let answer: (reply: { ok: true; data: { checked: number } }) => void = () => undefined;
  const sent = fakeBackground(() => new Promise((resolve) => (answer = resolve)));
  render(<Overview portals={three} />);
  screen.getByRole('button', { name: 'Refresh all' }).click();
  await waitFor(() => expect(row(A).getAttribute('aria-busy')).toBe('true'));
  expect(sent).toEqual([{ type: 'health.checkAll' }]);
  await fakeBrowser.storage.local.set({ [`health:${A}`]: { ...records[0]!, checkedAt: Date.now() + 1 } });
  await waitFor(() => expect(row(A).getAttribute('aria-busy')).toBe('false'));
  expect(row(B).getAttribute('aria-busy')).toBe('true');
  answer({ ok: true, data: { checked: 3 } });
  await waitFor(() => expect(row(B).getAttribute('aria-busy')).toBe('false'));
  expect(row(C).getAttribute('aria-busy')).toBe('false');
});

it('a filter or search hides the other rows and keeps them mounted: showing all again rebuilds none', async () => {
  await fakeBrowser.storage.local.set(Object.fromEntries(records.map((r) => [`health:${r.origin}`, r])));
  render(<Overview portals={three} />);
  await waitFor(() => expect(rowState(C)).toBe('unreachable'));
  const before = [A, B, C].map(row);
  const visible = () => [...document.querySelectorAll<HTMLElement>('tbody tr')].filter((r) => !r.hidden).map((r) => r.dataset.origin);
  const filter = document.querySelector<HTMLSelectElement>('#overview-filter')!;
  filter.value = 'unreachable';
  filter.dispatchEvent(new Event('change', { bubbles: true }));
  await waitFor(() => expect(visible()).toEqual([C]));
  expect(screen.getByRole('status').textContent).toBe('Shown: 1 of 3');
  filter.value = 'all';
  filter.dispatchEvent(new Event('change', { bubbles: true }));
  await waitFor(() => expect(visible()).toEqual([C, B, A]));
  const search = document.querySelector<HTMLInputElement>('#overview-search')!;
  search.value = 'Portal a';
  search.dispatchEvent(new Event('input', { bubbles: true }));
  await waitFor(() => expect(visible()).toEqual([A]));
  search.value = '';
  search.dispatchEvent(new Event('input', { bubbles: true }));
  await waitFor(() => expect(visible()).toEqual([C, B, A]));
  expect([A, B, C].map(row)).toEqual(before);
});
