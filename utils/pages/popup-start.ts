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
import { getValues } from '../extension/storage-item';

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
  /** With nothing cached, the schedule is asked for as soon as the portal is known. */
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

/**
 * Reads everything the popup shows first, so the schedule is drawn before the
 * background has even been asked (it refreshes it right after). The portal is
 * nearly always known before storage is read (the one asked for with #portal=, else the
 * tab's), so its cache, health and draft are read alongside the portal list.
 */
export async function readPopupStart(hash: string): Promise<PopupStart> {
  const tabQuery = activeTab();
  const asked = new URLSearchParams(hash.replace(/^#/, '')).get('portal');
  const tabOrigin = asked ? null : (await tabQuery).url;
  const guess = asked ?? (tabOrigin && /^https?:$/.test(tabOrigin.protocol) ? tabOrigin.origin : null);
  const [[portals, last], kept, tab] = await Promise.all([getValues([portalsItem, lastPortalItem] as const), guess ? getValues(keptFor(guess)) : null, tabQuery]);
  const target = choosePortal(portals, hash, tab, last);
  if (!target.origin) return { portals, target, cached: null, health: null, draft: null };
  // Another portal after all (the last one used, or the first): one more read for what is kept for it.
  const [cached, health, draft] = kept && target.origin === guess ? kept : await getValues(keptFor(target.origin));
  // With a cached schedule the first render comes first; without one, the answer is what the user waits for.
  const pending = cached ? undefined : send({ type: 'schedule.load', origin: target.origin, cookieStoreId: target.cookieStoreId });
  // Whoever uses it handles a failure; this only keeps an unused one from being reported as unhandled.
  pending?.catch(() => undefined);
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
