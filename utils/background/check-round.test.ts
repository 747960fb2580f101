import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { checkRoundItem, runCheckRound } from './check-round';

describe('runCheckRound', () => {
  beforeEach(() => fakeBrowser.reset());

  it('never runs two rounds at once: a trigger while one runs joins it', async () => {
    let release!: () => void;
    let runs = 0;
    const check = async () => {
      runs++;
      await new Promise<void>((r) => (release = r));
      return 500;
    };
    let clock = 1_000;
    const first = runCheckRound(check, () => clock);
    const second = runCheckRound(check, () => clock);
    expect(second).toBe(first);
    await vi.waitFor(() => expect(runs).toBe(1));
    expect(runCheckRound(check, () => clock)).toBe(first);
    clock = 4_000;
    release();
    await first;
    expect(runs).toBe(1);
    expect(await checkRoundItem.getValue()).toEqual({ startedAt: 1_000, finishedAt: 4_000, portals: 500, joined: 2 });
    // The next trigger after it ended starts a new round.
    const third = runCheckRound(async () => 2, () => clock);
    await third;
    expect(await checkRoundItem.getValue()).toMatchObject({ portals: 2, joined: 0 });
  });

  it('a failed round ends, and the next trigger runs again', async () => {
    await expect(runCheckRound(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await runCheckRound(async () => 1);
    expect((await checkRoundItem.getValue())?.portals).toBe(1);
  });
});
