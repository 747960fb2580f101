import { useEffect, useRef, useState } from 'preact/hooks';
import { toFailure, type PortalFailure } from '@/utils/pure/docspace/failure';
import { firstDayOfWeek } from '@/utils/pure/docspace/week';
import type { LoadedSchedule, PortalInfo } from '@/utils/pure/messages/protocol';
import { t, uiLanguage, type MessageKey } from '@/utils/extension/i18n';
import type { FileProblem, ScheduleFile } from '@/utils/pure/schedule/schedule-file';
import type { CarryNote } from '@/utils/pure/schedule/transfer';
import { exportToFile, hasDraft, importAsDraft, readScheduleFile } from '@/utils/pages/schedule-transfer';
import { FailureNotice } from './FailureNotice';
import { TransferNotes } from './TransferNotes';

interface Props {
  /** The portal whose schedule is shown. */
  origin: string;
  /** Its schedule, as the page loaded it. */
  loaded: LoadedSchedule | null;
  portals: PortalInfo[];
  /** A draft was written for this portal: show it in the editor. */
  onImported: (origin: string, done: ImportDone) => void;
  /** An import into this portal made from another portal's view: its outcome is shown here. */
  imported?: ImportDone;
}

export function problemText(problem: FileProblem): string {
  const text = t(problem.key as MessageKey, problem.subs);
  return problem.field ? t('importProblemLine', [problem.field, text]) : text;
}

type ImportState =
  | { kind: 'idle' }
  | { kind: 'no-file' }
  | { kind: 'invalid'; problems: FileProblem[] }
  | { kind: 'confirm'; file: ScheduleFile; ignored: string[]; into: string }
  | { kind: 'working' }
  | { kind: 'failed'; failure: PortalFailure; into: string }
  | ImportDone;

/** An import that went through: where, and what the user should know about it. */
export interface ImportDone {
  kind: 'done';
  into: string;
  notes: CarryNote[];
  ignored: string[];
}

/** Export the shown portal's schedule to a .json file; import one as a draft for a portal. */
export function ExportImport({ origin, loaded, portals, onImported, imported }: Props) {
  const [exportState, setExportState] = useState<
    { kind: 'idle' } | { kind: 'nothing' } | { kind: 'done'; name: string; omitted: string[] } | { kind: 'failed'; failure: PortalFailure }
  >({ kind: 'idle' });
  const [into, setInto] = useState(origin);
  const [state, setState] = useState<ImportState>(imported ?? { kind: 'idle' });
  const fileInput = useRef<HTMLInputElement>(null);
  const nameOf = (o: string) => portals.find((p) => p.origin === o)?.name ?? o;

  // Follow the portal shown, unless the user picked another one.
  useEffect(() => setInto(origin), [origin]);

  const runExport = () => {
    if (!loaded) return;
    try {
      const done = exportToFile(origin, loaded);
      setExportState(done ? { kind: 'done', ...done } : { kind: 'nothing' });
    } catch (e) {
      setExportState({ kind: 'failed', failure: toFailure(e) });
    }
  };

  /** Writes the draft for `target` and shows it; the portal itself is not changed. */
  const apply = async (file: ScheduleFile, ignored: string[], target: string) => {
    setState({ kind: 'working' });
    try {
      const notes = await importAsDraft(file, target, firstDayOfWeek(uiLanguage()), target === origin ? loaded : null);
      const done: ImportDone = { kind: 'done', into: target, notes, ignored };
      setState(done);
      if (fileInput.current) fileInput.current.value = '';
      onImported(target, done);
    } catch (e) {
      setState({ kind: 'failed', failure: toFailure(e), into: target });
    }
  };

  const runImport = async () => {
    const chosen = fileInput.current?.files?.[0];
    if (!chosen) return setState({ kind: 'no-file' });
    setState({ kind: 'working' });
    const parsed = await readScheduleFile(chosen);
    if (!parsed.ok) return setState({ kind: 'invalid', problems: parsed.problems });
    if (await hasDraft(into)) return setState({ kind: 'confirm', file: parsed.file, ignored: parsed.ignored, into });
    await apply(parsed.file, parsed.ignored, into);
  };

  const working = state.kind === 'working';

  return (
    <details class="transfer" data-testid="export-import" open={!!imported}>
      <summary>{t('transferFileHeading')}</summary>
      <p class="hint">{t('exportHint')}</p>
      <div class="actions">
        <button type="button" class="button" onClick={runExport} disabled={working || !loaded}>
          {t('exportButton')}
        </button>
      </div>
      <div role="status" aria-live="polite" class="live" data-testid="export-status">
        {exportState.kind === 'nothing' && <p class="muted">{t('exportNothing')}</p>}
        {exportState.kind === 'done' && (
          <p class="notice notice-ok">
            {t('exported', exportState.name)}
            {exportState.omitted.length > 0 && <> {t('noteSecretsDropped', exportState.omitted.join(', '))}</>}
          </p>
        )}
      </div>
      {exportState.kind === 'failed' && <FailureNotice failure={exportState.failure} origin={origin} onRetry={runExport} />}

      <p class="hint">{t('importHint')}</p>
      <div class="field">
        <label for="import-file">{t('importFile')}</label>
        <input
          id="import-file"
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          aria-describedby={state.kind === 'invalid' || state.kind === 'no-file' ? 'import-problems' : undefined}
          onChange={() => setState({ kind: 'idle' })}
        />
      </div>
      {portals.length > 1 && (
        <div class="field">
          <label for="import-into">{t('importInto')}</label>
          <select id="import-into" value={into} onChange={(e) => setInto(e.currentTarget.value)} disabled={working}>
            {portals.map((p) => (
              <option key={p.origin} value={p.origin}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="actions">
        <button type="button" class="button" onClick={() => void runImport()} disabled={working}>
          {t('importButton')}
        </button>
      </div>
      {state.kind === 'no-file' && (
        <p class="field-error" role="alert" id="import-problems">
          {t('importChooseFile')}
        </p>
      )}
      {state.kind === 'invalid' && (
        <div class="notice notice-error" role="alert" id="import-problems" data-testid="import-problems">
          <p class="notice-title">{t('importInvalid')}</p>
          <ul>
            {state.problems.map((p) => (
              <li key={`${p.field}:${p.key}`}>{problemText(p)}</li>
            ))}
          </ul>
        </div>
      )}
      {state.kind === 'confirm' && (
        <div class="notice notice-warning" role="alertdialog" aria-label={t('importReplaceDraftTitle')}>
          <p>{t('importReplaceDraft', nameOf(state.into))}</p>
          <div class="actions">
            <button type="button" class="button danger" onClick={() => void apply(state.file, state.ignored, state.into)}>
              {t('importReplaceDraftButton')}
            </button>
            <button type="button" class="button" onClick={() => setState({ kind: 'idle' })}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      {state.kind === 'failed' && <FailureNotice failure={state.failure} origin={state.into} />}
      <div role="status" aria-live="polite" class="live" data-testid="import-status">
        {state.kind === 'working' && <p class="muted">{t('loading')}</p>}
        {state.kind === 'done' && (
          <div class="notice notice-ok">
            <p>{t('imported', nameOf(state.into))}</p>
            {state.ignored.length > 0 && <p>{t('importIgnoredSecrets', state.ignored.join(', '))}</p>}
            <TransferNotes notes={state.notes} />
          </div>
        )}
      </div>
    </details>
  );
}
