import { beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { portalsItem } from '../extension/portal-list';
import { localItem } from '../extension/storage-item';
import { queuedValue, readSoon, setIfAddedSoon } from './batched-writes';

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

it('reads asked for together, or while one is read, go out in few storage calls; a queued value wins', async () => {
  await item(A).setValue(1);
  await item(B).setValue(2);
  const get = vi.spyOn(fakeBrowser.storage.local, 'get');
  const first = [readSoon(item(A)), readSoon(item(B))];
  // Asked while the first read is out: the next call takes them all.
  const more = Array.from({ length: 10 }, () => readSoon(item(B)));
  expect(await Promise.all([...first, ...more])).toEqual([1, 2, ...more.map(() => 2)]);
  expect(get).toHaveBeenCalledTimes(1);
  const write = setIfAddedSoon(A, item(A), 5);
  expect(await readSoon(item(A))).toBe(5);
  expect(get).toHaveBeenCalledTimes(1);
  await write;
});

it('a value written while the read was out is the one read', async () => {
  await item(A).setValue(1);
  const reading = readSoon(item(A));
  const write = setIfAddedSoon(A, item(A), 7);
  expect(await reading).toBe(7);
  await write;
});

it('a failed storage read rejects each waiting read; the next read tries again', async () => {
  vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValueOnce(new Error('gone'));
  await expect(Promise.all([readSoon(item(A)), readSoon(item(B))])).rejects.toThrow('gone');
  expect(await readSoon(item(B))).toBeNull();
});
