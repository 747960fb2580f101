import type { ResponseOf } from '@/utils/pure/messages/protocol';
import type { FieldError, ScheduleForm } from '@/utils/pure/schedule/form';
import { t } from '@/utils/extension/i18n';
import { describeStorage } from '@/utils/extension/schedule-describe';
import { Field, describedBy, errorFor, fieldErrorId } from './Field';
import { RoomChooser } from './RoomChooser';
import { ModuleFields } from './ModuleFields';

type Options = ResponseOf<'storage.options'>;

interface Props {
  form: ScheduleForm;
  update: (patch: Partial<ScheduleForm>) => void;
  errors: FieldError[];
  options: Options | null;
  origin: string;
  cookieStoreId?: string;
  /** "Back up now" can also use the portal's temporary storage. */
  allowTemporary?: boolean;
  /** Keeps ids unique when two of these forms share a page. */
  idPrefix?: string;
}

/** Where the backups go: a backup room, the connected third-party folder or a third-party storage. */
export function StorageFields({ form, update, errors, options, origin, cookieStoreId, allowTemporary, idPrefix = '' }: Props) {
  const folderError = errorFor(errors, 'folder');
  const choose = (storage: ScheduleForm['storage']) => {
    const patch: Partial<ScheduleForm> = { storage };
    if (storage === 'thirdparty' && options?.thirdParty) {
      patch.thirdPartyFolderId = String(options.thirdParty.id);
      patch.thirdPartyFolderTitle = options.thirdParty.title;
    }
    if (storage === 'consumer' && !form.module && options) {
      // Like the portal: the first storage that is set up, else the first one.
      const first = options.storages.find((s) => s.isSet) ?? options.storages[0];
      if (first) patch.module = first.id;
    }
    update(patch);
  };
  const storage = options?.storages.find((s) => s.id === form.module);
  const props = form.moduleProps[form.module] ?? {};
  const setProps = (patch: Record<string, string>) => update({ moduleProps: { ...form.moduleProps, [form.module]: { ...props, ...patch } } });

  return (
    <fieldset class="fieldset">
      <legend>{allowTemporary ? t('backupWhere') : t('storageLegend')}</legend>
      <div class="radios" role="radiogroup" aria-label={t('storageLegend')}>
        {allowTemporary && (
          <label>
            <input type="radio" name={`${idPrefix}storage`} checked={form.storage === 'temporary'} onChange={() => choose('temporary')} />
            {t('storageTemporary')}
          </label>
        )}
        {form.otherStorage && (
          <label>
            <input type="radio" name={`${idPrefix}storage`} checked={form.storage === 'keep'} onChange={() => choose('keep')} />
            {t('keepStorage', describeStorage(form.otherStorage.storageType, form.otherStorage.storageParams, undefined))}
          </label>
        )}
        <label>
          <input type="radio" name={`${idPrefix}storage`} checked={form.storage === 'room'} onChange={() => choose('room')} />
          {t('storageRoom')}
        </label>
        <label>
          <input type="radio" name={`${idPrefix}storage`} checked={form.storage === 'thirdparty'} onChange={() => choose('thirdparty')} />
          {t('storageThirdPartyResource')}
        </label>
        <label>
          <input type="radio" name={`${idPrefix}storage`} checked={form.storage === 'consumer'} onChange={() => choose('consumer')} />
          {t('storageThirdPartyStorage')}
        </label>
      </div>

      {form.storage === 'room' && (
        <div class={`field${folderError ? ' has-error' : ''}`}>
          <span class="label" id={`${idPrefix}room-label`}>
            {t('backupRoom')}
          </span>
          <p class="chosen" id={`${idPrefix}room-chosen`}>
            {form.roomFolderTitle || (form.roomFolderId ? `#${form.roomFolderId}` : t('noFolderChosen'))}
          </p>
          <RoomChooser
            origin={origin}
            cookieStoreId={cookieStoreId}
            describedBy={[`${idPrefix}room-chosen`, describedBy(folderError)].filter(Boolean).join(' ')}
            onPick={(id, title) => update({ roomFolderId: id, roomFolderTitle: title })}
          />
          {folderError && (
            <p class="field-error" id={fieldErrorId('folder')}>
              {t(folderError.message as 'errChooseRoom')}
            </p>
          )}
        </div>
      )}

      {form.storage === 'thirdparty' && (
        <div class={`field${folderError ? ' has-error' : ''}`}>
          {options && !options.thirdParty && (
            <p class="notice notice-warning" data-testid="no-third-party" aria-describedby={describedBy(folderError)}>
              {t('noThirdPartyAccount')}{' '}
              <a href={`${origin}/portal-settings/integration/third-party-services`} target="_blank" rel="noreferrer">
                {t('popupThirdPartyServices')}
              </a>
            </p>
          )}
          {options?.thirdParty && <p class="chosen" aria-describedby={describedBy(folderError)}>{t('thirdPartyFolder', [options.thirdParty.title, options.thirdParty.providerKey ?? ''])}</p>}
          {!options && <p class="muted">{t('loading')}</p>}
          {folderError && (
            <p class="field-error" id={fieldErrorId('folder')}>
              {t(folderError.message as 'errChooseThirdPartyFolder')}
            </p>
          )}
        </div>
      )}

      {form.storage === 'consumer' && (
        <>
          <Field id={`${idPrefix}module`} label={t('storageService')} error={errorFor(errors, 'module')}>
            <select id={`${idPrefix}module`} aria-describedby={describedBy(errorFor(errors, 'module'))} value={form.module} onChange={(e) => update({ module: e.currentTarget.value })}>
              {!form.module && <option value="">{t('chooseOne')}</option>}
              {(options?.storages ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.isSet ? s.title : t('notSetUp', s.title)}
                </option>
              ))}
              {options && form.module && !storage && <option value={form.module}>{form.module}</option>}
            </select>
          </Field>
          {storage && !storage.isSet && (
            <p class="notice notice-warning">
              {t('storageNotSetUp')}{' '}
              <a href={`${origin}/portal-settings/integration/third-party-services?service=${storage.id}`} target="_blank" rel="noreferrer">
                {t('openPortalSettings')}
              </a>
            </p>
          )}
          {storage && (
            <ModuleFields module={form.module} storage={storage} props={props} setProps={setProps} errors={errors} regions={options?.regions ?? []} idPrefix={idPrefix} />
          )}
        </>
      )}
    </fieldset>
  );
}
