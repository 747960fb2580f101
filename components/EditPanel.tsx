import { useEffect, useRef, useState } from 'preact/hooks';
import { toFailure, type PortalFailure } from '@/utils/pure/docspace/failure';
import type { ScheduleDto } from '@/utils/pure/docspace/schemas';
import type { LoadedSchedule, ResponseOf } from '@/utils/pure/messages/protocol';
import { send } from '@/utils/pages/send';
import { t } from '@/utils/extension/i18n';
import { draftItem, type Draft, type DraftPage } from '@/utils/extension/schedule-draft';
import {
  formFromSchedule,
  requestFromForm,
  validateForm,
  type Difference,
  type FieldError,
  type ScheduleForm,
} from '@/utils/pure/schedule/form';
import { FailureNotice } from './FailureNotice';
import { focusOnMount, useConfirmation } from './focus';
import { ScheduleEditor } from './ScheduleEditor';
import { ScheduleSummary } from './ScheduleSummary';

type Outcome =
  | { kind: 'mismatch'; differences: Difference[] }
  | { kind: 'conflict'; theirs: LoadedSchedule }
  | { kind: 'failed'; failure: PortalFailure };

export interface EditPanelProps {
  origin: string;
  store?: string;
  loaded: LoadedSchedule;
  /** Unsaved edits from an earlier visit, if any. */
  draft: Draft | null;
  /** Whose draft this editor keeps: each page has its own. */
  page?: DraftPage;
  firstWeekday: number;
  /** A fresher copy of the schedule came back (after any save attempt). */
  onLoaded: (loaded: LoadedSchedule) => void;
  /** The editor closes: after a verified save (saved = 'on' | 'off') or a discard. */
  onClose: (saved: 'on' | 'off' | null) => void;
}

/** The room's name as the portal gave it, so the editor shows "Backups", not "#101". */
function withTargetTitle(form: ScheduleForm, loaded: LoadedSchedule): ScheduleForm {
  const title = loaded.target?.title;
  if (!title || loaded.target?.missing) return form;
  if (form.storage === 'room') return { ...form, roomFolderTitle: title };
  if (form.storage === 'thirdparty') return { ...form, thirdPartyFolderTitle: title };
  return form;
}

/** What the form would store, drawn like a schedule for side-by-side comparison. */
function formAsSchedule(form: ScheduleForm, standalone: boolean): ScheduleDto | null {
  if (!form.enabled) return null;
  const req = requestFromForm(form, standalone);
  return {
    storageType: req.storageType,
    storageParams: Object.fromEntries(req.storageParams.map((p) => [p.key, p.value])),
    cronParams: req.cronParams,
    backupsStored: req.backupsStored,
    lastBackupTime: '0001-01-01T00:00:00',
    dump: req.dump,
  };
}

/**
 * The schedule editor with its draft: every change is kept in extension
 * storage, so closing the page or a failed save loses nothing.
 */
