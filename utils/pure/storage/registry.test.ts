import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { scheduleCacheItem } from '../../extension/schedule-cache';
import { backupStatusItem } from '../../extension/backup-status';
import { healthItem } from '../../extension/health-record';
import { lastPortalItem, portalsItem } from '../../extension/portal-list';
import { getPrefs, DEFAULT_PREFS } from '../../extension/prefs';
import { draftItem } from '../../extension/schedule-draft';
import { defaultForm, fingerprint } from '../schedule/form';
import { getValues, localItem } from '../../extension/storage-item';
import { settingsItem } from '../../background/health';
import { weeklySchedule } from '@/tests/unit/schedules';
import { KEYS, STORAGE_VERSION, definitionFor, portalKeys } from './registry';
import { migrateStorage } from '../../background/storage-migrate';

const P = 'https://portal.example.com';
const repairs = () => fakeBrowser.storage.local.get('storageRepairs').then((g) => g.storageRepairs as { key: string; action: string }[] | undefined);

beforeEach(() => fakeBrowser.reset());

// The 23 kinds of damage the attack run used, and a few more: wrong types, half objects, out-of-range values.
const GARBAGE: unknown[] = ['x', 42, true, [], {}, [1, 2], { form: 'x' }, { schedule: 'x' }, { a: { b: { c: 1 } } }, ''.padEnd(10, '\u0000')];

describe('the storage registry knows every key', () => {
  it.each([
    ['portals'],
    ['lastPortal'],
    ['prefs'],
    [`cache:${P}`],
    [`health:${P}`],
    [`backup:${P}`],
    [`settings:${P}`],
    [`draft:${P}`],
    [`draft-popup:${P}`],
    ['storageVersion'],
    ['storageRepairs'],
    ['managed:added'],
    ['checks:round'],
  ])('%s', (key) => expect(definitionFor(key)).toBeDefined());

  it('removing a portal removes every per-portal key', () => {
    expect(portalKeys(P).sort()).toEqual(KEYS.filter((k) => k.perPortal).map((k) => k.key + P).sort());
  });
});

describe('a corrupted value is dropped or repaired, with a note', () => {
  const items = [
    () => scheduleCacheItem(P),
    () => healthItem(P),
    () => backupStatusItem(P),
    () => settingsItem(P),
    () => draftItem(P),
    () => lastPortalItem,
  ];
  it.each(items.map((make) => [make().key, make] as const))('%s: each kind of garbage reads as the fallback and is removed', async (_key, make) => {
    const item = make();
    for (const bad of GARBAGE) {
      await fakeBrowser.storage.local.set({ [item.key]: bad });
      expect(await item.getValue()).toEqual(item.fallback);
      expect((await fakeBrowser.storage.local.get(item.key))[item.key]).toBeUndefined();
    }
    expect((await repairs())?.every((r) => r.key === item.key && r.action === 'dropped')).toBe(true);
  });

  it('a cached schedule out of range (weekday 8, unknown zone) is dropped, not drawn', async () => {
    const loaded = { schedule: weeklySchedule({ cronParams: { period: 1, hour: 5, day: 8 } }), portal: { timezone: 'UTC', standalone: false }, fingerprint: 'x', fetchedAt: 1 };
    await fakeBrowser.storage.local.set({ [`cache:${P}`]: loaded });
    expect(await scheduleCacheItem(P).getValue()).toBeNull();
    await fakeBrowser.storage.local.set({ [`cache:${P}`]: { ...loaded, schedule: weeklySchedule(), portal: { timezone: 'Mars/Olympus', standalone: false } } });
    expect(await scheduleCacheItem(P).getValue()).toBeNull();
    const good = { ...loaded, schedule: weeklySchedule(), fingerprint: fingerprint(weeklySchedule()) };
    await fakeBrowser.storage.local.set({ [`cache:${P}`]: good });
    expect(await scheduleCacheItem(P).getValue()).toMatchObject(good);
  });

  it('the portal list keeps its good entries and mends the rest', async () => {
    await fakeBrowser.storage.local.set({
      portals: [
        { origin: P, name: 'Work', addedAt: 1 },
        'https://b.example.com',
        { origin: 'https://c.example.com', name: 42 },
        { origin: P, name: 'duplicate', addedAt: 2 },
        { origin: 'javascript:alert(1)', name: 'x', addedAt: 1 },
        { origin: ' https://d.example.com', name: 'padded', addedAt: 1 },
        null,
        7,
      ],
    });
    const expected = [
      { origin: P, name: 'Work', addedAt: 1 },
      { origin: 'https://b.example.com', name: 'b.example.com', addedAt: 0 },
      { origin: 'https://c.example.com', name: 'c.example.com', addedAt: 0 },
    ];
    expect(await portalsItem.getValue()).toEqual(expected);
    // Repaired in storage too: the next read needs no repair.
    expect((await fakeBrowser.storage.local.get('portals')).portals).toEqual(expected);
    expect(await repairs()).toMatchObject([{ key: 'portals', action: 'repaired' }]);
  });

  it.each([['not a list'], [{ 0: { origin: P } }], [42]])('a portal list that is no list at all (%j) is reset to empty', async (bad) => {
    await fakeBrowser.storage.local.set({ portals: bad });
    expect(await portalsItem.getValue()).toEqual([]);
    expect(await repairs()).toMatchObject([{ key: 'portals', action: 'dropped' }]);
  });

  it('preferences keep the values that still validate', async () => {
    await fakeBrowser.storage.local.set({ prefs: { checkHours: 'x', notify: true } });
    expect(await getPrefs()).toEqual({ ...DEFAULT_PREFS, notify: true });
    await fakeBrowser.storage.local.set({ prefs: 'x' });
    expect(await getPrefs()).toEqual(DEFAULT_PREFS);
  });

  it('a good draft reads as it was stored; several bad values at once each leave a note', async () => {
    const draft = { form: defaultForm(), base: 'none', savedAt: 1 };
    await draftItem(P).setValue(draft);
    expect(await draftItem(P).getValue()).toEqual(draft);
    await fakeBrowser.storage.local.set({ [`draft:${P}`]: { ...draft, form: { ...draft.form, hour: 99 } }, [`health:${P}`]: { origin: P } });
    await getValues([draftItem(P), healthItem(P)] as const);
    expect((await repairs())?.map((r) => r.key).sort()).toEqual([`draft:${P}`, `health:${P}`]);
  });

  it('keys the registry does not know are read as they are', async () => {
    await fakeBrowser.storage.local.set({ 'someone-else:x': 'y' });
    expect(await localItem('someone-else:x', null).getValue()).toBe('y');
  });

  it('watch hands on the checked value', async () => {
    const seen: unknown[] = [];
    const stop = portalsItem.watch((v) => seen.push(v));
    await fakeBrowser.storage.local.set({ portals: 'broken' });
    await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(seen[0]).toEqual([]);
  });
});

