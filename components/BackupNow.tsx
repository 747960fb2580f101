import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/extension/i18n';
import { useBackupNow, useStorageChoice } from '@/utils/pages/backup-now';
import { FailureNotice } from './FailureNotice';
import { StorageFields } from './StorageFields';

interface Props {
  origin: string;
  cookieStoreId?: string;
  /**
   * How the panel opens: `start` (the popup's "Back up now": a backup to the temporary
   * storage starts at once), `choose` (the storage fields first), `idle` (the settings page).
   */
  opening?: 'start' | 'choose' | 'idle';
}

/**
 * A manual backup: start it (to the temporary storage, or to a storage chosen first),
 * watch the progress (the background keeps following it after the page closes),
 * cancel, download a temporary copy. The flow is `useBackupNow`.
 */
export function BackupNow({ origin, cookieStoreId, opening = 'idle' }: Props) {
  const { view, phase, failure, fileName, start, cancel } = useBackupNow(origin, cookieStoreId, opening === 'start');
  const [choosing, setChoosing] = useState(opening === 'choose');
  const choice = useStorageChoice(origin, cookieStoreId, choosing);
  const heading = useRef<HTMLHeadingElement>(null);
  const section = useRef<HTMLElement>(null);
  const download = useRef<HTMLAnchorElement>(null);
  const starting = phase === 'starting';
  // A start that failed is the news: an earlier result would read as its outcome (History still has that copy).
  const earlier = !starting && !failure?.starting;
  const running = view.running;
  const link = earlier ? view.link : null;
  const sawRunning = useRef(false);

  // Opened by a button elsewhere: the focus follows, so the live status below is where the user is.
  useEffect(() => {
    if (opening === 'idle') return;
    heading.current?.focus({ preventScroll: true });
    // The panel opens under the fold of a 600 px popup: bring it up.
    section.current?.scrollIntoView?.({ block: 'start' });
  }, []);

  // A backup watched here is ready: Download takes the focus, unless the user has moved on elsewhere.
  useEffect(() => {
    if (running || starting) sawRunning.current = true;
    else if (link && sawRunning.current) {
      sawRunning.current = false;
      const active = document.activeElement;
      if (!active || active === document.body || section.current?.contains(active)) {
        download.current?.focus();
        download.current?.scrollIntoView?.({ block: 'nearest' });
      }
    }
  }, [running, starting, link]);
  // The file's name arrives a moment later and pushes Download down: keep it in view.
  useEffect(() => {
    if (fileName && document.activeElement === download.current) download.current?.scrollIntoView?.({ block: 'nearest' });
  }, [fileName]);

  // A start that failed: its notice comes into view (the popup is only 600 px high).
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (failure?.starting) notice.current?.scrollIntoView?.({ block: 'nearest' });
  }, [failure]);

  const startChosen = () => {
    const target = choice.target();
    // A refused start keeps the choice on screen, to correct or try again.
    if (target) void start(target).then((started) => started && setChoosing(false));
  };

  // One button starts and cancels, so the keyboard focus stays put; aria-disabled, as disabled would drop it.
  // While the start is on its way it already reads "Cancel" (inert until the portal has the task).
  const main = running || starting
    ? { label: t('cancelBackup'), kind: 'danger', act: () => void cancel() }
    : choosing
      ? { label: t('startBackup'), kind: 'primary', act: startChosen }
      : { label: view.done || view.failed || view.cancelled ? t('nowAgain') : t('backupNow'), kind: link ? 'secondary' : 'primary', act: () => void start() };

  return (
    <section class="backup-now" aria-labelledby={`backup-now-${origin}`} ref={section}>
      <h2 id={`backup-now-${origin}`} class="section-title" tabIndex={-1} ref={heading}>
        {t('backupNowHeading')}
      </h2>
      {choosing && !running && (
        <StorageFields
          form={choice.form}
          update={choice.update}
          errors={choice.errors}
          options={choice.options}
          origin={origin}
          cookieStoreId={cookieStoreId}
          allowTemporary
          idPrefix="now-"
        />
      )}
      <div role="status" aria-live="polite" class="live" data-testid="backup-status">
        {starting && !running && <p>{t('backupPreparing')}</p>}
        {failure?.starting && <p class="notice-title">{t('nowNotStarted')}</p>}
        {running && view.progress && (
          <>
            <p>{view.progress.progress > 0 ? t('backupProgress', String(view.progress.progress)) : t('backupPreparing')}</p>
            <progress max={100} value={view.progress.progress} aria-label={t('backupNowHeading')} />
          </>
        )}
        {earlier && view.failed && <p class="notice notice-error">{t('backupFailed', view.progress?.error ?? '')}</p>}
        {earlier && view.done && (
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
        {earlier && view.cancelled && <p class="notice">{t('backupCancelled')}</p>}
      </div>
      {earlier && view.offered && !view.link && (
        <p class="notice notice-warning" data-testid="link-refused">
          {t('robustLinkRefused')}
        </p>
      )}
      <div ref={notice}>
        {failure && <FailureNotice failure={failure.failure} origin={origin} onRetry={failure.starting && !choosing ? () => void start() : undefined} />}
      </div>
      <div class="actions">
        {/* Once a copy is ready, downloading it is the main thing left to do. */}
        {link && (
          <a key="download" ref={download} class="button primary" href={link} target="_blank" rel="noreferrer" download={fileName ?? ''}>
            {t('downloadCopy')}
          </a>
        )}
        <button key="main" type="button" class={`button ${main.kind}`} onClick={main.act} aria-disabled={phase !== 'idle'}>
          {main.label}
        </button>
        {!running && !choosing && !starting && (
          <button key="other" type="button" class="link-button" onClick={() => setChoosing(true)}>
            {t('nowOtherStorage')}
          </button>
        )}
      </div>
    </section>
  );
}
