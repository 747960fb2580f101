import { localItem } from '../extension/storage-item';

/** The last periodic check of every portal: when it ran, how long, and triggers that joined it. */
export interface CheckRound {
  startedAt: number;
  finishedAt?: number;
  portals: number;
  /** Triggers (alarm, browser start) that came while it ran and joined it instead of starting another. */
  joined: number;
}

export const checkRoundItem = localItem<CheckRound | null>('checks:round', null);

let running: Promise<void> | undefined;
let current: CheckRound | undefined;

/**
 * Runs `check` (every portal) unless a round is already running: then the
 * trigger joins that round. Periodic checks therefore never overlap, whatever
 * fires them (the alarm, the browser starting, the extension updating).
 */
export function runCheckRound(check: () => Promise<number>, now = Date.now): Promise<void> {
  if (running && current) {
    current.joined++;
    void checkRoundItem.setValue({ ...current });
    return running;
  }
  current = { startedAt: now(), portals: 0, joined: 0 };
  const round = current;
  running = (async () => {
    await checkRoundItem.setValue({ ...round });
    round.portals = await check();
    round.finishedAt = now();
    await checkRoundItem.setValue({ ...round });
  })().finally(() => {
    running = undefined;
    current = undefined;
  });
  return running;
}
