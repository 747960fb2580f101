import { browser } from '#imports';
import { scheduleCacheItem } from '../extension/schedule-cache';
import { healthItem } from '../extension/health-record';
import type { HealthRecord, LoadedSchedule } from '../pure/messages/protocol';
import { looksLikeDocSpace } from '../pure/portals/looks-like-docspace';
import { parsePortalOrigin } from '../pure/portals/origin';
import { lastPortalItem, portalsItem, type Portal } from '../extension/portal-list';
import { draftItem, type Draft } from '../extension/schedule-draft';
import { send } from './send';
import { storedDataMended } from './stored-data';
import { getValues, type ValuesOf } from '../extension/storage-item';

export interface PopupTarget {
  origin: string | null;
  /** The Firefox container of the active tab, when the portal is that tab's. */
  cookieStoreId?: string;
  /** The active tab looks like a portal the user has not added. */
  suggest?: string;
}

/** What the popup draws first: all of it from extension storage, none from the background. */
export interface PopupStart {
  portals: Portal[];
  target: PopupTarget;
  /** The last schedule, health and unsaved edits kept for the target portal. */
  cached: LoadedSchedule | null;
  health: HealthRecord | null;
  draft: Draft | null;
  /** The fresh schedule, asked for as soon as the portal is known. */
  pending?: Promise<LoadedSchedule>;
}

export interface ActiveTab {
  url?: URL;
  cookieStoreId?: string;
}

async function activeTab(): Promise<ActiveTab> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    const cookieStoreId = (tab as { cookieStoreId?: string } | undefined)?.cookieStoreId;
    return { url: tab?.url ? new URL(tab.url) : undefined, cookieStoreId };
  } catch {
    return {};
  }
}

/** `#portal=<origin>`, else the active tab's portal, else the last one used, else the first. */
export function choosePortal(portals: Portal[], hash: string, tab: ActiveTab, last: string | null): PopupTarget {
  const known = (origin: string | null | undefined): origin is string => !!origin && portals.some((p) => p.origin === origin);
  const fromHash = new URLSearchParams(hash.replace(/^#/, '')).get('portal');
  if (known(fromHash)) return { origin: fromHash };
  let suggest: string | undefined;
  if (tab.url && /^https?:$/.test(tab.url.protocol)) {
    if (known(tab.url.origin)) return { origin: tab.url.origin, cookieStoreId: tab.cookieStoreId };
    const parsed = parsePortalOrigin(tab.url.origin);
    if (parsed.ok && looksLikeDocSpace(tab.url)) suggest = parsed.origin;
  }
  return { origin: known(last) ? last : (portals[0]?.origin ?? null), suggest };
}

const keptFor = (origin: string) => [scheduleCacheItem(origin), healthItem(origin), draftItem(origin, 'popup')] as const;

const load = (origin: string, cookieStoreId?: string) => {
  const answer = send({ type: 'schedule.load', origin, cookieStoreId });
  // Whoever uses it handles a failure; this only keeps an unused one from being reported as unhandled.
  answer.catch(() => undefined);
  return answer;
};

/**
 * Reads everything the popup shows first, so the schedule is drawn before the
 * background has answered. The portal is nearly always known before storage is
 * read (the one asked for with #portal=, else the tab's): its cache, health and draft
 * are read alongside the portal list, and the fresh schedule, which the popup asks for
 * in any case, is asked for at once.
 */
export async function readPopupStart(hash: string): Promise<PopupStart> {
  const tabQuery = activeTab();
  const asked = new URLSearchParams(hash.replace(/^#/, '')).get('portal');
  const tabNow = asked ? null : await tabQuery;
  const guess = asked ?? (tabNow?.url && /^https?:$/.test(tabNow.url.protocol) ? tabNow.url.origin : null);
  // One storage read, asked before the background is: the cache path waits only for it.
  const read = guess ? getValues([portalsItem, lastPortalItem, ...keptFor(guess)] as const) : getValues([portalsItem, lastPortalItem] as const);
  // For a tab that is no added portal the background answers "not added" without a request; it goes unused.
  const early = guess ? load(guess, asked ? undefined : tabNow?.cookieStoreId) : undefined;
  const [[portals, last, ...kept], tab] = await Promise.all([read, tabQuery]);
  const target = choosePortal(portals, hash, tab, last);
  if (!target.origin) return { portals, target, cached: null, health: null, draft: null };
  if (early && target.origin === guess) {
    const [cached, health, draft] = kept as ValuesOf<ReturnType<typeof keptFor>>;
    return { portals, target, cached, health, draft, pending: early };
  }
  // Another portal after all (the last one used, or the first): one more read for what is kept for it.
  const pending = load(target.origin, target.cookieStoreId);
  const [cached, health, draft] = await getValues(keptFor(target.origin));
  return { portals, target, cached, health, draft, pending };
}

/**
 * readPopupStart; when what is stored cannot be read (damaged a moment ago, before the
 * background's guard saw it), the background checks it and it is read once more.
 */
export function openPopupStart(hash: string): Promise<PopupStart> {
  return readPopupStart(hash).catch(async (error: unknown) => {
    if (await storedDataMended()) return readPopupStart(hash);
    throw error;
  });
}
