import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setPrefs } from '../extension/prefs';
import { startHealthChecks } from './health-schedule';

const period = async () => (await fakeBrowser.alarms.get('health-check'))?.periodInMinutes;

describe('the periodic check alarm', () => {
  beforeEach(() => fakeBrowser.reset());

  it('follows the preference, and the organisation’s policy when it changes', async () => {
    startHealthChecks();
    await expect.poll(period).toBe(6 * 60);
    await setPrefs({ checkHours: 3 });
    await expect.poll(period).toBe(3 * 60);
    await fakeBrowser.storage.managed.set({ checkIntervalHours: 12, lockSettings: true });
    await expect.poll(period).toBe(12 * 60);
  });
});
