import { browser } from '#imports';
import { useState } from 'preact/hooks';
import { toFailure, type PortalFailure } from '@/utils/pure/docspace/failure';
import type { PortalInfo } from '@/utils/pure/messages/protocol';
import { send } from '@/utils/pages/send';
import { t, type MessageKey } from '@/utils/extension/i18n';
import { permissionPattern } from '@/utils/pure/portals/origin';
import { MAX_LIST_BYTES, portalListCsv, previewPortalList, type ImportPreview, type ImportRow } from '@/utils/pure/fleet/portal-list';
import { datedName, downloadText } from '@/utils/pages/download';
import { FailureNotice } from './FailureNotice';

const reasonText = (row: ImportRow) =>
  row.reason === 'insecure' ? t('errInsecureUrl') : row.reason === 'too-many' ? t('importTooMany') : t('fleetStatus_bad');

/** Import portals from a CSV or text list (preview first, nothing added until confirmed); export the list. */
export function PortalListTransfer({ portals, onChange }: { portals: PortalInfo[]; onChange: (list: PortalInfo[]) => void }) {
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<PortalFailure | null>(null);
  const [added, setAdded] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  const show = (value: string) => {
    setAdded(null);
    setFailure(null);
    setProblem(null);
    setPreview(previewPortalList(value, portals.map((p) => p.origin)));
  };

  const chooseFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_LIST_BYTES) {
      setPreview(null);
      setProblem(t('importTooLarge', String(MAX_LIST_BYTES / 1024)));
      return;
    }
    const value = await file.text().catch(() => '');
    setText(value);
    show(value);
  };

  const confirm = async () => {
    if (!preview?.additions.length) return;
    setBusy(true);
    setFailure(null);
    try {
      // One prompt, from this click, for every host in the list.
      const origins = [...new Set(preview.additions.map((a) => permissionPattern(a.origin)))];
      if (!(await browser.permissions.request({ origins }))) {
        setProblem(t('errPermissionDenied'));
        return;
      }
      const result = await send({ type: 'portals.import', portals: preview.additions });
      onChange(result.portals);
      setAdded(result.added);
      setPreview(null);
      setText('');
    } catch (e) {
      setFailure(toFailure(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details class="transfer" data-testid="portal-list-transfer">
      <summary>{t('fleetListHeading')}</summary>
      <div class="actions">
        <button
          type="button"
          class="button"
          disabled={!portals.length}
          onClick={() => downloadText(datedName('docspace-portals'), portalListCsv(portals))}
        >
          {t('fleetExportList')}
        </button>
      </div>
      <p class="hint" id="portal-list-hint">
        {t('fleetImportHint')}
      </p>
      <div class="field">
        <label for="portal-list-text">{t('fleetImportText')}</label>
        <textarea
          id="portal-list-text"
          rows={5}
          value={text}
          placeholder={t('portalUrlPlaceholder')}
          aria-describedby="portal-list-hint"
          onInput={(e) => {
            setText(e.currentTarget.value);
            setPreview(null);
          }}
        />
      </div>
      <div class="field">
        <label for="portal-list-file">{t('fleetImportFile')}</label>
        <input id="portal-list-file" type="file" accept=".csv,.txt,text/csv,text/plain" onChange={(e) => void chooseFile(e.currentTarget.files?.[0])} />
      </div>
      <div class="actions">
        <button type="button" class="button" onClick={() => show(text)} disabled={!text.trim()}>
          {t('fleetPreview')}
        </button>
      </div>
      {problem && (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
      {failure && <FailureNotice failure={failure} />}
      {preview && (
        <div data-testid="import-preview">
          <ul class="inline-list" aria-live="polite">
            {(['new', 'duplicate', 'exists', 'bad'] as const).map((s) => (
              <li key={s} data-count={s}>
                {t(`fleetStatus_${s}` as MessageKey)}: <strong>{preview.counts[s]}</strong>
              </li>
            ))}
          </ul>
          {preview.rows.length > 0 && (
            <div class="table-wrap">
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">{t('fleetLine')}</th>
                    <th scope="col">{t('portalUrl')}</th>
                    <th scope="col">{t('portalName')}</th>
                    <th scope="col">{t('overviewState')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.slice(0, 1000).map((row) => (
                    <tr key={row.line} data-status={row.status}>
                      <td>{row.line}</td>
                      <td class="file">{row.origin ?? row.address}</td>
                      <td class="portal-name">{row.name}</td>
                      <td>{row.status === 'bad' ? reasonText(row) : t(`fleetStatus_${row.status}` as MessageKey)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <div class="actions">
            <button type="button" class="button primary" disabled={busy || !preview.additions.length} onClick={() => void confirm()}>
              {t('fleetImportConfirm', String(preview.additions.length))}
            </button>
            <button type="button" class="button" onClick={() => setPreview(null)}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      <div role="status" aria-live="polite" class="live">
        {added !== null && <p class="notice notice-ok">{t('fleetImported', String(added))}</p>}
      </div>
    </details>
  );
}
