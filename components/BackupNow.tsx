import { useEffect, useState } from 'preact/hooks';
import { toFailure, type PortalFailure } from '@/utils/pure/docspace/failure';
import { backupStatusItem } from '@/utils/extension/backup-status';
import type { BackupStatus, ResponseOf } from '@/utils/pure/messages/protocol';
import { send } from '@/utils/pages/send';
import { backupFileName } from '@/utils/pages/backup-file';
import { portalLink } from '@/utils/pure/docspace/bounds';
import { t } from '@/utils/extension/i18n';
import { defaultForm, storageFromForm, validateStorage, type FieldError, type ScheduleForm } from '@/utils/pure/schedule/form';
import { FailureNotice } from './FailureNotice';
import { StorageFields } from './StorageFields';

/** DistributedTaskStatus.Canceled. */
const TASK_CANCELLED = 3;

interface Props {
  origin: string;
  cookieStoreId?: string;
}


/**
 * A manual backup: choose where, start, watch the progress (the background
 * keeps following it after the page closes), cancel, download a temporary copy.
 */
export function BackupNow({ origin, cookieStoreId }: Props) {
  const [form, setForm] = useState<ScheduleForm>(() => ({ ...defaultForm(), enabled: true, storage: 'temporary' }));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [options, setOptions] = useState<ResponseOf<'storage.options'> | null>(null);
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [failure, setFailure] = useState<PortalFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [fileName, setFileName] = useState<string | null>(null);

  useEffect(() => {
    const item = backupStatusItem(origin);
    void item.getValue().then((s) => s && setStatus(s));
    const stop = item.watch(setStatus);
    // Asks the portal too, and resumes following a backup that is still running.
    send({ type: 'backup.progress', origin, cookieStoreId }).then(setStatus, (e: unknown) => setFailure(toFailure(e)));
    return stop;
  }, [origin, cookieStoreId]);

  useEffect(() => {
    if (form.storage === 'temporary' || options) return;
    send({ type: 'storage.options', origin, cookieStoreId }).then(setOptions, () => setOptions(null));
  }, [form.storage, options, origin, cookieStoreId]);

  const update = (patch: Partial<ScheduleForm>) => {
    const next = { ...form, ...patch };
    setForm(next);
    if (errors.length) setErrors(validateStorage(next));
  };

  const start = async () => {
    if (busy) return;
    const found = validateStorage(form);
    setErrors(found);
    if (found.length) return;
    const { storageType, storageParams } = storageFromForm(form);
    setBusy(true);
    setFailure(null);
    try {
      setStatus(await send({ type: 'backup.start', origin, cookieStoreId, storageType, storageParams: storageParams.length ? storageParams : null }));
    } catch (e) {
      setFailure(toFailure(e));
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    if (busy) return;
    setBusy(true);
    try {
      setStatus(await send({ type: 'backup.cancel', origin, cookieStoreId }));
      setFailure(null);
    } catch (e) {
      setFailure(toFailure(e));
    } finally {
      setBusy(false);
    }
  };

  const progress = status?.progress;
  const running = !!progress && !progress.isCompleted;
  // The server can answer a cancelled task as completed without an error (status 3): that is no copy.
  const cancelled = progress?.status === TASK_CANCELLED;
  const done = !!progress?.isCompleted && !progress.error && !cancelled;
  const offered = done ? progress?.link : null;
  // Only a link on the portal's own origin: a javascript: or foreign link is never a button.
  const link = portalLink(offered, origin);
  const taskId = done && status?.startedAt ? progress?.taskId : null;

  useEffect(() => {
    setFileName(null);
    if (taskId) backupFileName(origin, cookieStoreId, taskId).then(setFileName, () => setFileName(null));
  }, [origin, cookieStoreId, taskId]);

  return (
    <section class="backup-now" aria-labelledby={`backup-now-${origin}`}>
      <h2 id={`backup-now-${origin}`} class="section-title">
        {t('backupNowHeading')}
      </h2>
      {!running && (
        <StorageFields
          form={form}
          update={update}
          errors={errors}
          options={options}
          origin={origin}
          cookieStoreId={cookieStoreId}
          allowTemporary
          idPrefix="now-"
        />
      )}
      <div role="status" aria-live="polite" class="live" data-testid="backup-status">
        {running && (
          <>
            <p>{progress.progress > 0 ? t('backupProgress', String(progress.progress)) : t('backupPreparing')}</p>
            <progress max={100} value={progress.progress} aria-label={t('backupNowHeading')} />
          </>
        )}
        {/* The portal's progress covers scheduled runs too; their failure is the health line's to tell. */}
        {progress?.isCompleted && progress.error && status?.startedAt && <p class="notice notice-error">{t('backupFailed', progress.error)}</p>}
        {done && status?.startedAt && (
          <div class="notice notice-ok">
            <p>{t('backupDone')}</p>
            {fileName && (
              <p class="file-name" data-testid="backup-file">
                {/* Isolated, so a Latin file name keeps its order in an Arabic sentence. */}
                {t('lookFileName', `\u2068${fileName}\u2069`)}
              </p>
            )}
          </div>
        )}
        {status && (!progress || cancelled) && status.startedAt && !status.following && <p class="notice">{t('backupCancelled')}</p>}
      </div>
      {offered && !link && (
        <p class="notice notice-warning" data-testid="link-refused">
          {t('robustLinkRefused')}
        </p>
      )}
      {failure && <FailureNotice failure={failure} origin={origin} />}
      <div class="actions">
        {/* Once a copy is ready, downloading it is the main thing left to do. */}
        {link && (
          <a key="download" class="button primary" href={link} target="_blank" rel="noreferrer" download={fileName ?? ''}>
            {t('downloadCopy')}
          </a>
        )}
        {/* One button that starts and cancels keeps the keyboard focus; aria-disabled, as disabled would drop it. */}
        <button
          key="start"
          type="button"
          class={`button ${running ? 'danger' : link ? 'secondary' : 'primary'}`}
          onClick={() => void (running ? cancel() : start())}
          aria-disabled={busy}
        >
          {running ? t('cancelBackup') : t('startBackup')}
        </button>
      </div>
    </section>
  );
}
