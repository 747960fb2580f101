import { useCallback, useEffect, useState } from 'preact/hooks';
import { PortalError, toFailure, type PortalFailure } from '@/utils/docspace/failure';
import { firstDayOfWeek } from '@/utils/docspace/week';
import { scheduleCacheItem } from '@/utils/background/cache';
import type { LoadedSchedule } from '@/utils/messages/protocol';
import { send } from '@/utils/messages/send';
import { t, uiLanguage } from '@/utils/i18n';
import { draftItem, type Draft } from '@/utils/schedule/draft';
import type { EditPanelProps } from './EditPanel';
import { FailureNotice } from './FailureNotice';
import { ScheduleSummary } from './ScheduleSummary';

interface Props {
  origin: string;
  store?: string;
}

type Panel = (props: EditPanelProps) => preact.JSX.Element;

// The editor is a separate chunk: the popup draws the schedule without it.
let panelModule: Promise<Panel> | null = null;
const loadPanel = () => (panelModule ??= import('./EditPanel').then((m) => m.EditPanel));

/** One portal's schedule: drawn from cache at once, refreshed, and edited on demand. */
export function PortalSchedule({ origin, store }: Props) {
  const firstWeekday = firstDayOfWeek(uiLanguage());
  const [loaded, setLoaded] = useState<LoadedSchedule | null>(null);
  const [failure, setFailure] = useState<PortalFailure | null>(null);
  const [refreshing, setRefreshing] = useState(true);
  const [editing, setEditing] = useState<{ draft: Draft | null } | null>(null);
  const [Editor, setEditor] = useState<Panel | null>(null);
  const [saved, setSaved] = useState<'on' | 'off' | null>(null);

  const refresh = useCallback(async () => {
    setRefreshing(true);
    try {
      setLoaded(await send({ type: 'schedule.load', origin, store }));
      setFailure(null);
    } catch (e) {
      setFailure(e instanceof PortalError ? e.failure : toFailure(e));
    } finally {
      setRefreshing(false);
    }
  }, [origin, store]);

  useEffect(() => {
    let live = true;
    setLoaded(null);
    setEditing(null);
    setSaved(null);
    void Promise.all([scheduleCacheItem(origin).getValue(), draftItem(origin).getValue()]).then(([cached, draft]) => {
      if (!live) return;
      if (cached) setLoaded((current) => current ?? cached);
      if (draft) setEditing({ draft });
    });
    void refresh();
    return () => {
      live = false;
    };
  }, [origin, refresh]);

  useEffect(() => {
    if (editing && !Editor) void loadPanel().then((panel) => setEditor(() => panel));
  }, [editing, Editor]);

  const close = (result: 'on' | 'off' | null) => {
    setEditing(null);
    setSaved(result);
  };

  return (
    <div class="portal-schedule" aria-busy={refreshing}>
      {refreshing && !loaded && !failure && (
        <p class="muted" role="status" data-testid="loading">
          {t('loading')}
        </p>
      )}
      {failure && <FailureNotice failure={failure} origin={origin} onRetry={refresh} />}
      {loaded && <ScheduleSummary loaded={loaded} />}
      <div role="status" aria-live="polite" class="live">
        {saved && <p class="notice notice-ok">{saved === 'off' ? t('turnedOff') : t('savedVerified')}</p>}
      </div>
      {loaded && !editing && (
        <div class="actions">
          <button
            type="button"
            class="button primary"
            onClick={() => {
              setSaved(null);
              setEditing({ draft: null });
            }}
          >
            {loaded.schedule ? t('editSchedule') : t('setUpSchedule')}
          </button>
          <button type="button" class="button" onClick={refresh} disabled={refreshing}>
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
