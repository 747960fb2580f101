import pLimit, { type LimitFunction } from 'p-limit';

/**
 * How many portal requests may be in flight when many portals are checked.
 *
 * Per portal: 2. A check reads the schedule and the settings together, so 2
 * lets one check go at full speed, while a portal is never sent more than that
 * by the background (a fleet refresh must not look like a flood to one server),
 * and the browser's 6 connections per host keep room for the popup or editor
 * working on that portal at the same moment.
 *
 * Overall: 96. Well under Chromium's 256 sockets per profile, because our client's
 * timeout runs from the moment a request is sent: a request must wait here, in our
 * queue, not in the browser's socket pool where its time would already be counting.
 * Measured with 500 portals answering in 100 ms (scripts/bench-overview.ts, in npm run bench):
 * once the per-portal CPU cost was cut (one refresh message, batched storage writes,
 * cheaper rows), 96 beat 48 (cold 4.6–6.3 s against 6.6–6.8 s); 128 brought nothing more.
 * (The earlier single limit of 6 made 500 portals take 8 s warm.)
 *
 * Checks at once: 96 too. A warm check sends one request (the settings are known), so
 * with 48 checks half the slots sat idle: warm 1.9–2.2 s against 2.5–2.6 s with 48, on
 * the same machine in the same hour; cold checks (two requests) just wait here for a slot.
 */
export const PER_PORTAL_LIMIT = 2;
export const GLOBAL_LIMIT = 96;
export const CHECKS_AT_ONCE = GLOBAL_LIMIT;

const global = pLimit(GLOBAL_LIMIT);
const perPortal = new Map<string, LimitFunction>();

/**
 * The queue for one portal's requests: its own turn first, then a global slot,
 * so requests waiting behind a slow portal never hold global slots.
 */
export function queueFor(origin: string) {
  return <T>(task: () => Promise<T>): Promise<T> => {
    let limit = perPortal.get(origin);
    if (!limit) perPortal.set(origin, (limit = pLimit(PER_PORTAL_LIMIT)));
    const own = limit;
    return own(() => global(task)).finally(() => {
      if (own.activeCount === 0 && own.pendingCount === 0 && perPortal.get(origin) === own) perPortal.delete(origin);
    });
  };
}

/**
 * How many portal checks run at once. Each check also reads and writes extension
 * storage between its requests; 500 checks started together would queue those
 * calls behind each other, so every check would wait for all the others at each
 * step and the first row would come as late as the last.
 */
export const checkSlot = pLimit(CHECKS_AT_ONCE);
