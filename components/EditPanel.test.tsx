// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ScheduleDto } from '@/utils/pure/docspace/schemas';
import type { LoadedSchedule, Reply, Request, RequestType } from '@/utils/pure/messages/protocol';
import { fingerprint } from '@/utils/pure/schedule/form';
import { message, mockI18n } from '@/tests/unit/i18n-mock';
import { weeklySchedule } from '@/tests/unit/schedules';
import { EditPanel } from './EditPanel';

const PORTAL = 'https://portal.example.com';
const loadedOf = (schedule: ScheduleDto | null): LoadedSchedule => ({
  schedule,
  target: schedule ? { title: 'Backups' } : undefined,
  portal: { timezone: 'UTC', standalone: false },
  fingerprint: fingerprint(schedule),
  fetchedAt: 1,
});
const ROOMS = { folders: [{ id: 103, title: 'Marketing', roomType: 6 }, { id: 101, title: 'Backups', roomType: 5 }], pathParts: [] };

let sent: Request[];
let handlers: Partial<Record<RequestType, (r: Request) => Reply>>;
const ok = (data: unknown): Reply => ({ ok: true, data });
const sentOf = <T extends RequestType>(type: T) => sent.filter((r): r is Extract<Request, { type: T }> => r.type === type);

beforeEach(() => {
  fakeBrowser.reset();
  mockI18n('en-GB');
  sent = [];
  handlers = {
    'storage.options': () => ok({ storages: [], regions: [], thirdParty: null, standalone: false }),
    'folders.list': () => ok(ROOMS),
  };
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (request: unknown) => {
    const req = request as Request;
    sent.push(req);
    const handler = handlers[req.type];
    return handler ? handler(req) : { ok: false, failure: { kind: 'internal', message: `no handler for ${req.type}` } };
  }) as typeof fakeBrowser.runtime.sendMessage);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function renderPanel(loaded: LoadedSchedule) {
  const onClose = vi.fn();
  render(<EditPanel origin={PORTAL} loaded={loaded} draft={null} page="popup" firstWeekday={2} onLoaded={vi.fn()} onClose={onClose} />);
  return { onClose };
}
const save = () => fireEvent.click(screen.getByRole('button', { name: message('save') }));

describe('EditPanel: one-click setup', () => {
  it('a portal with no schedule gets a ready form: the backup room, daily at 02:00, 7 copies; Save sends it', async () => {
    handlers['schedule.save'] = () => ok({ status: 'saved', loaded: loadedOf(weeklySchedule()) });
    const { onClose } = renderPanel(loadedOf(null));
    await screen.findByText('Backups');
    // No turn-off button: there is nothing to turn off.
    expect(screen.queryByRole('button', { name: message('popupTurnOff') })).toBeNull();
    save();
    await waitFor(() => expect(onClose).toHaveBeenCalledWith('on'));
    expect(sentOf('schedule.save')[0]?.request).toEqual({
      storageType: 0,
      storageParams: [{ key: 'folderId', value: '101' }],
      backupsStored: 7,
      cronParams: { period: 0, hour: 2, day: 0 },
      dump: false,
    });
  });
});

describe('EditPanel: notices', () => {
  it('a conflict takes the focus and is scrolled into view', async () => {
    const scrolled = vi.fn();
    HTMLElement.prototype.scrollIntoView = scrolled;
    const theirs = loadedOf({ ...weeklySchedule(), backupsStored: 2 });
    handlers['schedule.save'] = () => ok({ status: 'conflict', loaded: theirs });
    renderPanel(loadedOf(weeklySchedule()));
    save();
    const conflict = await screen.findByText(message('conflict'));
    await waitFor(() => expect(document.activeElement).toBe(conflict.closest('.conflict')));
    expect(scrolled).toHaveBeenCalled();
  });

  it('turning off: one button, a confirmation, then schedule.delete', async () => {
    handlers['schedule.delete'] = () => ok({ status: 'saved', loaded: loadedOf(null) });
    const { onClose } = renderPanel(loadedOf(weeklySchedule()));
    fireEvent.click(screen.getByRole('button', { name: message('popupTurnOff') }));
    expect(sentOf('schedule.delete')).toEqual([]);
    fireEvent.click(await screen.findByTestId('confirm-off'));
    await waitFor(() => expect(onClose).toHaveBeenCalledWith('off'));
    expect(sentOf('schedule.delete')).toHaveLength(1);
    expect(sentOf('schedule.save')).toEqual([]);
  });

  it('a third-party resource with no account connected now sends nothing and says so', async () => {
    const old = { ...weeklySchedule(), storageType: 1, storageParams: { folderId: 'old-folder' } };
    renderPanel(loadedOf(old));
    await screen.findByTestId('no-third-party');
    save();
    await screen.findByText(message('fixFields'));
    expect(sentOf('schedule.save')).toEqual([]);
  });
});
