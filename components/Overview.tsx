import { useEffect, useState } from 'preact/hooks';
import { healthItem } from '@/utils/health/store';
import type { HealthRecord, PortalInfo } from '@/utils/messages/protocol';
import { send } from '@/utils/messages/send';
import { formatDateTime, formatRelative } from '@/utils/format';
import { t } from '@/utils/i18n';
import { describeStorage, lastBackup } from '@/utils/schedule/describe';
import { headline, healthDetails } from '@/utils/health/text';

/** One row per portal: each updates on its own, so a slow portal holds up nobody. */
function OverviewRow({ portal, refreshToken, onOpen }: { portal: PortalInfo; refreshToken: number; onOpen: (origin: string) => void }) {
  const [record, setRecord] = useState<HealthRecord | null>(null);
  const [checking, setChecking] = useState(false);

  useEffect(() => {
    const item = healthItem(portal.origin);
    void item.getValue().then(setRecord);
    return item.watch(setRecord);
  }, [portal.origin]);

  useEffect(() => {
    if (!refreshToken) return;
    setChecking(true);
    send({ type: 'health.check', origin: portal.origin })
      .then(setRecord, () => undefined)
      .finally(() => setChecking(false));
  }, [refreshToken, portal.origin]);

  const schedule = record?.schedule;
  const last = schedule ? lastBackup(schedule) : null;
  return (
    <tr data-origin={portal.origin} data-state={record?.state ?? 'none'} aria-busy={checking}>
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
      <td>{schedule ? describeStorage(schedule.storageType, schedule.storageParams ?? {}, undefined) : '—'}</td>
    </tr>
  );
}

export function Overview({ portals, onOpen }: { portals: PortalInfo[]; onOpen: (origin: string) => void }) {
  const [refreshToken, setRefreshToken] = useState(0);
  return (
    <section aria-labelledby="overview-heading">
      <h2 id="overview-heading">{t('overviewHeading')}</h2>
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
            {portals.map((p) => (
              <OverviewRow key={p.origin} portal={p} refreshToken={refreshToken} onOpen={onOpen} />
            ))}
          </tbody>
        </table>
      </div>
      <div class="actions">
        <button type="button" class="button" onClick={() => setRefreshToken(refreshToken + 1)}>
          {t('overviewRefresh')}
        </button>
      </div>
    </section>
  );
}
