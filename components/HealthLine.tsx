import { useEffect, useState } from 'preact/hooks';
import { toFailure, type PortalFailure } from '@/utils/pure/docspace/failure';
import { healthItem, newerRecord } from '@/utils/extension/health-record';
import type { HealthState } from '@/utils/pure/health/states';
import type { HealthRecord } from '@/utils/pure/messages/protocol';
import { send } from '@/utils/pages/send';
import { formatRelative } from '@/utils/extension/format';
import { t } from '@/utils/extension/i18n';
import { headline, healthDetails } from '@/utils/extension/health-text';
import { LazyFailureNotice as FailureNotice } from './LazyFailureNotice';
import { loadOnce } from '@/utils/pure/load-once';

const loadForm = loadOnce(() => import('@/utils/pure/schedule/form'));


const TONE: Record<HealthState, string> = {
  healthy: 'ok',
  off: 'info',
  overdue: 'warning',
  failed: 'error',
  vanished: 'error',
  'signed-out': 'warning',
  'no-access': 'warning',
  unreachable: 'warning',
  unknown: 'info',
  running: 'info',
  stalled: 'warning',
  'no-file': 'error',
  scheduled: 'info',
  'turned-off': 'info',
};

/**
 * The portal's backup health as the background last recorded it (every load and save of the
 * schedule records it); a vanished schedule can be recreated here.
 */
interface Props {
  origin: string;
  onChanged?: () => void;
  /** The record the page already read from storage. */
  initial?: HealthRecord | null;
}

export function HealthLine({ origin, onChanged, initial }: Props) {
  const [record, setRecord] = useState<HealthRecord | null>(initial ?? null);
  const [failure, setFailure] = useState<PortalFailure | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const item = healthItem(origin);
    const stop = item.watch((r) => r && setRecord(r));
    // Read (again) once watching: a check recorded between the page's read and now is not missed.
    void item.getValue().then((r) => r && setRecord((shown) => newerRecord(shown, r)));
    return stop;
    // `initial` is what the page read for this origin when it mounted us.
  }, [origin]);

  const recreate = async () => {
    if (!record?.lastKnownSchedule) return;
    setBusy(true);
    try {
      const { formFromSchedule, requestFromForm } = await loadForm();
      const request = requestFromForm(formFromSchedule(record.lastKnownSchedule), record.standalone ?? false);
      const result = await send({ type: 'schedule.save', origin, request, expected: 'none', force: false });
      if (result.status === 'conflict') setFailure({ kind: 'internal', message: t('conflict') });
      onChanged?.();
    } catch (e) {
      setFailure(toFailure(e));
    } finally {
      setBusy(false);
    }
  };

  if (!record) return null;
  const { state } = record;
  return (
    <div class={`health notice notice-${TONE[state]}`} data-testid="health" data-state={state} role="status">
      <p class="notice-title">{headline(record)}</p>
      {healthDetails(record).map((line) => (
        <p key={line}>{line}</p>
      ))}
      {record.backupsThisMonth && !record.failure && (
        <p data-testid="backups-this-month">
          {record.backupsThisMonth.allowance !== undefined &&
            `${t('healthFreeLeft', [String(Math.max(0, record.backupsThisMonth.allowance - record.backupsThisMonth.free)), String(record.backupsThisMonth.allowance)])} `}
          {t('healthBackupsThisMonth', [String(record.backupsThisMonth.free), String(record.backupsThisMonth.paid)])} {t('healthPaidWarning')}
        </p>
      )}
      {state === 'vanished' && (
        <>
          {/* On the cloud, billing is the likely cause either way; self-hosted, the audit trail may have settled it. */}
          {record.standalone ? record.removedBy !== 'portal' && <p>{t('vanishedSelfHosted')}</p> : <p>{t('vanishedCloud')}</p>}
          <div class="actions">
            {record.lastKnownSchedule && (
              <button type="button" class="button primary" disabled={busy} onClick={() => void recreate()}>
                {t('recreateSchedule')}
              </button>
            )}
            <button type="button" class="button" disabled={busy} onClick={() => void send({ type: 'health.acknowledge', origin }).then(setRecord)}>
              {t('leaveOff')}
            </button>
          </div>
        </>
      )}
      {failure && <FailureNotice failure={failure} origin={origin} />}
      <p class="hint">{t('checkedAt', formatRelative(new Date(record.checkedAt)))}</p>
    </div>
  );
}
