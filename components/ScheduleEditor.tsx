import type { PortalContext, ResponseOf } from '@/utils/pure/messages/protocol';
import { orderedWeekdays, weekdayName } from '@/utils/pure/docspace/week';
import { formatHour } from '@/utils/extension/format';
import { t, uiLanguage } from '@/utils/extension/i18n';
import { localEquivalent } from '@/utils/extension/schedule-describe';
import type { FieldError, ScheduleForm } from '@/utils/pure/schedule/form';
import { CopiesStepper } from './CopiesStepper';
import { Field, describedBy, errorFor } from './Field';
import { StorageFields } from './StorageFields';
import { periodOf } from '@/utils/pure/schedule/cron';

interface Props {
  form: ScheduleForm;
  update: (patch: Partial<ScheduleForm>) => void;
  errors: FieldError[];
  portal: PortalContext;
  options: ResponseOf<'storage.options'> | null;
  origin: string;
  cookieStoreId?: string;
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const MONTH_DAYS = Array.from({ length: 31 }, (_, d) => d + 1);

/** Everything the portal's own "Automatic backup" page can set, with more explanation. */
export function ScheduleEditor({ form, update, errors, portal, options, origin, cookieStoreId }: Props) {
  const locale = uiLanguage();
  const local = localEquivalent(form.hour, portal.timezone);
  const copiesError = errorFor(errors, 'backupsStored');
  return (
    <div class="editor">
      <StorageFields form={form} update={update} errors={errors} options={options} origin={origin} cookieStoreId={cookieStoreId} />
      <fieldset class="fieldset">
        <legend>{t('whenLegend')}</legend>
        <Field id="period" label={t('period')}>
          <select id="period" value={String(form.period)} onChange={(e) => update({ period: periodOf(Number(e.currentTarget.value)) })}>
            <option value="0">{t('everyDay')}</option>
            <option value="1">{t('everyWeek')}</option>
            <option value="2">{t('everyMonth')}</option>
          </select>
        </Field>
        {form.period === 1 && (
          <Field id="weekday" label={t('weekday')} error={errorFor(errors, 'weekday')} hint={<span data-testid="weekday-note">{t('popupWeekdayNote')}</span>}>
            <select id="weekday" aria-describedby={[describedBy(errorFor(errors, 'weekday')), 'weekday-hint'].filter(Boolean).join(' ')} value={String(form.weekday)} onChange={(e) => update({ weekday: Number(e.currentTarget.value) })}>
              {/* The value is the server's own: 1 = Sunday … 7 = Saturday. */}
              {orderedWeekdays(locale).map((d) => (
                <option key={d} value={String(d)}>
                  {weekdayName(d, locale, 'long')}
                </option>
              ))}
            </select>
          </Field>
        )}
        {form.period === 2 && (
          <Field
            id="monthDay"
            label={t('monthDay')}
            error={errorFor(errors, 'monthDay')}
            hint={form.monthDay >= 29 ? <span class="warning">{t('monthDayWarning', String(form.monthDay))}</span> : undefined}
          >
            <select id="monthDay" aria-describedby={describedBy(errorFor(errors, 'monthDay'))} value={String(form.monthDay)} onChange={(e) => update({ monthDay: Number(e.currentTarget.value) })}>
              {MONTH_DAYS.map((d) => (
                <option key={d} value={String(d)}>
                  {String(d)}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field
          id="hour"
          label={t('hourLabel', portal.timezone)}
          error={errorFor(errors, 'hour')}
          hint={local ? <span data-testid="local-hour">{t('yourTime', local)}</span> : undefined}
        >
          <select id="hour" aria-describedby={describedBy(errorFor(errors, 'hour'))} value={String(form.hour)} onChange={(e) => update({ hour: Number(e.currentTarget.value) })}>
            {HOURS.map((h) => (
              <option key={h} value={String(h)}>
                {formatHour(h)}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>
      <CopiesStepper value={form.backupsStored} error={copiesError} onChange={(backupsStored) => update({ backupsStored })} />
      {portal.standalone && (
        // Self-hosted only (the server refuses a dump elsewhere), and rarely wanted: folded away.
        <details class="more-options" open={form.dump || undefined}>
          <summary>{t('popupMoreOptions')}</summary>
          <div class="field checkbox">
            <label>
              <input type="checkbox" checked={form.dump} onChange={(e) => update({ dump: e.currentTarget.checked })} />
              {t('dumpLabel')}
            </label>
            <p class="hint">{t('dumpHint')}</p>
          </div>
        </details>
      )}
    </div>
  );
}
