import { beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { portalsItem } from '../extension/portal-list';
import { localItem } from '../extension/storage-item';
import { queuedValue, setIfAddedSoon } from './batched-writes';

const A = 'https://a.example.com';
const B = 'https://b.example.com';
const item = (origin: string) => localItem<number | null>(`test:${origin}`, null);

beforeEach(async () => {
  fakeBrowser.reset();
  await portalsItem.setValue([A, B].map((origin, i) => ({ origin, name: origin, addedAt: i })));
});

it('values queued together go out in one storage write, and can be read before it', async () => {
  const set = vi.spyOn(fakeBrowser.storage.local, 'set');
  const writes = [setIfAddedSoon(A, item(A), 1), setIfAddedSoon(B, item(B), 2), setIfAddedSoon(A, item(A), 3)];
  expect(queuedValue(item(A))).toEqual({ value: 3 });
  expect(await Promise.all(writes)).toEqual([true, true, true]);
  expect(set).toHaveBeenCalledTimes(1);
  expect(set).toHaveBeenCalledWith({ [`test:${A}`]: 3, [`test:${B}`]: 2 });
  expect(queuedValue(item(A))).toBeUndefined();
  expect(await item(A).getValue()).toBe(3);
});

it('a portal removed before the write gets nothing written; the others still do', async () => {
  const write = [setIfAddedSoon(A, item(A), 1), setIfAddedSoon(B, item(B), 2)];
  await portalsItem.setValue([{ origin: B, name: B, addedAt: 1 }]);
  expect(await Promise.all(write)).toEqual([false, true]);
  expect(await fakeBrowser.storage.local.get(null)).not.toHaveProperty(`test:${A}`);
  expect(await item(B).getValue()).toBe(2);
});

it('a failed storage write rejects each waiting write', async () => {
  vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(new Error('quota'));
  await expect(setIfAddedSoon(A, item(A), 1)).rejects.toThrow('quota');
  expect(await setIfAddedSoon(A, item(A), 2)).toBe(true);
});
