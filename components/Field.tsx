import type { ComponentChildren } from 'preact';
import type { FieldError, FieldId } from '@/utils/pure/schedule/form';
import { t, type MessageKey } from '@/utils/extension/i18n';

export function fieldErrorId(field: FieldId) {
  return `err-${field.replace(/[^a-z0-9-]/gi, '-')}`;
}

export function errorFor(errors: FieldError[], field: FieldId) {
  return errors.find((e) => e.field === field);
}

/** The aria-describedby that ties a control to its message, when it has one. */
export function describedBy(error: FieldError | undefined) {
  return error ? fieldErrorId(error.field) : undefined;
}

/** A labelled control with its message beside it; the control itself sets aria-describedby via describedBy(). */
export function Field(props: { id: string; label: string; error?: FieldError; hint?: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class={`field${props.error ? ' has-error' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field-error" id={fieldErrorId(props.error.field)}>
          {t(props.error.message as MessageKey)}
        </p>
      )}
    </div>
  );
}
