import { useEffect, useState } from 'preact/hooks';
import { toFailure, type PortalFailure } from '@/utils/pure/docspace/failure';
import type { HistoryEntry as HistoryRecord } from '@/utils/pure/messages/protocol';
import { parseServerUtc } from '@/utils/pure/docspace/time-zone';
import { send } from '@/utils/pages/send';
import { formatDateTime } from '@/utils/extension/format';
import { t, type MessageKey } from '@/utils/extension/i18n';
import { FailureNotice } from './FailureNotice';
import { focusOnMount, useConfirmation } from './focus';


function when(value: string): string {
  const date = parseServerUtc(value);
  return date ? formatDateTime(date) : t('historyNoExpiry');
}

/** The portal's backups, newest first; delete one or all after a confirmation. */
export function BackupHistory({ origin, cookieStoreId }: { origin: string; cookieStoreId?: string }) {
  const [records, setRecords] = useState<HistoryRecord[] | null>(null);
  const [failure, setFailure] = useState<PortalFailure | null>(null);
  // Which backup's deletion (or 'all') is being confirmed.
  const confirm = useConfirmation<string>();

  const run = (request: Promise<HistoryRecord[]>) =>
    request.then(
      (list) => {
        setRecords(list);
        setFailure(null);
        confirm.close();
      },
      (e: unknown) => setFailure(toFailure(e)),
    );
  const load = () => run(send({ type: 'history.list', origin, cookieStoreId }));
  useEffect(() => void load(), [origin, cookieStoreId]);

  return (
    <section class="history" aria-labelledby={`history-${origin}`}>
      <h2 id={`history-${origin}`} class="section-title">
        {t('historyHeading')}
      </h2>
      {failure && <FailureNotice failure={failure} origin={origin} onRetry={load} />}
      {!records && !failure && <p class="muted">{t('loading')}</p>}
      {records && records.length === 0 && <p class="muted">{t('historyEmpty')}</p>}
      {records && records.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('historyDate')}</th>
                <th scope="col">{t('historyWhere')}</th>
                <th scope="col">{t('historyFile')}</th>
                <th scope="col">{t('historyExpires')}</th>
                <th scope="col">
                  <span class="sr-only">
                    {t('lookDownload')}, {t('deleteBackup')}
                  </span>
                </th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => (
                <tr key={r.id}>
                  <td>{when(r.createdOn)}</td>
                  <td>{t(`storageName_${r.storageType}` as MessageKey)}</td>
                  <td class="file">{r.fileName}</td>
                  <td data-label={t('historyExpires')}>{when(r.expiresOn)}</td>
                  <td class="row-actions">
                    {/* Only a temporary copy the portal still offers has a link (history.ts). */}
                    {r.link && confirm.asking !== r.id && (
                      <a class="button primary" href={r.link} download={r.fileName} target="_blank" rel="noreferrer" aria-label={t('lookDownloadFile', r.fileName)}>
                        {t('lookDownload')}
                      </a>
                    )}
                    {confirm.asking === r.id ? (
                      <span role="alertdialog" aria-label={t('confirmDeleteBackup', r.fileName)}>
                        <button type="button" class="button danger" onClick={() => void run(send({ type: 'history.delete', origin, cookieStoreId, id: r.id }))}>
                          {t('deleteBackup')}
                        </button>
                        <button type="button" class="button" onClick={confirm.cancel} ref={focusOnMount}>
                          {t('cancel')}
                        </button>
                      </span>
                    ) : (
                      <button
                        type="button"
                        class="button"
                        aria-label={t('confirmDeleteBackup', r.fileName)}
                        onClick={() => confirm.ask(r.id)}
                        ref={confirm.returnFocus(r.id)}
                      >
                        {t('deleteBackup')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {records && records.length > 0 && (
        <div class="actions">
          {confirm.asking === 'all' ? (
            <span role="alertdialog" aria-label={t('confirmDeleteAll')}>
              {t('confirmDeleteAll')}{' '}
              <button type="button" class="button danger" onClick={() => void run(send({ type: 'history.clear', origin, cookieStoreId }))}>
                {t('deleteAllBackups')}
              </button>
              <button type="button" class="button" onClick={confirm.cancel} ref={focusOnMount}>
                {t('cancel')}
              </button>
            </span>
          ) : (
            <button type="button" class="button danger" onClick={() => confirm.ask('all')} ref={confirm.returnFocus('all')}>
              {t('deleteAllBackups')}
            </button>
          )}
          <button type="button" class="button" onClick={() => void load()}>
            {t('refresh')}
          </button>
        </div>
      )}
    </section>
  );
}
