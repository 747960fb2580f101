import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { toFailure, type PortalFailure } from '@/utils/pure/docspace/failure';
import { firstDayOfWeek } from '@/utils/pure/docspace/week';
import { scheduleCacheItem } from '@/utils/extension/schedule-cache';
import type { LoadedSchedule } from '@/utils/pure/messages/protocol';
import { send } from '@/utils/pages/send';
import { t, uiLanguage } from '@/utils/extension/i18n';
import { draftItem, otherPage, type Draft, type DraftPage } from '@/utils/extension/schedule-draft';
// Lazy: it needs the form rules (and zod), which the popup's first paint does without.
const reconcile = () => import('@/utils/extension/schedule-reconcile');

/** Drafts that ask for what the portal stores are removed; with no draft at all, nothing more is loaded. */
async function reconcileIfAny(origin: string, fresh: LoadedSchedule): Promise<DraftPage[]> {
  const drafts = await getValues([draftItem(origin, 'popup'), draftItem(origin, 'options')] as const);
  if (!drafts.some(Boolean)) return [];
  return (await reconcile()).reconcileDrafts(origin, fresh);
}
import { getValues } from '@/utils/extension/storage-item';
import type { EditPanelProps } from './EditPanel';
import { LazyFailureNotice as FailureNotice } from './LazyFailureNotice';
import { ScheduleSummary } from './ScheduleSummary';

interface Props {
  origin: string;
  store?: string;
  /** The cached schedule and draft, when the page already read them from storage. */
  kept?: { cached: LoadedSchedule | null; draft: Draft | null; pending?: Promise<LoadedSchedule> };
  /** Called once the first refresh from the portal has ended, well or not. */
  onSettled?: () => void;
  /** Whose drafts are this page's own; the other page's are offered, never overwritten. */
  page?: DraftPage;
}

type Panel = (props: EditPanelProps) => preact.JSX.Element;

// The editor is a separate chunk: the popup draws the schedule without it.
let panelModule: Promise<Panel> | null = null;
const loadPanel = () => (panelModule ??= import('./EditPanel').then((m) => m.EditPanel));

