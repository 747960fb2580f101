import { memo } from 'preact/compat';
import type { HealthRecord, PortalInfo } from '@/utils/pure/messages/protocol';
import { formatDateTime, formatRelative } from '@/utils/extension/format';
import { t } from '@/utils/extension/i18n';
import { lastBackup } from '@/utils/extension/schedule-describe';
import { headline, healthDetails } from '@/utils/extension/health-text';
import { needsAttention, portalHash } from '@/utils/pure/fleet/overview';
import { storageOf } from '@/utils/extension/fleet-words';

const When = ({ at }: { at: Date }) => (
  <time dateTime={at.toISOString()} title={formatDateTime(at)}>
    {formatRelative(at)}
  </time>
);

/** What the row says beyond its headline, each line once: the one place a portal's problem is told. */
function detailsOf(record: HealthRecord): string[] {
  const lines = [...(record.failure && 'message' in record.failure && record.failure.message ? [record.failure.message] : []), ...healthDetails(record)];
  const title = headline(record);
  return [...new Set(lines)].filter((line) => line !== title);
}

/** One portal in the overview; it redraws only when its own record, busy flag or visibility changes. */
export const OverviewRow = memo(function OverviewRow({
  portal,
  record,
  busy,
  hidden = false,
  onOpen,
}: {
  portal: PortalInfo;
  record: HealthRecord | null;
  busy: boolean;
  /** Filtered or searched out: kept mounted, so showing it again costs no rebuild. */
  hidden?: boolean;
  onOpen?: (origin: string) => void;
}) {
  const attention = record ? needsAttention(record.state) : false;
  return (
    <tr data-origin={portal.origin} data-state={record?.state ?? 'none'} data-attention={attention || undefined} aria-busy={busy} hidden={hidden || undefined}>
      {/* The cells do not depend on busy or hidden: a filter or a refresh's busy flag leaves them be. */}
      <RowCells portal={portal} record={record} attention={attention} onOpen={onOpen} />
    </tr>
  );
});

const RowCells = memo(function RowCells({
  portal,
  record,
  attention,
  onOpen,
}: {
  portal: PortalInfo;
  record: HealthRecord | null;
  attention: boolean;
  onOpen?: (origin: string) => void;
}) {
  const schedule = record?.schedule;
  const last = schedule ? lastBackup(schedule) : null;
  const problem = record ? detailsOf(record) : [];
  return (
    <>
      <th scope="row">
        {/* A real link: the detail view can be opened in a new tab, linked and reloaded. */}
        <a href={portalHash(portal.origin)} onClick={() => onOpen?.(portal.origin)}>
          {portal.name}
        </a>
      </th>
      <td>
        <span class={`dot dot-${record?.state ?? 'unknown'}`} aria-hidden="true" />
        {record ? headline(record) : t('overviewNotChecked')}
        {attention && <span class="badge warn overview-flag">{t('fleetNeedsAttention')}</span>}
        {/* A problem is told in one box; the details of a portal that is fine are plain hints. */}
        {problem.length > 0 && (
          <div class={attention ? 'overview-problem' : 'hint'}>
            {problem.map((line) => (
              <div key={line}>{line}</div>
            ))}
          </div>
        )}
      </td>
      {/* data-label: the column's name where a narrow page stacks the cells (styles.css). */}
      <td data-label={t('runLastStarted')}>{schedule ? last ? <When at={last} /> : t('never') : '—'}</td>
      <td data-label={t('overviewNext')}>{record?.nextRun && schedule ? <When at={new Date(record.nextRun)} /> : '—'}</td>
      <td data-label={t('overviewStorage')}>{record && schedule ? storageOf(record) : '—'}</td>
      <td data-label={t('fleetChecked')}>{record ? <When at={new Date(record.checkedAt)} /> : '—'}</td>
    </>
  );
});
