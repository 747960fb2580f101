import type { ResponseOf } from '@/utils/pure/messages/protocol';
import type { FieldError } from '@/utils/pure/schedule/form';
import { t, type MessageKey } from '@/utils/extension/i18n';
import { Field, errorFor, fieldErrorId } from './Field';

type Options = ResponseOf<'storage.options'>;

interface Props {
  props: Record<string, string>;
  setProps: (patch: Record<string, string>) => void;
  errors: FieldError[];
  regions: Options['regions'];
  idPrefix: string;
}

/** The S3 fields as the portal's own Amazon form names them, each with a line of help. */
const CHECKS: { name: string; label: MessageKey; help: MessageKey }[] = [
  { name: 'forcepathstyle', label: 'popupS3ForcePathStyle', help: 'popupS3ForcePathStyleHelp' },
  { name: 'usehttp', label: 'popupS3UseHttp', help: 'popupS3UseHttpHelp' },
];
/** The portal's encryption values (AmazonSettings.constants.ts): none is sent as no "sse" at all. */
const SSE: { value: string; label: MessageKey }[] = [
  { value: '', label: 'popupSseNone' },
  { value: 'aes256', label: 'popupSseS3' },
  { value: 'awskms', label: 'popupSseKms' },
  { value: 'clientawskms', label: 'popupSseClient' },
];

export function S3Fields({ props, setProps, errors, regions, idPrefix }: Props) {
  const id = (name: string) => `${idPrefix}prop-${name}`;
  const text = (name: string, label: string, help: string) => {
    const error = errorFor(errors, `prop:${name}`);
    const describedBy = [error ? fieldErrorId(error.field) : '', `${id(name)}-hint`].filter(Boolean).join(' ');
    return (
      <Field key={name} id={id(name)} label={label} error={error} hint={help}>
        <input
          id={id(name)}
          type="text"
          value={props[name] ?? ''}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onInput={(e) => setProps({ [name]: e.currentTarget.value })}
        />
      </Field>
    );
  };
  const sse = props.sse ?? '';
  const known = SSE.some((o) => o.value === sse);
  return (
    <>
      {text('bucket', `${t('popupS3Bucket')} *`, t('popupS3BucketHelp'))}
      <Field id={id('region')} label={t('popupS3Region')} error={errorFor(errors, 'prop:region')} hint={t('popupS3RegionHelp')}>
        {regions.length ? (
          <select id={id('region')} value={props.region ?? ''} aria-describedby={`${id('region')}-hint`} onChange={(e) => setProps({ region: e.currentTarget.value })}>
            <option value="">{t('chooseOne')}</option>
            {regions.map((r) => (
              <option key={r.systemName} value={r.systemName}>
                {`${r.displayName} (${r.systemName})`}
              </option>
            ))}
          </select>
        ) : (
          <input id={id('region')} type="text" value={props.region ?? ''} aria-describedby={`${id('region')}-hint`} onInput={(e) => setProps({ region: e.currentTarget.value })} />
        )}
      </Field>
      {text('serviceurl', t('popupS3ServiceUrl'), t('popupS3ServiceUrlHelp'))}
      {CHECKS.map((c) => (
        <div class="field checkbox" key={c.name}>
          <label>
            <input
              type="checkbox"
              aria-describedby={`${id(c.name)}-hint`}
              checked={(props[c.name] ?? '').toLowerCase() === 'true'}
              onChange={(e) => setProps({ [c.name]: e.currentTarget.checked ? 'true' : 'false' })}
            />
            {t(c.label)}
          </label>
          <p class="hint" id={`${id(c.name)}-hint`}>
            {t(c.help)}
          </p>
        </div>
      ))}
      <Field id={id('sse')} label={t('popupS3Sse')} hint={t('popupS3SseHelp')}>
        <select
          id={id('sse')}
          value={sse}
          aria-describedby={`${id('sse')}-hint`}
          // No key without a method that uses one.
          onChange={(e) => setProps(e.currentTarget.value === 'awskms' || e.currentTarget.value === 'clientawskms' ? { sse: e.currentTarget.value } : { sse: e.currentTarget.value, ssekey: '' })}
        >
          {SSE.map((o) => (
            <option key={o.value} value={o.value}>
              {t(o.label)}
            </option>
          ))}
          {!known && <option value={sse}>{sse}</option>}
        </select>
      </Field>
      {(sse === 'awskms' || sse === 'clientawskms') && text('ssekey', t('popupS3KmsKey'), t('popupS3KmsKeyHelp'))}
    </>
  );
}
