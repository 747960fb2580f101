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
 * Overall: 48. Enough for 500 portals answering in 100 ms to finish in about a
 * second warm (one request each) and two cold (three each); well under
 * Chromium's 256 sockets per profile, because our client's timeout runs from
 * the moment a request is sent: a request must wait here, in our queue, not in
 * the browser's socket pool where its time would already be counting.
 * (The earlier single limit of 6 made 500 portals take 8 s warm.)
 */
export const PER_PORTAL_LIMIT = 2;
export const GLOBAL_LIMIT = 48;

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
export const checkSlot = pLimit(GLOBAL_LIMIT);
