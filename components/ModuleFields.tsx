import type { ResponseOf } from '@/utils/pure/messages/protocol';
import { REQUIRED_PROPS, type FieldError } from '@/utils/pure/schedule/form';
import { Field, errorFor, fieldErrorId } from './Field';
import { S3Fields } from './S3Fields';

type Options = ResponseOf<'storage.options'>;

interface Props {
  module: string;
  storage: Options['storages'][number];
  props: Record<string, string>;
  setProps: (patch: Record<string, string>) => void;
  errors: FieldError[];
  regions: Options['regions'];
  idPrefix: string;
}

const BOOLEAN_PROPS = new Set(['forcepathstyle', 'usehttp']);

/** A third-party storage's own fields: S3 as the portal's Amazon form, the others as the portal lists them. */
export function ModuleFields({ module, storage, props, setProps, errors, regions, idPrefix }: Props) {
  if (module === 's3') return <S3Fields props={props} setProps={setProps} errors={errors} regions={regions} idPrefix={idPrefix} />;
  const setProp = (name: string, value: string) => setProps({ [name]: value });
  return (
    <>
      {storage.properties.map((p) => {
            const id = `${idPrefix}prop-${p.name}`;
            const error = errorFor(errors, `prop:${p.name}`);
            const required = (REQUIRED_PROPS[module] ?? []).includes(p.name);
            const label = `${p.title ?? p.name}${required ? ' *' : ''}`;
            const described = error ? fieldErrorId(error.field) : undefined;
            if (BOOLEAN_PROPS.has(p.name.toLowerCase())) {
              return (
                <div class="field checkbox" key={p.name}>
                  <label>
                    <input
                      type="checkbox"
                      checked={(props[p.name] ?? '').toLowerCase() === 'true'}
                      onChange={(e) => setProp(p.name, e.currentTarget.checked ? 'true' : 'false')}
                    />
                    {label}
                  </label>
                </div>
              );
            }
            return (
              <Field key={p.name} id={id} label={label} error={error}>
                <input
                  id={id}
                  type="text"
                  value={props[p.name] ?? ''}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={described}
                  onInput={(e) => setProp(p.name, e.currentTarget.value)}
                />
              </Field>
            );
      })}
    </>
  );
}