export function EditPanel({ origin, store, loaded, draft, page = 'options', firstWeekday, onLoaded, onClose }: EditPanelProps) {
  const mine = draftItem(origin, page);
  const [form, setForm] = useState<ScheduleForm>(() => draft?.form ?? withTargetTitle(formFromSchedule(loaded.schedule, firstWeekday), loaded));
  const [base, setBase] = useState(draft?.base ?? loaded.fingerprint);
  const [hasDraft, setHasDraft] = useState(!!draft);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [options, setOptions] = useState<ResponseOf<'storage.options'> | null>(null);
  const [storageFailure, setStorageFailure] = useState<PortalFailure | null>(null);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const confirmOff = useConfirmation<true>();
  // After a refused save, the keyboard focus goes to the first field to fix.
  const formRef = useRef<HTMLFormElement>(null);
  const focusError = useRef(false);
  useEffect(() => {
    if (!focusError.current) return;
    // Only once the marked fields are drawn: a render from elsewhere (the other page's draft
    // changing) can run its effects between the refused save and the render that marks them.
    const target = formRef.current?.querySelector<HTMLElement>('.has-error :is(input, select, button), [aria-invalid="true"]');
    if (!target) return;
    focusError.current = false;
    target.focus();
  });

  // The storage lists are needed only once backup is on.
  useEffect(() => {
    if (!form.enabled || options) return;
    send({ type: 'storage.options', origin, store }).then(setOptions, (e: unknown) => {
      // The editor still works without the lists (the real server 500s on a schedule without "module").
      setOptions(null);
      setStorageFailure(toFailure(e));
    });
  }, [form.enabled, options, origin, store]);

  const update = (patch: Partial<ScheduleForm>) => {
    const next = { ...form, ...patch };
    setForm(next);
    setHasDraft(true);
    setOutcome(null);
    // The confirmation was for turning off; any change asks again.
    confirmOff.close();
    if (errors.length) setErrors(validateForm(next));
    void mine.setValue({ form: next, base, savedAt: Date.now() });
  };

  const discard = async () => {
    await mine.removeValue();
    onClose(null);
  };

  const save = async (force = false) => {
    if (saving) return;
    const found = validateForm(form);
    setErrors(found);
    if (found.length) {
      focusError.current = true;
      return;
    }
    if (!form.enabled && !force && !confirmOff.asking) {
      confirmOff.ask(true);
      return;
    }
    confirmOff.close();
    setSaving(true);
    setOutcome(null);
    try {
      const result = form.enabled
        ? await send({ type: 'schedule.save', origin, store, request: requestFromForm(form, loaded.portal.standalone), expected: base, force })
        : await send({ type: 'schedule.delete', origin, store, expected: base, force });
      onLoaded(result.loaded);
      if (result.status === 'saved') {
        await mine.removeValue();
        onClose(form.enabled ? 'on' : 'off');
      } else if (result.status === 'conflict') {
        setOutcome({ kind: 'conflict', theirs: result.loaded });
      } else {
        setOutcome({ kind: 'mismatch', differences: result.differences });
      }
    } catch (e) {
      setOutcome({ kind: 'failed', failure: toFailure(e) });
    } finally {
      setSaving(false);
    }
  };

  const keepTheirs = async (theirs: LoadedSchedule) => {
    await mine.removeValue();
    setForm(withTargetTitle(formFromSchedule(theirs.schedule, firstWeekday), theirs));
    setBase(theirs.fingerprint);
    setHasDraft(false);
    setOutcome(null);
  };

  return (
    <form
      ref={formRef}
      class="editor-form"
      aria-label={t('editorHeading')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {hasDraft && <p class="muted">{t('unsavedChanges')}</p>}
      {storageFailure && (
        <p class="notice notice-warning" role="alert" data-testid="storage-list-failed">
          {t('runStorageListFailed', ('message' in storageFailure && storageFailure.message) || String('status' in storageFailure ? storageFailure.status : storageFailure.kind))}
        </p>
      )}
      <ScheduleEditor form={form} update={update} errors={errors} portal={loaded.portal} options={options} origin={origin} store={store} />
      {errors.length > 0 && (
        <p class="field-error" role="alert">
          {t('fixFields')}
        </p>
      )}
      {confirmOff.asking && (
        <div class="notice notice-warning" role="alertdialog" aria-label={t('confirmOffTitle')}>
          <p>{t('confirmOff')}</p>
          <div class="actions">
            <button type="button" class="button danger" onClick={() => void save(false)} data-testid="confirm-off">
              {t('confirmOffButton')}
            </button>
            <button type="button" class="button" onClick={confirmOff.cancel} ref={focusOnMount}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      {outcome?.kind === 'failed' && <FailureNotice failure={outcome.failure} origin={origin} />}
      {outcome?.kind === 'mismatch' && (
        <div class="notice notice-error" role="alert">
          <p class="notice-title">{t('mismatch')}</p>
          <ul>
            {outcome.differences.map((d) => (
              <li key={d.field}>{t('mismatchLine', [d.field, d.sent, d.stored])}</li>
            ))}
          </ul>
        </div>
      )}
      {outcome?.kind === 'conflict' && (
        <div class="notice notice-warning conflict" role="alert">
          <p class="notice-title">{t('conflict')}</p>
          <div class="compare">
            <div>
              <p class="compare-title" id="conflict-theirs">
                {t('conflictTheirs')}
              </p>
              <ScheduleSummary loaded={outcome.theirs} labelledBy="conflict-theirs" />
            </div>
            <div>
              <p class="compare-title" id="conflict-yours">
                {t('conflictYours')}
              </p>
              <ScheduleSummary loaded={{ ...outcome.theirs, schedule: formAsSchedule(form, loaded.portal.standalone), target: undefined }} labelledBy="conflict-yours" />
            </div>
          </div>
          <div class="actions">
            <button type="button" class="button primary" onClick={() => void save(true)}>
              {t('conflictKeepMine')}
            </button>
            <button type="button" class="button" onClick={() => void keepTheirs(outcome.theirs)}>
              {t('conflictKeepTheirs')}
            </button>
          </div>
        </div>
      )}
      {/* Announced: the button's own label change is not. */}
      <p class="sr-only" role="status">
        {saving ? t('saving') : ''}
      </p>
      <div class="actions sticky">
        {/* aria-disabled, not disabled: a disabled button drops the keyboard focus. */}
        <button type="submit" class="button primary" aria-disabled={saving} ref={confirmOff.returnFocus(true)}>
          {saving ? t('saving') : t('save')}
        </button>
        <button type="button" class="button" onClick={() => void discard()} disabled={saving}>
          {t('discard')}
        </button>
      </div>
    </form>
  );
}
