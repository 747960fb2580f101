import { useCallback, useEffect, useState } from 'preact/hooks';
import { PortalError, toFailure, type PortalFailure } from '@/utils/docspace/failure';
import type { ScheduleDto } from '@/utils/docspace/schemas';
import { firstDayOfWeek } from '@/utils/docspace/week';
import { scheduleCacheItem } from '@/utils/background/cache';
import type { LoadedSchedule, ResponseOf } from '@/utils/messages/protocol';
import { send } from '@/utils/messages/send';
import { t, uiLanguage } from '@/utils/i18n';
import { draftItem } from '@/utils/schedule/draft';
import {
  formFromSchedule,
  requestFromForm,
  validateForm,
  type Difference,
  type FieldError,
  type ScheduleForm,
} from '@/utils/schedule/form';
import { FailureNotice } from './FailureNotice';
import { ScheduleEditor } from './ScheduleEditor';
import { ScheduleSummary } from './ScheduleSummary';

type Outcome =
  | { kind: 'saved'; off: boolean }
  | { kind: 'mismatch'; differences: Difference[] }
  | { kind: 'conflict'; theirs: LoadedSchedule }
  | { kind: 'failed'; failure: PortalFailure };

interface Props {
  origin: string;
  store?: string;
}

const asFailure = (e: unknown) => (e instanceof PortalError ? e.failure : toFailure(e));

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
 * One portal's schedule: drawn from cache at once, refreshed, and edited with
 * a draft that survives closing the page and failed saves.
 */
