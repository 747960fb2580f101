import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { toFailure, type PortalFailure } from '../pure/docspace/failure';
import type { LoadedSchedule } from '../pure/messages/protocol';
import { scheduleCacheItem } from '../extension/schedule-cache';
import { draftItem, type DraftPage } from '../extension/schedule-draft';
import { getValues } from '../extension/storage-item';
import { loadOnce } from '../pure/load-once';
import { send } from './send';

// The form rules (and zod) are needed only when a draft exists: the popup's first paint does without.
export const loadReconcile = loadOnce(() => import('../extension/schedule-reconcile'));

/** Drafts that ask for what the portal stores are removed; with no draft at all, nothing more is loaded. */
async function reconcileIfAny(origin: string, fresh: LoadedSchedule): Promise<DraftPage[]> {
  const drafts = await getValues([draftItem(origin, 'popup'), draftItem(origin, 'options')] as const);
  if (!drafts.some(Boolean)) return [];
  return (await loadReconcile()).reconcileDrafts(origin, fresh);
}

export interface PortalData {
  origin: string;
  cookieStoreId?: string;
  /** The last schedule known: the cache at first, then the portal's answer. */
  loaded: LoadedSchedule | null;
  failure: PortalFailure | null;
  refreshing: boolean;
  /** The portal answered this page at least once (not only the cache). */
  answered: boolean;
  /** Bumped when this page's draft turned out to be spent (its save went through elsewhere). */
  spent: number;
  refresh: () => Promise<void>;
  /** A fresher copy came back some other way (a save's read-back). */
  setLoaded: (loaded: LoadedSchedule) => void;
}

export interface PortalStart {
  /** The schedule the page already read from storage (the popup reads it before rendering). */
  cached?: LoadedSchedule | null;
  /** The request the page already sent. */
  pending?: Promise<LoadedSchedule>;
}

/**
 * One portal's schedule for a page: drawn from the cache, loaded from the
 * portal once, and shared by every part of the view that shows it.
 * `origin: null` is idle (the part was handed the data by its page).
 */
export function usePortal(origin: string | null, { cookieStoreId, page = 'options', start }: { cookieStoreId?: string; page?: DraftPage; start?: PortalStart } = {}): PortalData {
  const [loaded, setLoaded] = useState<LoadedSchedule | null>(start?.cached ?? null);
  const [failure, setFailure] = useState<PortalFailure | null>(null);
  const [refreshing, setRefreshing] = useState(!!origin);
  const [answered, setAnswered] = useState(false);
  const [spent, setSpent] = useState(0);
  const live = useRef(0);

  const settle = useCallback(
    async (answer: Promise<LoadedSchedule>) => {
      if (!origin) return;
      const mine = live.current;
      setRefreshing(true);
      try {
        const fresh = await answer;
        if (mine !== live.current) return;
        setLoaded(fresh);
        setFailure(null);
        setAnswered(true);
        const spentPages = await reconcileIfAny(origin, fresh).catch((): DraftPage[] => []);
        if (mine === live.current && spentPages.includes(page)) setSpent((n) => n + 1);
      } catch (e) {
        if (mine === live.current) setFailure(toFailure(e));
      } finally {
        if (mine === live.current) setRefreshing(false);
      }
    },
    [origin, page],
  );
  const refresh = useCallback(() => (origin ? settle(send({ type: 'schedule.load', origin, cookieStoreId })) : Promise.resolve()), [settle, origin, cookieStoreId]);

  // A layout effect: the request leaves before the first paint instead of after it.
  useLayoutEffect(() => {
    if (!origin) return;
    const mine = ++live.current;
    if (!start) {
      setLoaded(null);
      setAnswered(false);
      void scheduleCacheItem(origin)
        .getValue()
        .then((cached) => mine === live.current && cached && setLoaded((current) => current ?? cached));
    }
    void (start?.pending ? settle(start.pending) : refresh());
    return () => {
      live.current++;
    };
    // `start` is what the page read for this origin when it mounted us; later values do not matter.
  }, [origin, refresh]);

  return { origin: origin ?? '', cookieStoreId, loaded, failure, refreshing, answered, spent, refresh, setLoaded };
}