/** One portal's schedule: drawn from cache at once, refreshed, and edited on demand. */
export function PortalSchedule({ origin, store, kept, onSettled, page = 'options' }: Props) {
  const firstWeekday = firstDayOfWeek(uiLanguage());
  const [loaded, setLoaded] = useState<LoadedSchedule | null>(kept?.cached ?? null);
  const [failure, setFailure] = useState<PortalFailure | null>(null);
  const [refreshing, setRefreshing] = useState(true);
  const [editing, setEditing] = useState<{ draft: Draft | null; rev?: number } | null>(kept?.draft ? { draft: kept.draft } : null);
  // The other page's unsaved edits of this portal, and the one the user chose to leave aside.
  const [other, setOther] = useState<Draft | null>(null);
  const [mineNow, setMineNow] = useState<Draft | null>(kept?.draft ?? null);
  const [leftAside, setLeftAside] = useState<number | null>(null);
  const [Editor, setEditor] = useState<Panel | null>(null);
  const [saved, setSaved] = useState<'on' | 'off' | null>(null);
  // Keyboard focus follows the user: into the editor they opened, back to its button when it closes.
  const root = useRef<HTMLDivElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const focusNext = useRef<'editor' | 'button' | null>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    const target = focusNext.current === 'editor' ? root.current?.querySelector<HTMLElement>('.editor-form :is(input, select, button)') : editButton.current;
    if (!target) return;
    target.focus();
    focusNext.current = null;
  });

  const settle = useCallback(async (answer: Promise<LoadedSchedule>) => {
    setRefreshing(true);
    try {
      const fresh = await answer;
      setLoaded(fresh);
      setFailure(null);
      // A draft that asks for what the portal now stores is spent (its save went through after its page closed).
      const spent = await reconcileIfAny(origin, fresh).catch((): DraftPage[] => []);
      if (spent.includes(page)) setEditing((cur) => (cur?.draft ? null : cur));
    } catch (e) {
      setFailure(toFailure(e));
    } finally {
      setRefreshing(false);
    }
  }, [origin, page]);
  const refresh = useCallback(() => settle(send({ type: 'schedule.load', origin, store })), [settle, origin, store]);

  // A layout effect: the request leaves before the first paint instead of after it.
  useLayoutEffect(() => {
    let live = true;
    if (!kept) {
      setLoaded(null);
      setEditing(null);
      setSaved(null);
      void getValues([scheduleCacheItem(origin), draftItem(origin, page)] as const).then(([cached, draft]) => {
        if (!live) return;
        if (cached) setLoaded((current) => current ?? cached);
        if (draft) setEditing({ draft });
      });
    }
    void (kept?.pending ? settle(kept.pending) : refresh()).then(() => live && onSettled?.());
    return () => {
      live = false;
    };
    // `kept` is what the page read for this origin when it mounted us; later values do not matter.
  }, [origin, refresh]);

  // Both pages' drafts, live: the other page may start or drop its edits while this one is open.
  useEffect(() => {
    const theirs = draftItem(origin, otherPage(page));
    const ours = draftItem(origin, page);
    let live = true;
    void getValues([theirs, ours] as const).then(([t, o]) => {
      if (!live) return;
      setOther(t);
      setMineNow(o);
    });
    const stops = [theirs.watch(setOther), ours.watch(setMineNow)];
    return () => {
      live = false;
      stops.forEach((stop) => stop());
    };
  }, [origin, page]);

  const takeTheirs = (draft: Draft) => {
    // Taken as this page's own draft; the other page keeps its copy.
    void draftItem(origin, page).setValue(draft);
    focusNext.current = 'editor';
    setSaved(null);
    setEditing({ draft, rev: draft.savedAt });
  };

  // The other page's draft is worth offering unless it asks for what the portal stores already.
  const [otherSpent, setOtherSpent] = useState(false);
  useEffect(() => {
    let live = true;
    setOtherSpent(false);
    if (other && loaded) void reconcile().then((m) => live && setOtherSpent(m.draftMatches(other, loaded)), () => undefined);
    return () => {
      live = false;
    };
  }, [other, loaded]);
  const sameForm = (a: Draft | null, b: Draft | null) => !!a && !!b && JSON.stringify(a.form) === JSON.stringify(b.form);
  const offerOther = !!other && other.savedAt !== leftAside && !sameForm(other, mineNow) && !otherSpent;

  useEffect(() => {
    if (editing && !Editor) void loadPanel().then((panel) => setEditor(() => panel));
  }, [editing, Editor]);

  const close = (result: 'on' | 'off' | null) => {
    focusNext.current = 'button';
    setEditing(null);
    setSaved(result);
  };

  return (
    <div class="portal-schedule" aria-busy={refreshing} ref={root}>
      {refreshing && !loaded && !failure && (
        <p class="muted" role="status" data-testid="loading">
          {t('loading')}
        </p>
      )}
      {failure && <FailureNotice failure={failure} origin={origin} onRetry={refresh} />}
      {loaded && <ScheduleSummary loaded={loaded} />}
      {offerOther && other && (
        <div class="notice notice-warning" role="status" data-testid="other-draft">
          <p>{t(page === 'popup' ? 'robustOtherDraftOptions' : 'robustOtherDraftPopup')}</p>
          <div class="actions">
            <button type="button" class="button" onClick={() => takeTheirs(other)}>
              {t('robustUseOther')}
            </button>
            <button type="button" class="button" onClick={() => setLeftAside(other.savedAt)}>
              {t('robustKeepMine')}
            </button>
          </div>
        </div>
      )}
      <div role="status" aria-live="polite" class="live">
        {saved && <p class="notice notice-ok">{saved === 'off' ? t('turnedOff') : t('savedVerified')}</p>}
      </div>
      {loaded && !editing && (
        <div class="actions">
          <button
            type="button"
            class="button primary"
            ref={editButton}
            onClick={() => {
              setSaved(null);
              focusNext.current = 'editor';
              setEditing({ draft: null });
            }}
          >
            {loaded.schedule ? t('editSchedule') : t('setUpSchedule')}
          </button>
          {/* aria-disabled, not disabled: a disabled button drops the keyboard focus. */}
          <button type="button" class="button" onClick={() => !refreshing && void refresh()} aria-disabled={refreshing}>
            {t('refresh')}
          </button>
        </div>
      )}
      {editing && loaded && !Editor && (
        <p class="muted" role="status">
          {t('loading')}
        </p>
      )}
      {editing && loaded && Editor && (
        <Editor
          key={editing.rev ?? 0}
          page={page}
          origin={origin}
          store={store}
          loaded={loaded}
          draft={editing.draft}
          firstWeekday={firstWeekday}
          onLoaded={setLoaded}
          onClose={close}
        />
      )}
    </div>
  );
}