describe('migrateStorage', () => {
  it('layout 0 → 1 drops the keys of origins never added (the junk health records) and keeps the rest', async () => {
    const junk = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`health:https://x${i}.example.com`, { origin: 'x' }]));
    await fakeBrowser.storage.local.set({ portals: [{ origin: P, name: 'P', addedAt: 1 }], [`health:${P}`]: { keep: true }, [`draft:${P}`]: { keep: true }, ...junk, other: 1 });
    expect(await migrateStorage()).toBe(STORAGE_VERSION);
    const keys = Object.keys(await fakeBrowser.storage.local.get(null)).sort();
    expect(keys).toEqual([`draft:${P}`, `health:${P}`, 'other', 'portals', 'storageVersion'].sort());
  });

  it("layout 1 → 2 renames a draft's `kept` storage to `otherStorage`; a page reading one first mends it the same way", async () => {
    const { otherStorage: _, ...form } = defaultForm();
    const old = { form: { ...form, storage: 'keep', kept: { storageType: 3, storageParams: { filePath: '/b' } } }, base: 'x', savedAt: 1 };
    await fakeBrowser.storage.local.set({ storageVersion: 1, portals: [{ origin: P, name: 'P', addedAt: 1 }], [`draft:${P}`]: old, [`draft-popup:${P}`]: old });
    // The popup opened before the background migrated: the value is read as layout 2's.
    expect((await draftItem(P, 'popup').getValue())?.form.otherStorage).toEqual({ storageType: 3, storageParams: { filePath: '/b' } });
    expect(await migrateStorage()).toBe(2);
    const stored = (await fakeBrowser.storage.local.get(`draft:${P}`))[`draft:${P}`] as { form: Record<string, unknown> };
    expect(stored.form.otherStorage).toEqual({ storageType: 3, storageParams: { filePath: '/b' } });
    expect(stored.form).not.toHaveProperty('kept');
  });

  it('a newer layout is left alone', async () => {
    await fakeBrowser.storage.local.set({ storageVersion: STORAGE_VERSION + 1, 'health:https://x.example.com': {} });
    expect(await migrateStorage()).toBe(STORAGE_VERSION + 1);
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toContain('health:https://x.example.com');
  });
});

describe('a draft holds whatever the user typed', () => {
  // The schema guards against corruption, not against typing: a draft failing it is dropped whole,
  // so a long paste into one field must not cost every other edit of the form.
  it('long text in the copies field and in a storage field is kept', async () => {
    const form = { ...defaultForm(), enabled: true, storage: 'consumer' as const, module: 's3', backupsStored: '3'.repeat(150), moduleProps: { s3: { bucket: 'b', secretaccesskey: 'k'.repeat(2500) } } };
    await draftItem(P, 'popup').setValue({ form, base: 'none', savedAt: 1 });
    expect((await draftItem(P, 'popup').getValue())?.form).toEqual(form);
    expect(await repairs()).toBeUndefined();
  });
});

describe('the registry lists every key the code keeps', () => {
  // Every localItem(...) in the source names its key as a literal or `<prefix>${origin}`.
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const sources = ['utils', 'components', 'entrypoints']
    .flatMap((dir) => readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)))
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
  const keys = sources.flatMap((file) =>
    [...readFileSync(path.join(root, file), 'utf8').matchAll(/localItem(?:<[^>]*(?:<[^>]*>[^>]*)*>)?\(\s*(['`])([^'`$]*)(\$\{)?/g)].map((m) => ({
      file,
      key: m[2]!,
      perPortal: !!m[3],
    })),
  );

  it('finds the keys', () => {
    expect(keys.length).toBeGreaterThanOrEqual(10);
  });

  it.each(keys.map((k) => [`${k.key}${k.perPortal ? '<origin>' : ''}`, k] as const))('%s is in the registry', (_name, { key, perPortal }) => {
    expect(KEYS.find((def) => def.key === key && def.perPortal === perPortal)).toBeDefined();
  });
});
