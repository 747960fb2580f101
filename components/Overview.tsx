import { memo } from 'preact/compat';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from '#imports';
import { healthItem } from '@/utils/extension/health-store';
import { checkedValue, getValues } from '@/utils/extension/storage-item';
import type { HealthRecord, PortalInfo } from '@/utils/pure/messages/protocol';
import { send } from '@/utils/pages/send';
import { formatDateTime, formatRelative } from '@/utils/extension/format';
import { t, uiLanguage } from '@/utils/extension/i18n';
import { describeStorage, lastBackup } from '@/utils/extension/schedule-describe';
import { headline, healthDetails, stateText } from '@/utils/extension/health-text';
import { STATES_WORST_FIRST } from '@/utils/pure/fleet/states';
import { arrange, healthReportCsv, summarize, type OverviewEntry, type SortKey, type StateFilter } from '@/utils/pure/fleet/overview';
import { datedName, downloadText } from '@/utils/pages/download';

const HEALTH_PREFIX = healthItem('').key;

const storageOf = (record: HealthRecord) =>
  record.schedule ? describeStorage(record.schedule.storageType, record.schedule.storageParams ?? {}, undefined) : '';

const labelOf = (state: HealthRecord['state'] | 'none') => (state === 'none' ? t('overviewNotChecked') : stateText(state));

/** One row per portal; it redraws only when its own record or busy flag changes. */
const OverviewRow = memo(function OverviewRow({
  portal,
  record,
  busy,
  onOpen,
}: {
  portal: PortalInfo;
  record: HealthRecord | null;
  busy: boolean;
  onOpen: (origin: string) => void;
}) {
  const schedule = record?.schedule;
  const last = schedule ? lastBackup(schedule) : null;
  return (
    <tr data-origin={portal.origin} data-state={record?.state ?? 'none'} aria-busy={busy}>
      <th scope="row">
        <button type="button" class="link" onClick={() => onOpen(portal.origin)}>
          {portal.name}
        </button>
      </th>
      <td>
        <span class={`dot dot-${record?.state ?? 'unknown'}`} aria-hidden="true" />
        {record ? headline(record) : t('overviewNotChecked')}
        {record?.failure && 'message' in record.failure && record.failure.message && <div class="hint">{record.failure.message}</div>}
        {record && healthDetails(record).map((line) => <div key={line} class="hint">{line}</div>)}
      </td>
      <td>{schedule ? (last ? <span title={formatDateTime(last)}>{formatRelative(last)}</span> : t('never')) : '—'}</td>
      <td>{record?.nextRun && schedule ? <span title={formatDateTime(new Date(record.nextRun))}>{formatRelative(new Date(record.nextRun))}</span> : '—'}</td>
      <td>{record && schedule ? storageOf(record) : '—'}</td>
    </tr>
  );
});

/**
 * Every portal's backup health: counts by state, filter, sort and search, and a
 * CSV report. Records come from extension storage (one listener for all rows);
 * "Refresh all" asks the background to check each portal, and each row updates
 * as its answer comes, so a slow portal holds up nobody.
 */
export function Overview({ portals, onOpen }: { portals: PortalInfo[]; onOpen: (origin: string) => void }) {
  const [records, setRecords] = useState<ReadonlyMap<string, HealthRecord | null>>(new Map());
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [filter, setFilter] = useState<StateFilter>('all');
  const [sort, setSort] = useState<SortKey>('name');
  const [search, setSearch] = useState('');

  // Answers arrive in bursts (500 portals): apply them together, at most every 16 ms.
  const pending = useRef<{ records: Map<string, HealthRecord | null>; done: Set<string>; timer?: ReturnType<typeof setTimeout> }>({
    records: new Map(),
    done: new Set(),
  });
  const flush = () => {
    const p = pending.current;
    p.timer = undefined;
    if (p.records.size) {
      const updates = p.records;
      p.records = new Map();
      setRecords((cur) => new Map([...cur, ...updates]));
    }
    if (p.done.size) {
      const done = p.done;
      p.done = new Set();
      setBusy((cur) => new Set([...cur].filter((o) => !done.has(o))));
    }
  };
  const later = () => (pending.current.timer ??= setTimeout(flush, 16));
  const put = (origin: string, record: HealthRecord | null) => {
    pending.current.records.set(origin, record);
    later();
  };

  useEffect(() => {
    let live = true;
    // Checked against the storage registry like every read: a corrupted record is dropped, never drawn.
    void getValues(portals.map((p) => healthItem(p.origin))).then((got) => {
      if (!live) return;
      setRecords(new Map(portals.map((p, i) => [p.origin, got[i] ?? null])));
    });
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local') return;
      for (const [key, change] of Object.entries(changes)) {
        if (!key.startsWith(HEALTH_PREFIX)) continue;
        void checkedValue<HealthRecord | null>(key, change.newValue, null).then((record) => live && put(key.slice(HEALTH_PREFIX.length), record));
      }
    };
    browser.storage.onChanged.addListener(listener);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(listener);
    };
  }, [portals]);
  useEffect(() => () => clearTimeout(pending.current.timer), []);

  const refreshAll = () => {
    setBusy(new Set(portals.map((p) => p.origin)));
    for (const p of portals) {
      send({ type: 'health.check', origin: p.origin })
        .then((record) => put(p.origin, record), () => undefined)
        .finally(() => {
          pending.current.done.add(p.origin);
          later();
        });
    }
  };

  const entries = useMemo<OverviewEntry[]>(() => portals.map((portal) => ({ portal, record: records.get(portal.origin) ?? null })), [portals, records]);
  const counts = useMemo(() => summarize(entries), [entries]);
  const shown = useMemo(() => arrange(entries, { filter, search, sort }, uiLanguage()), [entries, filter, search, sort]);
  const report = () => downloadText(datedName('docspace-backup-health'), healthReportCsv(shown, { state: stateText, storage: storageOf }));

  return (
    <section aria-labelledby="overview-heading">
      <h2 id="overview-heading">{t('overviewHeading')}</h2>
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
            <option value="name">{t('overviewPortal')}</option>
            <option value="state">{t('overviewState')}</option>
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
      <div class="table-wrap">
        <table class="table overview" data-testid="overview">
          <thead>
            <tr>
              <th scope="col">{t('overviewPortal')}</th>
              <th scope="col">{t('overviewState')}</th>
              <th scope="col">{t('runLastStarted')}</th>
              <th scope="col">{t('overviewNext')}</th>
              <th scope="col">{t('overviewStorage')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map(({ portal, record }) => (
              <OverviewRow key={portal.origin} portal={portal} record={record} busy={busy.has(portal.origin)} onOpen={onOpen} />
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
