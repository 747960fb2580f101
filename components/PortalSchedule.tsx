import { useEffect, useRef, useState } from 'preact/hooks';
import { firstDayOfWeek } from '@/utils/pure/docspace/week';
import type { LoadedSchedule } from '@/utils/pure/messages/protocol';
import { t, uiLanguage } from '@/utils/extension/i18n';
import { draftItem, otherPage, type Draft, type DraftPage } from '@/utils/extension/schedule-draft';
import { getValues } from '@/utils/extension/storage-item';
import { loadReconcile, usePortal, type PortalData } from '@/utils/pages/use-portal';
import { lazy } from './lazy';
import { LazyFailureNotice as FailureNotice } from './LazyFailureNotice';
import { ScheduleSummary } from './ScheduleSummary';

// The editor is a separate chunk: the popup draws the schedule without it.
const EditPanel = lazy(() => import('./EditPanel').then((m) => m.EditPanel));

interface Props {
  origin: string;
  cookieStoreId?: string;
  /** The cached schedule and draft, when the page already read them from storage. */
  start?: { cached: LoadedSchedule | null; draft: Draft | null; pending?: Promise<LoadedSchedule> };
  /** Whose drafts are this page's own; the other page's are offered, never overwritten. */
  page?: DraftPage;
  /** The portal's schedule as the page already loads it (`usePortal`), shared with its other parts. */
  portal?: PortalData;
}

/** One portal's schedule: drawn from cache at once, refreshed, and edited on demand. */
export function PortalSchedule({ origin, cookieStoreId, start, page = 'options', portal }: Props) {
  const firstWeekday = firstDayOfWeek(uiLanguage());
  // One data path: the page's shared portal data, or this view's own when the page has none.
  const own = usePortal(portal ? null : origin, { cookieStoreId, page, start });
  const { loaded, failure, refreshing, refresh, setLoaded, spent } = portal ?? own;
  const [editing, setEditing] = useState<{ draft: Draft | null; rev?: number } | null>(start?.draft ? { draft: start.draft } : null);
  // The other page's unsaved edits of this portal, and the one the user chose to leave aside.
  const [other, setOther] = useState<Draft | null>(null);
  const [mineNow, setMineNow] = useState<Draft | null>(start?.draft ?? null);
  const [leftAside, setLeftAside] = useState<number | null>(null);
  const [saved, setSaved] = useState<'on' | 'off' | null>(null);
  // Keyboard focus follows the user: into the editor they opened, back to its button when it closes.
  const root = useRef<HTMLDivElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const focusNext = useRef<'editor' | 'button' | null>(null);
  useEffect(() => {
    const want = focusNext.current;
    if (!want || !root.current) return;
    const find = () => (want === 'editor' ? root.current?.querySelector<HTMLElement>('.editor-form :is(input, select, button)') : editButton.current);
    const move = () => {
      const target = find();
      if (!target) return false;
      target.focus();
      focusNext.current = null;
      return true;
    };
    if (move()) return;
    // The editor's chunk may still be loading: focus it once it is drawn.
    const watch = new MutationObserver(() => move() && watch.disconnect());
    watch.observe(root.current, { childList: true, subtree: true });
    return () => watch.disconnect();
  });

  // This page's draft of the portal reopens the editor (unless the page handed it over already).
  useEffect(() => {
    if (start) return;
    let live = true;
    setEditing(null);
    setSaved(null);
    void draftItem(origin, page)
      .getValue()
      .then((draft) => live && draft && setEditing({ draft }));
    return () => {
      live = false;
    };
  }, [origin, page]);

  // A draft that asks for what the portal now stores is spent (its save went through after its page closed).
  // Only a reconciliation after this view was mounted counts (the page's data may be older than the view).
  const spentAtMount = useRef(spent);
  useEffect(() => {
    if (spent !== spentAtMount.current) setEditing((cur) => (cur?.draft ? null : cur));
  }, [spent]);

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
    if (other && loaded) void loadReconcile().then((m) => live && setOtherSpent(m.draftMatches(other, loaded)), () => undefined);
    return () => {
      live = false;
    };
  }, [other, loaded]);
  const sameForm = (a: Draft | null, b: Draft | null) => !!a && !!b && JSON.stringify(a.form) === JSON.stringify(b.form);
  const offerOther = !!other && other.savedAt !== leftAside && !sameForm(other, mineNow) && !otherSpent;

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
      {editing && loaded && (
        <EditPanel
          key={editing.rev ?? 0}
          page={page}
          origin={origin}
          cookieStoreId={cookieStoreId}
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
