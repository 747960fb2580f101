import { updateBadge } from './badge';

let running: Promise<void> | undefined;
let again = false;
/** Between two coalesced runs: a burst of answers updates the badge a few times a second, not continuously. */
const PAUSE_MS = 250;

/**
 * updateBadge, coalesced: calls while one runs make one more run after it, not
 * one each. "Refresh all" sends a check per portal; with 500 portals, a badge
 * update per answer (each reading every portal's record) was 250 000 storage
 * reads, and the answers waited for them.
 */
export function updateBadgeSoon(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    for (;;) {
      again = false;
      await updateBadge().catch(() => undefined);
      if (!again) break;
      await new Promise((r) => setTimeout(r, PAUSE_MS));
    }
  })().finally(() => {
    running = undefined;
  });
  return running;
}
