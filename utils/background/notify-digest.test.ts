import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { mockI18n } from '../../tests/unit/i18n-mock';
import type { HealthRecord } from '../pure/messages/protocol';
import { portalsItem } from '../extension/portal-list';
import { setPrefs } from '../extension/prefs';
import { DIGEST_MAX_WAIT_MS, DIGEST_QUIET_MS, flushDigest, inDigestBatch, noteHealthChange } from './notify-digest';

const origin = (i: number) => `https://p${i}.example.com`;
const rec = (i: number, state: HealthRecord['state']): HealthRecord => ({ origin: origin(i), state, checkedAt: 0, schedule: null, lastKnownSchedule: null });

describe('notification digest', () => {
  let create: ReturnType<typeof vi.spyOn>;
  beforeEach(async () => {
    fakeBrowser.reset();
    mockI18n();
    await flushDigest();
    vi.useFakeTimers();
    create = vi.spyOn(fakeBrowser.notifications, 'create').mockResolvedValue('id');
    await portalsItem.setValue(Array.from({ length: 8 }, (_, i) => ({ origin: origin(i), name: `Portal ${i}`, addedAt: i })));
    await setPrefs({ notify: true });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('portals that turn bad together make one digest, after a quiet moment', async () => {
    noteHealthChange(rec(0, 'healthy'), rec(0, 'failed'));
    await vi.advanceTimersByTimeAsync(DIGEST_QUIET_MS - 100);
    noteHealthChange(null, rec(1, 'unreachable'));
    noteHealthChange(rec(2, 'healthy'), rec(2, 'healthy'));
    await vi.advanceTimersByTimeAsync(DIGEST_QUIET_MS - 100);
    expect(create).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(create).toHaveBeenCalledTimes(1);
    const [id, options] = create.mock.calls[0]! as [string, { title: string; message: string }];
    expect(id).toBe('health-digest');
    expect(options.title).toBe('Portals that need attention: 2');
    expect(options.message).toBe('Portal 0: The last backup failed.\nPortal 1: The portal cannot be reached.');
  });

  it('never waits longer than the maximum while changes keep coming', async () => {
    for (let i = 0; i * 1_500 < DIGEST_MAX_WAIT_MS + 1_500; i++) {
      noteHealthChange(null, rec(i % 8, 'overdue'));
      await vi.advanceTimersByTimeAsync(1_500);
    }
    expect(create).toHaveBeenCalled();
    expect(create.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it('a batch (the periodic check of every portal) tells at its end; one portal alone keeps its own notification', async () => {
    await inDigestBatch(async () => {
      noteHealthChange(null, rec(3, 'signed-out'));
    });
    expect(create).toHaveBeenCalledTimes(1);
    expect(create.mock.calls[0]![0]).toBe(`health:${origin(3)}`);
    expect((create.mock.calls[0]![1] as { message: string }).message).toBe('Portal 3: Signed out: sign in to the portal to check its backup.');
  });

  it('names five portals and counts the rest; a portal that recovered or was removed is left out', async () => {
    await inDigestBatch(async () => {
      for (let i = 0; i < 8; i++) noteHealthChange(null, rec(i, 'failed'));
      noteHealthChange(rec(7, 'failed'), rec(7, 'healthy'));
      await portalsItem.setValue((await portalsItem.getValue()).filter((p) => p.origin !== origin(6)));
    });
    const { title, message } = create.mock.calls[0]![1] as { title: string; message: string };
    expect(title).toBe('Portals that need attention: 6');
    expect(message.split('\n')).toEqual([...[0, 1, 2, 3, 4].map((i) => `Portal ${i}: The last backup failed.`), '…and 1 more']);
  });

  it('tells nothing when notifications are off, and the same bad state twice is told once', async () => {
    noteHealthChange(null, rec(0, 'failed'));
    await flushDigest();
    noteHealthChange(rec(0, 'failed'), rec(0, 'failed'));
    await flushDigest();
    expect(create).toHaveBeenCalledTimes(1);
    await setPrefs({ notify: false });
    noteHealthChange(null, rec(1, 'failed'));
    await flushDigest();
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('a new failed run is news even when the last one failed too, with the portal’s error in the line', async () => {
    const failedRun = (startedAt: number): HealthRecord => ({ ...rec(0, 'failed'), error: 'Disk full', run: { startedAt, outcome: 'failed', error: 'Disk full' } });
    noteHealthChange(rec(0, 'healthy'), failedRun(1));
    await flushDigest();
    noteHealthChange(failedRun(1), failedRun(1));
    await flushDigest();
    expect(create).toHaveBeenCalledTimes(1);
    noteHealthChange(failedRun(1), failedRun(2));
    await flushDigest();
    expect(create).toHaveBeenCalledTimes(2);
    expect((create.mock.calls[1]![1] as { message: string }).message).toMatch(/^Portal 0: [^\n]+\n.*Disk full/);
  });
});
