import { clampCopies, type FieldError } from '@/utils/pure/schedule/form';
import { t } from '@/utils/extension/i18n';
import { Field, fieldErrorId } from './Field';

interface Props {
  value: string;
  onChange: (value: string) => void;
  error?: FieldError;
}

/**
 * Copies to keep, 1 to 30, that cannot take a typo: − and + buttons, a number
 * field whose arrow keys step, that takes digits only and, once left, holds a
 * number from 1 to 30.
 */
export function CopiesStepper({ value, onChange, error }: Props) {
  const n = Number(value);
  const step = (by: number) => onChange(clampCopies(Number.isFinite(n) ? n + by : by));
  return (
    <Field id="backupsStored" label={t('copiesKept')} error={error} hint={t('copiesKeptHint')}>
      <div class="stepper">
        <button type="button" class="button stepper-step" aria-label={t('popupFewerCopies')} aria-controls="backupsStored" aria-disabled={n <= 1} onClick={() => n > 1 && step(-1)}>
          −
        </button>
        <input
          id="backupsStored"
          type="number"
          inputMode="numeric"
          min={1}
          max={30}
          step={1}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? fieldErrorId('backupsStored') : undefined}
          onInput={(e) => {
            const digits = e.currentTarget.value.replace(/\D/g, '').slice(0, 2);
            if (digits !== e.currentTarget.value) e.currentTarget.value = digits;
            onChange(digits);
          }}
          onBlur={(e) => {
            const fixed = clampCopies(e.currentTarget.value, clampCopies(value));
            if (fixed !== value) onChange(fixed);
          }}
        />
        <button type="button" class="button stepper-step" aria-label={t('popupMoreCopies')} aria-controls="backupsStored" aria-disabled={n >= 30} onClick={() => n < 30 && step(1)}>
          +
        </button>
      </div>
    </Field>
  );
}
