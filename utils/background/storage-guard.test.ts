import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { STORAGE_VERSION } from '../pure/storage/registry';

const P = 'https://portal.example.com';
const portals = [{ origin: P, name: 'P', addedAt: 1 }];

// A fresh background each time: the guard starts once per background start.
async function startBackground() {
  vi.resetModules();
  const guard = await import('./storage-guard');
  return { guard, started: guard.startStorageGuard() };
}
const stored = () => fakeBrowser.storage.local.get(null) as Promise<Record<string, unknown>>;

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

it('at start, damaged values are mended or dropped with a note; good and unknown ones stay as they are', async () => {
  await fakeBrowser.storage.local.set({ storageVersion: STORAGE_VERSION, portals: [...portals, 'not a portal'], [`health:${P}`]: 42, lastPortal: P, 'someone-else': 'x' });
  const { started } = await startBackground();
  expect(await started).toBe(2);
  const after = await stored();
  expect(after.portals).toEqual(portals);
  expect(after[`health:${P}`]).toBeUndefined();
  expect(after.lastPortal).toBe(P);
  expect(after['someone-else']).toBe('x');
  expect(after.storageRepairs).toEqual(
    expect.arrayContaining([expect.objectContaining({ key: 'portals', action: 'repaired' }), expect.objectContaining({ key: `health:${P}`, action: 'dropped' })]),
  );
});

it('a damaged value stored later, by a page or anything else, is mended as it arrives', async () => {
  await fakeBrowser.storage.local.set({ storageVersion: STORAGE_VERSION, portals });
  const { started } = await startBackground();
  expect(await started).toBe(0);
  await fakeBrowser.storage.local.set({ prefs: { checkHours: 'x', notify: true }, [`cache:${P}`]: { schedule: 'broken' } });
  await vi.waitFor(async () => expect((await stored()).prefs).toEqual({ notify: true }));
  await vi.waitFor(async () => expect((await stored())[`cache:${P}`]).toBeUndefined());
  await vi.waitFor(async () => expect(((await stored()).storageRepairs as { key: string }[]).map((r) => r.key).sort()).toEqual([`cache:${P}`, 'prefs']));
});

it('a page that asks gets everything checked now, and the count of what was mended', async () => {
  await fakeBrowser.storage.local.set({ storageVersion: STORAGE_VERSION, portals });
  // A change the guard never heard of (an event page that slept through it).
  vi.spyOn(fakeBrowser.storage.onChanged, 'addListener').mockImplementation(() => undefined);
  const { guard, started } = await startBackground();
  await started;
  expect(await guard.checkStoredNow()).toBe(0);
  await fakeBrowser.storage.local.set({ [`draft-popup:${P}`]: 'x' });
  expect((await stored())[`draft-popup:${P}`]).toBe('x');
  expect(await guard.checkStoredNow()).toBe(1);
  expect((await stored())[`draft-popup:${P}`]).toBeUndefined();
});
