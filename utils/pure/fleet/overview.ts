import type { HealthRecord, PortalInfo } from '../messages/protocol';
import type { HealthState, RunOutcome } from '../health/states';
import { STATES_WORST_FIRST } from './states';
import { parseServerUtc } from '../docspace/time-zone';
import { csvLine } from './csv';

/** A portal and its last health record (null: not checked yet). */
export interface OverviewEntry {
  portal: PortalInfo;
  record: HealthRecord | null;
}

/** 'none' stands for "not checked yet". */
export type StateFilter = HealthState | 'none' | 'all';
export type SortKey = 'name' | 'state' | 'last' | 'next';

export const stateOf = (e: OverviewEntry): HealthState | 'none' => e.record?.state ?? 'none';

/** How many portals are in each state, worst first, "not checked" last; states with none left out. */
export function summarize(entries: OverviewEntry[]): { state: HealthState | 'none'; count: number }[] {
  const counts = new Map<HealthState | 'none', number>();
  for (const e of entries) counts.set(stateOf(e), (counts.get(stateOf(e)) ?? 0) + 1);
  return [...STATES_WORST_FIRST, 'none' as const].filter((s) => counts.has(s)).map((state) => ({ state, count: counts.get(state)! }));
}

/** States that ask nothing of the admin; every other checked state needs attention ("off" included: no backups). */
const FINE = new Set<HealthState>(['healthy', 'scheduled', 'running']);
export const needsAttention = (state: HealthState | 'none') => state !== 'none' && !FINE.has(state);

/** "2 of 3 portals need attention". */
export const attentionCount = (entries: OverviewEntry[]) => entries.filter((e) => needsAttention(stateOf(e))).length;

/** The settings page's address of a portal's detail view (the options page routes on it). */
export const portalHash = (origin: string) => `#/portal/${encodeURIComponent(origin)}`;

// Worst first, as the badge ranks them; "not checked" last.
const RANK = new Map<HealthState | 'none', number>([...STATES_WORST_FIRST, 'none' as const].map((s, i) => [s, i]));

const lastRunMs = (e: OverviewEntry) => (e.record?.schedule ? (parseServerUtc(e.record.schedule.lastBackupTime)?.getTime() ?? 0) : -1);

const collators = new Map<string | undefined, Intl.Collator>();
// Made once per language: a new Collator per sort cost more than the sort of 500 rows.
const collatorFor = (locale?: string) => {
  let c = collators.get(locale);
  if (!c) collators.set(locale, (c = new Intl.Collator(locale, { sensitivity: 'base', numeric: true })));
  return c;
};

/**
 * The rows to show: those in `filter` whose name or address contains `search`
 * (any case), sorted by `sort` (state: worst first; last/next: soonest first,
 * portals without one at the end), then by name.
 */
export function arrange(entries: OverviewEntry[], { filter, search, sort }: { filter: StateFilter; search: string; sort: SortKey }, locale?: string): OverviewEntry[] {
  const needle = search.trim().toLocaleLowerCase(locale);
  const collator = collatorFor(locale);
  const shown = entries.filter(
    (e) =>
      (filter === 'all' || stateOf(e) === filter) &&
      (!needle || e.portal.name.toLocaleLowerCase(locale).includes(needle) || e.portal.origin.toLowerCase().includes(needle)),
  );
  const byName = (a: OverviewEntry, b: OverviewEntry) => collator.compare(a.portal.name, b.portal.name) || (a.portal.origin < b.portal.origin ? -1 : 1);
  const keyed = shown.map((e) => {
    switch (sort) {
      case 'state':
        return { e, k: RANK.get(stateOf(e))! };
      case 'last':
        // Most recent backup first; never run and no schedule last.
        return { e, k: lastRunMs(e) > 0 ? -lastRunMs(e) : Infinity };
      case 'next':
        return { e, k: e.record?.nextRun && e.record.schedule ? e.record.nextRun : Infinity };
      default:
        return { e, k: 0 };
    }
  });
  keyed.sort((a, b) => (a.k === b.k ? byName(a.e, b.e) : a.k < b.k ? -1 : 1));
  return keyed.map((x) => x.e);
}

/**
 * `entries` in an earlier order (origins); entries not in it are left out. While a
 * refresh is under way, rows keep their places instead of jumping as answers come.
 */
export function inOrder(entries: OverviewEntry[], order: readonly string[]): OverviewEntry[] {
  const byOrigin = new Map(entries.map((e) => [e.portal.origin, e]));
  return order.map((o) => byOrigin.get(o)).filter((e): e is OverviewEntry => !!e);
}

/**
 * The outcome of the last scheduled run as the health check judged it (utils/pure/health/rules.ts):
 * `started` when it moved lastBackupTime and no judgement was recorded, since a start is no file.
 */
export function lastRunOutcome(record: HealthRecord | null): '' | 'never' | 'missed' | 'started' | RunOutcome {
  const schedule = record?.schedule;
  if (!record || !schedule) return '';
  if (record.state === 'overdue') return 'missed';
  if (record.run) return record.run.outcome;
  if (record.state === 'failed') return 'failed';
  return parseServerUtc(schedule.lastBackupTime) ? 'started' : 'never';
}

const iso = (ms: number | undefined | null) => (ms ? new Date(ms).toISOString() : '');

/**
 * The health report: one line per portal, for a spreadsheet. Times are UTC
 * (ISO 8601); `state` is the machine name, `state_text` the words the page shows.
 */
export function healthReportCsv(
  entries: OverviewEntry[],
  words: { state: (state: HealthState) => string; storage: (record: HealthRecord) => string },
): string {
  const header = ['portal', 'address', 'state', 'state_text', 'last_scheduled_run', 'last_run_outcome', 'last_run_error', 'next_run', 'storage', 'checked_at'];
  const lines = entries.map(({ portal, record }) => {
    const schedule = record?.schedule;
    const last = schedule ? parseServerUtc(schedule.lastBackupTime) : null;
    return csvLine([
      portal.name,
      portal.origin,
      record?.state ?? 'not-checked',
      record ? words.state(record.state) : '',
      last ? last.toISOString() : '',
      lastRunOutcome(record),
      record?.run?.error ?? (record?.state === 'failed' ? (record.error ?? '') : ''),
      schedule ? iso(record?.nextRun) : '',
      record && schedule ? words.storage(record) : '',
      iso(record?.checkedAt),
    ]);
  });
  return [csvLine(header), ...lines].join('\r\n') + '\r\n';
}
