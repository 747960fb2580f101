import { useMemo, useRef, useState } from 'preact/hooks';
import type { HealthRecord, PortalInfo } from '@/utils/pure/messages/protocol';
import { t, uiLanguage } from '@/utils/extension/i18n';
import { stateText } from '@/utils/extension/health-text';
import { storageOf } from '@/utils/extension/fleet-words';
import { STATES_WORST_FIRST } from '@/utils/pure/fleet/states';
import { arrange, attentionCount, healthReportCsv, inOrder, summarize, type OverviewEntry, type SortKey, type StateFilter } from '@/utils/pure/fleet/overview';
import { datedName, downloadText } from '@/utils/pages/download';
import { useFleetHealth } from '@/utils/pages/fleet-health';
import { OverviewRow } from './OverviewRow';

const labelOf = (state: HealthRecord['state'] | 'none') => (state === 'none' ? t('overviewNotChecked') : stateText(state));

/**
 * Every portal's backup health: how many need attention, counts by state, filter,
 * sort (worst first unless chosen otherwise) and search, and a CSV report. Each
 * row links to its portal's detail view (#/portal/<origin>).
 */
export function Overview({ portals, onOpen }: { portals: PortalInfo[]; onOpen?: (origin: string) => void }) {
  const { records, busy, refreshAll } = useFleetHealth(portals);
  const [filter, setFilter] = useState<StateFilter>('all');
  const [sort, setSort] = useState<SortKey>('state');
  const [search, setSearch] = useState('');

  const entries = useMemo<OverviewEntry[]>(() => portals.map((portal) => ({ portal, record: records.get(portal.origin) ?? null })), [portals, records]);
  const counts = useMemo(() => summarize(entries), [entries]);
  const attention = useMemo(() => attentionCount(entries), [entries]);
  // While "Refresh all" runs, rows keep their places (no row jumps under the pointer, and no
  // 500 rows moved per batch of answers); the new order comes when it ends or the view changes.
  const arranged = useRef<{ view: unknown[]; order: string[] } | null>(null);
  const refreshing = busy.size > 0;
  // Every row stays mounted in the sort's order, and a filter or search only hides rows: showing
  // 500 rows again is then a change of attributes, not 500 rows built anew (≤ 100 ms, #14).
  const ordered = useMemo(() => {
    const view = [portals, sort];
    const last = arranged.current;
    if (refreshing && last && last.view.every((v, i) => v === view[i])) return inOrder(entries, last.order);
    const list = arrange(entries, { filter: 'all', search: '', sort }, uiLanguage());
    arranged.current = { view, order: list.map((e) => e.portal.origin) };
    return list;
  }, [entries, sort, refreshing]);
  // null: every row (no filter, no search), which is also what each redraw of a refresh meets.
  const matching = useMemo(
    () => (filter === 'all' && !search.trim() ? null : new Set(arrange(entries, { filter, search, sort: 'name' }, uiLanguage()).map((e) => e.portal.origin))),
    [entries, filter, search],
  );
  const shown = useMemo(() => (matching ? ordered.filter((e) => matching.has(e.portal.origin)) : ordered), [ordered, matching]);
  const report = () => downloadText(datedName('docspace-backup-health'), healthReportCsv(shown, { state: stateText, storage: storageOf }));

  return (
    <section aria-labelledby="overview-heading">
      <h2 id="overview-heading">{t('overviewHeading')}</h2>
      <p class="overview-attention" data-testid="overview-attention" data-count={attention}>
        {t('fleetNeedAttention', [String(attention), String(portals.length)])}
      </p>
      <ul class="inline-list" aria-label={t('overviewState')} data-testid="overview-summary">
        {counts.map(({ state, count }) => (
          <li key={state}>
            <button
              type="button"
              class="link"
              data-state={state}
              aria-pressed={filter === state}
              onClick={() => setFilter(filter === state ? 'all' : state)}
            >
              <span class={`dot dot-${state === 'none' ? 'unknown' : state}`} aria-hidden="true" />
              {labelOf(state)} <strong>{count}</strong>
            </button>
          </li>
        ))}
      </ul>
      <div class="overview-filters">
        <div class="field">
          <label for="overview-search">{t('fleetSearch')}</label>
          <input id="overview-search" type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="overview-filter">{t('fleetFilter')}</label>
          <select id="overview-filter" value={filter} onChange={(e) => setFilter(e.currentTarget.value as StateFilter)}>
            <option value="all">{t('fleetAllStates')}</option>
            {[...STATES_WORST_FIRST, 'none' as const].map((s) => (
              <option key={s} value={s}>
                {labelOf(s)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="overview-sort">{t('fleetSort')}</label>
          <select id="overview-sort" value={sort} onChange={(e) => setSort(e.currentTarget.value as SortKey)}>
            <option value="state">{t('overviewState')}</option>
            <option value="name">{t('overviewPortal')}</option>
            <option value="last">{t('overviewLast')}</option>
            <option value="next">{t('overviewNext')}</option>
          </select>
        </div>
      </div>
      {shown.length !== portals.length && (
        <p class="hint" role="status">
          {t('fleetShown', [String(shown.length), String(portals.length)])}
        </p>
      )}
      <div class="table-wrap overview-wrap">
        <table class="table overview" data-testid="overview">
          <thead>
            <tr>
              <th scope="col">{t('overviewPortal')}</th>
              <th scope="col">{t('overviewState')}</th>
              <th scope="col">{t('runLastStarted')}</th>
              <th scope="col">{t('overviewNext')}</th>
              <th scope="col">{t('overviewStorage')}</th>
              <th scope="col">{t('fleetChecked')}</th>
            </tr>
          </thead>
          <tbody>
            {ordered.map(({ portal, record }) => (
              <OverviewRow
                key={portal.origin}
                portal={portal}
                record={record}
                busy={busy.has(portal.origin)}
                hidden={!!matching && !matching.has(portal.origin)}
                onOpen={onOpen}
              />
            ))}
          </tbody>
        </table>
      </div>
      <div class="actions">
        <button type="button" class="button" onClick={refreshAll}>
          {t('overviewRefresh')}
        </button>
        <button type="button" class="button" onClick={report}>
          {t('fleetReport')}
        </button>
      </div>
    </section>
  );
}