export function PortalSchedule({ origin, store }: Props) {
  const firstWeekday = firstDayOfWeek(uiLanguage());
  const [loaded, setLoaded] = useState<LoadedSchedule | null>(null);
  const [failure, setFailure] = useState<PortalFailure | null>(null);
  const [refreshing, setRefreshing] = useState(true);
  const [form, setForm] = useState<ScheduleForm | null>(null);
  const [base, setBase] = useState('');
  const [hasDraft, setHasDraft] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [options, setOptions] = useState<ResponseOf<'storage.options'> | null>(null);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [confirmOff, setConfirmOff] = useState(false);

  const refresh = useCallback(async () => {
    setRefreshing(true);
    try {
      setLoaded(await send({ type: 'schedule.load', origin, store }));
      setFailure(null);
    } catch (e) {
      setFailure(asFailure(e));
    } finally {
      setRefreshing(false);
    }
  }, [origin, store]);

  useEffect(() => {
    let live = true;
    setLoaded(null);
    setForm(null);
    setOutcome(null);
    void Promise.all([scheduleCacheItem(origin).getValue(), draftItem(origin).getValue()]).then(([cached, draft]) => {
      if (!live) return;
      if (cached) setLoaded(cached);
      if (draft) {
        setForm(draft.form);
        setBase(draft.base);
        setHasDraft(true);
      }
    });
    void refresh();
    return () => {
      live = false;
    };
  }, [origin, refresh]);

  // The storage lists are needed only while editing.
  useEffect(() => {
    if (!form?.enabled || options) return;
    send({ type: 'storage.options', origin, store }).then(setOptions, () => setOptions(null));
  }, [form?.enabled, options, origin, store]);

  const update = (patch: Partial<ScheduleForm>) => {
    if (!form) return;
    const next = { ...form, ...patch };
    setForm(next);
    setHasDraft(true);
    setOutcome(null);
    // The confirmation was for turning off; any change asks again.
    setConfirmOff(false);
    if (errors.length) setErrors(validateForm(next));
    void draftItem(origin).setValue({ form: next, base, savedAt: Date.now() });
  };

  const startEditing = () => {
    if (!loaded) return;
    setForm(formFromSchedule(loaded.schedule, firstWeekday));
    setBase(loaded.fingerprint);
    setOutcome(null);
    setErrors([]);
  };

  const discard = async () => {
    await draftItem(origin).removeValue();
    setForm(null);
    setHasDraft(false);
    setErrors([]);
    setOutcome(null);
  };

  const finish = async (result: ResponseOf<'schedule.save'>, off: boolean) => {
    setLoaded(result.loaded);
    if (result.status === 'saved') {
      await draftItem(origin).removeValue();
      setForm(null);
      setHasDraft(false);
      setOutcome({ kind: 'saved', off });
    } else if (result.status === 'conflict') {
      setOutcome({ kind: 'conflict', theirs: result.loaded });
    } else {
      setOutcome({ kind: 'mismatch', differences: result.differences });
    }
  };

  const save = async (force = false) => {
    if (!form || !loaded) return;
    const found = validateForm(form);
    setErrors(found);
    if (found.length) return;
    if (!form.enabled && !force && !confirmOff) {
      setConfirmOff(true);
      return;
    }
    setConfirmOff(false);
    setSaving(true);
    setOutcome(null);
    try {
      const result = form.enabled
        ? await send({ type: 'schedule.save', origin, store, request: requestFromForm(form, loaded.portal.standalone), expected: base, force })
        : await send({ type: 'schedule.delete', origin, store, expected: base, force });
      await finish(result, !form.enabled);
    } catch (e) {
      setOutcome({ kind: 'failed', failure: asFailure(e) });
    } finally {
      setSaving(false);
    }
  };

  const keepTheirs = async (theirs: LoadedSchedule) => {
    await draftItem(origin).removeValue();
    setForm(formFromSchedule(theirs.schedule, firstWeekday));
    setBase(theirs.fingerprint);
    setHasDraft(false);
    setOutcome(null);
  };

  return (
    <div class="portal-schedule" aria-busy={refreshing}>
      {refreshing && !loaded && !failure && (
        <p class="muted" role="status" data-testid="loading">
          {t('loading')}
        </p>
      )}
      {failure && <FailureNotice failure={failure} origin={origin} onRetry={refresh} />}
      {loaded && <ScheduleSummary loaded={loaded} />}
      <div role="status" aria-live="polite" class="live">
        {outcome?.kind === 'saved' && <p class="notice notice-ok">{outcome.off ? t('turnedOff') : t('savedVerified')}</p>}
      </div>
      {loaded && !form && (
        <div class="actions">
          <button type="button" class="button primary" onClick={startEditing}>
            {loaded.schedule ? t('editSchedule') : t('setUpSchedule')}
          </button>
          <button type="button" class="button" onClick={refresh} disabled={refreshing}>
            {t('refresh')}
          </button>
        </div>
      )}
      {form && loaded && (
        <form
          class="editor-form"
          aria-label={t('editorHeading')}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {hasDraft && <p class="muted">{t('unsavedChanges')}</p>}
          <ScheduleEditor
            form={form}
            update={update}
            errors={errors}
            portal={loaded.portal}
            options={options}
            origin={origin}
            store={store}
          />
          {errors.length > 0 && (
            <p class="field-error" role="alert">
              {t('fixFields')}
            </p>
          )}
          {confirmOff && (
            <div class="notice notice-warning" role="alertdialog" aria-label={t('confirmOffTitle')}>
              <p>{t('confirmOff')}</p>
              <div class="actions">
                <button type="button" class="button danger" onClick={() => void save(false).then(() => undefined)} data-testid="confirm-off">
                  {t('confirmOffButton')}
                </button>
                <button type="button" class="button" onClick={() => setConfirmOff(false)}>
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
                  <h3>{t('conflictTheirs')}</h3>
                  <ScheduleSummary loaded={outcome.theirs} />
                </div>
                <div>
                  <h3>{t('conflictYours')}</h3>
                  <ScheduleSummary
                    loaded={{ ...outcome.theirs, schedule: formAsSchedule(form, loaded.portal.standalone), target: undefined }}
                  />
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
          <div class="actions sticky">
            <button type="submit" class="button primary" disabled={saving}>
              {saving ? t('saving') : t('save')}
            </button>
            <button type="button" class="button" onClick={() => void discard()} disabled={saving}>
              {t('discard')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
