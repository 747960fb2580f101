// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PortalContext } from '@/utils/pure/messages/protocol';
import { defaultForm, type FieldError, type ScheduleForm } from '@/utils/pure/schedule/form';
import { message, mockI18n } from '@/tests/unit/i18n-mock';
import { ScheduleEditor } from './ScheduleEditor';

const ORIGIN = 'https://portal.example.com';
const SAAS: PortalContext = { timezone: 'UTC', standalone: false };
const STANDALONE: PortalContext = { timezone: 'UTC', standalone: true };

function form(patch: Partial<ScheduleForm> = {}): ScheduleForm {
  return { ...defaultForm(1), enabled: true, roomFolderId: '12345', ...patch };
}

function renderEditor(f: ScheduleForm, { errors = [] as FieldError[], portal = SAAS } = {}) {
  const update = vi.fn();
  const view = render(<ScheduleEditor form={f} update={update} errors={errors} portal={portal} options={null} origin={ORIGIN} />);
  return { update, ...view };
}

const select = (id: string) => document.getElementById(id) as HTMLSelectElement | null;

beforeEach(() => {
  fakeBrowser.reset();
  mockI18n('en-US');
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('ScheduleEditor', () => {
  it('turned off, shows only the switch', () => {
    const { update } = renderEditor(defaultForm());
    const toggle = screen.getByTestId('enabled') as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    expect(select('period')).toBeNull();
    expect(document.getElementById('backupsStored')).toBeNull();
    fireEvent.click(toggle);
    expect(update).toHaveBeenCalledWith({ enabled: true });
  });

  it('daily: no weekday and no month-day select', () => {
    renderEditor(form({ period: 0 }));
    expect(select('period')?.value).toBe('0');
    expect(select('weekday')).toBeNull();
    expect(select('monthDay')).toBeNull();
    expect(select('hour')?.options).toHaveLength(24);
  });

  it('weekly: a weekday select in Quartz numbering, ordered for the locale (en-US starts on Sunday)', () => {
    renderEditor(form({ period: 1, weekday: 2 }));
    const weekday = select('weekday');
    expect(weekday).not.toBeNull();
    expect(select('monthDay')).toBeNull();
    const options = Array.from(weekday!.options).map((o) => [o.value, o.textContent]);
    expect(options).toEqual([
      ['1', 'Sunday'],
      ['2', 'Monday'],
      ['3', 'Tuesday'],
      ['4', 'Wednesday'],
      ['5', 'Thursday'],
      ['6', 'Friday'],
      ['7', 'Saturday'],
    ]);
    expect(weekday!.value).toBe('2');
    expect(screen.getByLabelText(message('weekday'))).toBe(weekday);
  });

  it('weekly in a Monday-first locale lists Monday first, with the same values', () => {
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-GB');
    renderEditor(form({ period: 1, weekday: 1 }));
    const values = Array.from(select('weekday')!.options).map((o) => o.value);
    expect(values).toEqual(['2', '3', '4', '5', '6', '7', '1']);
  });

  it('picking a weekday sends its Quartz number', () => {
    const { update } = renderEditor(form({ period: 1, weekday: 2 }));
    fireEvent.change(select('weekday')!, { target: { value: '6' } });
    expect(update).toHaveBeenCalledWith({ weekday: 6 });
  });

  it('monthly: a month-day select, and no warning up to day 28', () => {
    renderEditor(form({ period: 2, monthDay: 28 }));
    expect(select('monthDay')?.options).toHaveLength(31);
    expect(select('weekday')).toBeNull();
    expect(screen.queryByText(/are skipped/)).toBeNull();
  });

  it.each([29, 30, 31])('monthly on day %i warns that shorter months are skipped', (monthDay) => {
    renderEditor(form({ period: 2, monthDay }));
    expect(screen.getByText(message('monthDayWarning', String(monthDay)))).toBeTruthy();
    expect(screen.getByText(`Months without a day ${monthDay} are skipped: no backup runs in them.`)).toBeTruthy();
  });

  it('changing the period and the hour sends numbers', () => {
    const { update } = renderEditor(form({ period: 0 }));
    fireEvent.change(select('period')!, { target: { value: '2' } });
    expect(update).toHaveBeenCalledWith({ period: 2 });
    fireEvent.change(select('hour')!, { target: { value: '23' } });
    expect(update).toHaveBeenCalledWith({ hour: 23 });
  });

  it('the hour label names the portal time zone', () => {
    renderEditor(form(), { portal: { timezone: 'Asia/Kathmandu', standalone: false } });
    expect(screen.getByLabelText("Time, in the portal's time zone (Asia/Kathmandu)")).toBe(select('hour'));
  });

  it('typed copies stay text', () => {
    const { update } = renderEditor(form({ backupsStored: '10' }));
    const copies = screen.getByLabelText(message('copiesKept')) as HTMLInputElement;
    expect(copies.value).toBe('10');
    fireEvent.input(copies, { target: { value: 'abc' } });
    expect(update).toHaveBeenCalledWith({ backupsStored: 'abc' });
  });

  it('the dump checkbox is offered only on a standalone portal', () => {
    renderEditor(form());
    expect(screen.queryByLabelText(message('dumpLabel'))).toBeNull();
    cleanup();
    const { update } = renderEditor(form({ dump: false }), { portal: STANDALONE });
    const dump = screen.getByLabelText(message('dumpLabel')) as HTMLInputElement;
    expect(dump.checked).toBe(false);
    fireEvent.click(dump);
    expect(update).toHaveBeenCalledWith({ dump: true });
  });

  it('shows the copies error beside the field, tied by aria-describedby', () => {
    renderEditor(form({ backupsStored: '31' }), { errors: [{ field: 'backupsStored', message: 'errCopiesRange' }] });
    const copies = screen.getByLabelText(message('copiesKept')) as HTMLInputElement;
    expect(copies.getAttribute('aria-invalid')).toBe('true');
    const describedBy = copies.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    const error = document.getElementById(describedBy!);
    expect(error?.textContent).toBe('Enter a number from 1 to 30.');
    // Beside it: in the same field container.
    expect(copies.closest('.field')?.contains(error!)).toBe(true);
    expect(copies.closest('.field')?.classList.contains('has-error')).toBe(true);
  });

  it('without errors, the copies field is not marked', () => {
    renderEditor(form());
    const copies = screen.getByLabelText(message('copiesKept'));
    expect(copies.getAttribute('aria-invalid')).toBeNull();
    expect(copies.getAttribute('aria-describedby')).toBeNull();
    expect(document.querySelector('.field-error')).toBeNull();
  });

  it.each<[FieldError, string, Partial<ScheduleForm>]>([
    [{ field: 'hour', message: 'errHour' }, 'hour', { hour: 24 }],
    [{ field: 'weekday', message: 'errWeekday' }, 'weekday', { period: 1, weekday: 0 }],
    [{ field: 'monthDay', message: 'errMonthDay' }, 'monthDay', { period: 2, monthDay: 0 }],
  ])('shows the %j error in the field of #%s', (error, id, patch) => {
    renderEditor(form(patch), { errors: [error] });
    const control = select(id)!;
    const text = document.getElementById(`err-${error.field}`);
    expect(text?.textContent).toBe(message(error.message));
    expect(control.closest('.field')?.contains(text!)).toBe(true);
  });

  it('ties the room error and the chosen room to the "Choose" button', () => {
    renderEditor(form({ roomFolderId: '' }), { errors: [{ field: 'folder', message: 'errChooseRoom' }] });
    const button = screen.getByRole('button', { name: message('chooseFolder') });
    const ids = (button.getAttribute('aria-describedby') ?? '').split(' ');
    expect(ids.map((id) => document.getElementById(id)?.textContent)).toEqual([
      message('noFolderChosen'),
      'Choose the room or folder to back up to.',
    ]);
  });

  it('ties a required storage field to its error', () => {
    const options = {
      storages: [
        {
          id: 's3',
          title: 'Amazon AWS S3',
          isSet: true,
          current: false,
          properties: [{ name: 'bucket', title: 'Bucket' }, { name: 'region', title: 'Region' }],
        },
      ],
      regions: [],
      thirdParty: null,
      standalone: false,
    };
    render(
      <ScheduleEditor
        form={form({ storage: 'consumer', module: 's3', moduleProps: {} })}
        update={vi.fn()}
        errors={[{ field: 'prop:bucket', message: 'errRequired' }]}
        portal={SAAS}
        options={options}
        origin={ORIGIN}
      />,
    );
    const bucket = screen.getByLabelText('Bucket *');
    expect(bucket.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(bucket.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Required.');
    expect(screen.getByLabelText('Region').getAttribute('aria-describedby')).toBeNull();
  });
});
