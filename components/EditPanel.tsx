import { useEffect, useRef, useState } from 'preact/hooks';
import { toFailure, type PortalFailure } from '@/utils/pure/docspace/failure';
import type { LoadedSchedule, ResponseOf } from '@/utils/pure/messages/protocol';
import { send } from '@/utils/pages/send';
import { t } from '@/utils/extension/i18n';
import { draftItem, type Draft, type DraftPage } from '@/utils/extension/schedule-draft';
import { pickBackupRoom, requestFromForm, validateForm, withConnectedFolder, type FieldError, type ScheduleForm } from '@/utils/pure/schedule/form';
import { formAsSchedule, initialForm } from '@/utils/pure/schedule/editor-start';
import { EditorNotices, type Outcome } from './EditorNotices';
import { useConfirmation } from './focus';
import { ScheduleEditor } from './ScheduleEditor';

export interface EditPanelProps {
  origin: string;
  cookieStoreId?: string;
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

/**
 * The schedule editor with its draft: every change is kept in extension
 * storage, so closing the page or a failed save loses nothing. Its footer
 * (Save, Discard, Turn off) stays in view while the form scrolls.
 */
export function EditPanel({ origin, cookieStoreId, loaded, draft, page = 'options', firstWeekday, onLoaded, onClose }: EditPanelProps) {
  const mine = draftItem(origin, page);
  const [form, setForm] = useState<ScheduleForm>(() => initialForm(loaded, draft, firstWeekday));
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
    // The first marked field, and in it the marked control itself (the copies stepper's − button comes before its input).
    const field = formRef.current?.querySelector<HTMLElement>('.has-error, [aria-invalid="true"]');
    const target = field?.matches('[aria-invalid="true"]')
      ? field
      : (field?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? field?.querySelector<HTMLElement>('input, select, button'));
    if (!target) return;
    focusError.current = false;
    target.focus();
  });

  useEffect(() => {
    send({ type: 'storage.options', origin, cookieStoreId }).then(setOptions, (e: unknown) => {
      // The editor still works without the lists (the real server 500s on a schedule without "module").
      setOptions(null);
      setStorageFailure(toFailure(e));
    });
  }, [origin, cookieStoreId]);

  // A new schedule proposes the room the room chooser offers first (a backup room if there is one).
  const proposing = !loaded.schedule && !draft;
  useEffect(() => {
    if (!proposing) return;
    let live = true;
    send({ type: 'folders.list', origin, cookieStoreId }).then(
      (rooms) => {
        const room = pickBackupRoom(rooms.folders);
        if (live && room) setForm((f) => (f.roomFolderId ? f : { ...f, roomFolderId: room.id, roomFolderTitle: room.title }));
      },
      () => undefined, // No rooms to offer: the admin chooses one, as before.
    );
    return () => {
      live = false;
    };
  }, [proposing, origin, cookieStoreId]);

  const update = (patch: Partial<ScheduleForm>) => {
    const next = { ...form, ...patch, enabled: true };
    setForm(next);
    setHasDraft(true);
    setOutcome(null);
    confirmOff.close();
    if (errors.length) setErrors(validateForm(next));
    void mine.setValue({ form: next, base, savedAt: Date.now() });
  };

  const discard = async () => {
    await mine.removeValue();
    onClose(null);
  };

  /** Saves the form, or deletes the schedule (`off`); `force` overrides an edit made elsewhere. */
  const run = async (off: boolean, force = false) => {
    if (saving) return;
    const sent = withConnectedFolder(form, options ? options.thirdParty : undefined);
    const found = off ? [] : validateForm(sent);
    setErrors(found);
    if (found.length) {
      focusError.current = true;
      return;
    }
    confirmOff.close();
    setSaving(true);
    setOutcome(null);
    try {
      const result = off
        ? await send({ type: 'schedule.delete', origin, cookieStoreId, expected: base, force })
        : await send({ type: 'schedule.save', origin, cookieStoreId, request: requestFromForm(sent, loaded.portal.standalone), expected: base, force });
      onLoaded(result.loaded);
      if (result.status === 'saved') {
        await mine.removeValue();
        onClose(off ? 'off' : 'on');
      } else if (result.status === 'conflict') {
        setOutcome({ kind: 'conflict', theirs: result.loaded, off });
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
    setForm(initialForm(theirs, null, firstWeekday));
    setBase(theirs.fingerprint);
    setHasDraft(false);
    setOutcome(null);
  };

  return (
    <form
      ref={formRef}
      class="editor-form"
      // Our own messages beside each field, not the browser's bubbles (the copies field has min/max).
      noValidate
      aria-label={t('editorHeading')}
      onSubmit={(e) => {
        e.preventDefault();
        void run(false);
      }}
    >
      {hasDraft && <p class="muted">{t('unsavedChanges')}</p>}
      {storageFailure && (
        <p class="notice notice-warning" role="alert" data-testid="storage-list-failed">
          {t('runStorageListFailed', ('message' in storageFailure && storageFailure.message) || String('status' in storageFailure ? storageFailure.status : storageFailure.kind))}
        </p>
      )}
      <ScheduleEditor form={form} update={update} errors={errors} portal={loaded.portal} options={options} origin={origin} cookieStoreId={cookieStoreId} />
      {errors.length > 0 && (
        <p class="field-error" role="alert">
          {t('fixFields')}
        </p>
      )}
      <EditorNotices
        outcome={outcome}
        mine={outcome?.kind === 'conflict' && outcome.off ? null : formAsSchedule(form, loaded.portal.standalone)}
        confirmingOff={!!confirmOff.asking}
        origin={origin}
        onConfirmOff={() => void run(true)}
        onCancelOff={confirmOff.cancel}
        onKeepMine={() => void run(outcome?.kind === 'conflict' && outcome.off, true)}
        onKeepTheirs={(theirs) => void keepTheirs(theirs)}
      />
      {/* Announced: the button's own label change is not. */}
      <p class="sr-only" role="status">
        {saving ? t('saving') : ''}
      </p>
      <div class="actions editor-footer" data-testid="editor-footer">
        {/* aria-disabled, not disabled: a disabled button drops the keyboard focus. */}
        <button type="submit" class="button primary" aria-disabled={saving}>
          {saving ? t('saving') : t('save')}
        </button>
        <button type="button" class="button" onClick={() => void discard()} disabled={saving}>
          {t('discard')}
        </button>
        {loaded.schedule && (
          <button type="button" class="button danger footer-end" aria-disabled={saving} ref={confirmOff.returnFocus(true)} onClick={() => !saving && confirmOff.ask(true)}>
            {t('popupTurnOff')}
          </button>
        )}
      </div>
    </form>
  );
}
