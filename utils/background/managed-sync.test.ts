import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { portalsItem, type Portal } from '../extension/portal-list';
import { getPrefs, setPrefs } from '../extension/prefs';
import { parsePolicy, readPolicy } from '../extension/managed-policy';
import { managedAddedItem } from '../extension/managed-added';
import { assertUnlocked, syncManagedPortals } from './managed-sync';

const policy = (value: Record<string, unknown>) => fakeBrowser.storage.managed.set(value);
const forgotten: string[] = [];
const forget = async (origin: string, _rest: Portal[]) => void forgotten.push(origin);

beforeEach(() => {
  fakeBrowser.reset();
  forgotten.length = 0;
});

describe('parsePolicy', () => {
  it('takes each key on its own and reports what it cannot use', () => {
    const p = parsePolicy({
      portals: [{ address: 'https://a.example.com/rooms', name: ' A ' }, 'b.example.com', { address: 'http://c.example.com' }, { name: 'no address' }, { address: 'https://a.example.com' }],
      checkIntervalHours: 49,
      notifications: 'yes',
      lockPortals: true,
    });
    expect(p.portals).toEqual([{ origin: 'https://a.example.com', name: 'A' }, { origin: 'https://b.example.com' }]);
    expect(p.checkHours).toBeUndefined();
    expect(p.notify).toBeUndefined();
    expect(p.lockPortals).toBe(true);
    expect(p.lockSettings).toBe(false);
    expect(p.problems).toEqual(['portals[2]: http://c.example.com', 'portals[3]: no address', 'checkIntervalHours: a whole number from 1 to 48', 'notifications: true or false']);
  });

  it('no policy, or not an object, is no policy', async () => {
    expect(parsePolicy(null).portals).toEqual([]);
    expect(parsePolicy([]).problems).toEqual([]);
    expect((await readPolicy()).portals).toEqual([]);
  });
});

describe('syncManagedPortals', () => {
  it('adds managed portals beside the user’s own, named by the policy or by host', async () => {
    await portalsItem.setValue([{ origin: 'https://own.example.com', name: 'Own', addedAt: 1 }]);
    await policy({ portals: [{ address: 'https://a.example.com', name: 'Head office' }, { address: 'https://b.example.com' }] });
    expect(await syncManagedPortals(forget, 5)).toEqual({ added: ['https://a.example.com', 'https://b.example.com'], removed: [] });
    expect(await portalsItem.getValue()).toEqual([
      { origin: 'https://own.example.com', name: 'Own', addedAt: 1 },
      { origin: 'https://a.example.com', name: 'Head office', addedAt: 5 },
      { origin: 'https://b.example.com', name: 'b.example.com', addedAt: 5 },
    ]);
    // Again: nothing changes.
    expect(await syncManagedPortals(forget, 6)).toEqual({ added: [], removed: [] });
  });

  it('removes a portal the policy added and no longer lists, never the user’s own', async () => {
    await portalsItem.setValue([{ origin: 'https://own.example.com', name: 'Own', addedAt: 1 }]);
    await policy({ portals: ['https://own.example.com', 'https://a.example.com'] });
    await syncManagedPortals(forget, 5);
    await policy({ portals: [] });
    expect(await syncManagedPortals(forget, 6)).toEqual({ added: [], removed: ['https://a.example.com'] });
    expect((await portalsItem.getValue()).map((p) => p.origin)).toEqual(['https://own.example.com']);
    expect(forgotten).toEqual(['https://a.example.com']);
    expect(await managedAddedItem.getValue()).toEqual([]);
  });

  it('a managed portal the user removed stays removed unless the policy locks portals', async () => {
    await policy({ portals: ['https://a.example.com'] });
    await syncManagedPortals(forget, 5);
    await portalsItem.setValue([]);
    await syncManagedPortals(forget, 6);
    expect(await portalsItem.getValue()).toEqual([]);
    await policy({ portals: ['https://a.example.com'], lockPortals: true });
    await syncManagedPortals(forget, 7);
    expect((await portalsItem.getValue()).map((p) => p.origin)).toEqual(['https://a.example.com']);
  });

  it('locked: the policy’s name wins, and remove/rename are refused', async () => {
    await portalsItem.setValue([{ origin: 'https://a.example.com', name: 'Mine', addedAt: 1 }]);
    await policy({ portals: [{ address: 'https://a.example.com', name: 'Head office' }], lockPortals: true });
    await syncManagedPortals(forget, 5);
    expect((await portalsItem.getValue())[0]!.name).toBe('Head office');
    await expect(assertUnlocked('https://a.example.com')).rejects.toThrow(/organisation/);
    await expect(assertUnlocked('https://other.example.com')).resolves.toBeUndefined();
  });
});

describe('preferences under a policy', () => {
  it('the policy’s values are defaults the user may change', async () => {
    await policy({ checkIntervalHours: 12, notifications: true });
    expect(await getPrefs()).toEqual({ checkHours: 12, notify: true });
    await setPrefs({ checkHours: 3 });
    expect(await getPrefs()).toEqual({ checkHours: 3, notify: true });
  });

  it('locked settings are the policy’s (or the defaults), whatever is stored', async () => {
    await setPrefs({ checkHours: 3, notify: true });
    await policy({ checkIntervalHours: 24, lockSettings: true });
    expect(await getPrefs()).toEqual({ checkHours: 24, notify: false });
    expect(await setPrefs({ checkHours: 1 })).toEqual({ checkHours: 24, notify: false });
  });
});
