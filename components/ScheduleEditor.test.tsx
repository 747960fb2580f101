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
  it('has no on/off box: the form is the schedule to save (turning off is its own action)', () => {
    renderEditor(defaultForm());
    expect(screen.queryByTestId('enabled')).toBeNull();
    expect(select('period')).not.toBeNull();
    expect(document.getElementById('backupsStored')).not.toBeNull();
  });

  it('weekly: beside the weekday, the portal page shows it one day later', () => {
    renderEditor(form({ period: 1, weekday: 2 }));
    const note = screen.getByTestId('weekday-note');
    expect(note.textContent).toBe(message('popupWeekdayNote'));
    expect((select('weekday')!.getAttribute('aria-describedby') ?? '').split(' ')).toContain(note.parentElement!.id);
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

  it('copies: a stepper from 1 to 30 that takes no typo', () => {
    const { update } = renderEditor(form({ backupsStored: '10' }));
    const copies = screen.getByLabelText(message('copiesKept')) as HTMLInputElement;
    expect(copies.value).toBe('10');
    expect([copies.type, copies.min, copies.max]).toEqual(['number', '1', '30']);
    fireEvent.click(screen.getByRole('button', { name: message('popupMoreCopies') }));
    expect(update).toHaveBeenLastCalledWith({ backupsStored: '11' });
    fireEvent.click(screen.getByRole('button', { name: message('popupFewerCopies') }));
    expect(update).toHaveBeenLastCalledWith({ backupsStored: '9' });
    // Leaving the field with a number out of range brings it into range.
    fireEvent.blur(copies, { target: { value: '45' } });
    expect(update).toHaveBeenLastCalledWith({ backupsStored: '30' });
    fireEvent.blur(copies, { target: { value: '0' } });
    expect(update).toHaveBeenLastCalledWith({ backupsStored: '1' });
  });

  it('copies: at 30, More does nothing (and keeps the focus)', () => {
    const { update } = renderEditor(form({ backupsStored: '30' }));
    const more = screen.getByRole('button', { name: message('popupMoreCopies') });
    expect(more.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(more);
    expect(update).not.toHaveBeenCalled();
  });

  it('the dump checkbox is offered only on a standalone portal, under More options', () => {
    renderEditor(form());
    expect(screen.queryByLabelText(message('dumpLabel'))).toBeNull();
    expect(screen.queryByText(message('popupMoreOptions'))).toBeNull();
    cleanup();
    const { update } = renderEditor(form({ dump: false }), { portal: STANDALONE });
    const dump = screen.getByLabelText(message('dumpLabel')) as HTMLInputElement;
    const details = dump.closest('details')!;
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')?.textContent).toBe(message('popupMoreOptions'));
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
    const texts = (el: Element) => (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(texts(bucket)).toEqual(['Required.', message('popupS3BucketHelp')]);
    expect(texts(screen.getByLabelText('Region'))).toEqual([message('popupS3RegionHelp')]);
  });
});

describe('ScheduleEditor: storage forms', () => {
  const S3 = { id: 's3', title: 'Amazon AWS S3', isSet: true, current: false, properties: [{ name: 'bucket', title: 'Bucket' }, { name: 'sse', title: 'Server Side Encryption Method' }] };
  const optionsWith = (thirdParty: { id: string; title: string } | null) => ({ storages: [S3], regions: [], thirdParty, standalone: false });

  it('S3: the portal names, and the encryption method is a choice, with a KMS key only where one is used', () => {
    const update = vi.fn();
    const f = form({ storage: 'consumer', module: 's3', moduleProps: { s3: { bucket: 'b' } } });
    const view = render(<ScheduleEditor form={f} update={update} errors={[]} portal={SAAS} options={optionsWith(null)} origin={ORIGIN} />);
    for (const key of ['popupS3Region', 'popupS3ServiceUrl', 'popupS3ForcePathStyle', 'popupS3UseHttp']) expect(screen.getByLabelText(message(key))).toBeTruthy();
    const sse = screen.getByLabelText(message('popupS3Sse')) as HTMLSelectElement;
    expect(sse.tagName).toBe('SELECT');
    expect(Array.from(sse.options).map((o) => o.value)).toEqual(['', 'aes256', 'awskms', 'clientawskms']);
    expect(screen.queryByLabelText(message('popupS3KmsKey'))).toBeNull();
    fireEvent.change(sse, { target: { value: 'awskms' } });
    expect(update).toHaveBeenLastCalledWith({ moduleProps: { s3: { bucket: 'b', sse: 'awskms' } } });
    view.rerender(<ScheduleEditor form={{ ...f, moduleProps: { s3: { bucket: 'b', sse: 'awskms', ssekey: 'k' } } }} update={update} errors={[]} portal={SAAS} options={optionsWith(null)} origin={ORIGIN} />);
    expect((screen.getByLabelText(message('popupS3KmsKey')) as HTMLInputElement).value).toBe('k');
    // Back to none: the key goes with it.
    fireEvent.change(screen.getByLabelText(message('popupS3Sse')), { target: { value: '' } });
    expect(update).toHaveBeenLastCalledWith({ moduleProps: { s3: { bucket: 'b', sse: '', ssekey: '' } } });
  });

  it('third-party resource with no account: says how to connect it, with a link to the portal', () => {
    render(<ScheduleEditor form={form({ storage: 'thirdparty', thirdPartyFolderId: 'old-id' })} update={vi.fn()} errors={[]} portal={SAAS} options={optionsWith(null)} origin={ORIGIN} />);
    const notice = screen.getByTestId('no-third-party');
    expect(notice.textContent).toContain(message('noThirdPartyAccount'));
    expect(notice.querySelector('a')?.getAttribute('href')).toBe(`${ORIGIN}/portal-settings/integration/third-party-services`);
  });
});
