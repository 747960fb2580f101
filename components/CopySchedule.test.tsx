// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ScheduleDto } from '@/utils/pure/docspace/schemas';
import type { LoadedSchedule, PortalInfo, Reply, Request, ResponseOf } from '@/utils/pure/messages/protocol';
import { fingerprint } from '@/utils/pure/schedule/form';
import { message, mockI18n } from '@/tests/unit/i18n-mock';
import { CopySchedule } from './CopySchedule';

const A = 'https://a.example.com';
const B = 'https://b.example.com';
const C = 'https://c.example.com';
const D = 'https://d.example.com';
const portals: PortalInfo[] = [A, B, C, D].map((origin, i) => ({ origin, name: `Portal ${'ABCD'[i]}`, addedAt: i, granted: true }));

const weekly: ScheduleDto = {
  storageType: 0,
  storageParams: { folderId: '101' },
  cronParams: { period: 1, hour: 3, day: 2 },
  backupsStored: 7,
  lastBackupTime: '0001-01-01T00:00:00',
  dump: true,
};

function loadedOf(schedule: ScheduleDto | null, timezone = 'Europe/Berlin', standalone = true): LoadedSchedule {
  return { schedule, target: schedule ? { title: 'Backups' } : undefined, portal: { timezone, standalone }, fingerprint: fingerprint(schedule), fetchedAt: 0 };
}

function optionsOf(patch: Partial<ResponseOf<'storage.options'>> = {}): ResponseOf<'storage.options'> {
  return {
    storages: [
      { id: 's3', title: 'Amazon AWS S3', isSet: true, current: false, properties: [] },
      { id: 'rackspace', title: 'Rackspace Cloud Storage', isSet: false, current: false, properties: [] },
    ],
    regions: [],
    thirdParty: { id: 'sbox-2', title: 'Team Dropbox', providerKey: 'DropboxV2' },
    standalone: true,
    ...patch,
  };
}

const ok = (data: unknown): Reply => ({ ok: true, data });
let loads: Record<string, LoadedSchedule>;
let options: Record<string, ResponseOf<'storage.options'>>;
let save: (request: Extract<Request, { type: 'schedule.save' }>) => Reply | Promise<Reply>;
let sent: Request[];
let rootRooms: { id: number; title: string }[];

beforeEach(() => {
  fakeBrowser.reset();
  mockI18n('en-US');
  sent = [];
  rootRooms = [{ id: 103, title: 'Marketing' }];
  loads = { [A]: loadedOf(weekly), [B]: loadedOf(null, 'America/New_York'), [C]: loadedOf(null, 'Europe/Berlin', false), [D]: loadedOf(null) };
  options = { [A]: optionsOf(), [B]: optionsOf(), [C]: optionsOf({ standalone: false }), [D]: optionsOf() };
  save = (req) => {
    const stored = { ...weekly, ...req.request, storageParams: Object.fromEntries(req.request.storageParams.map((p) => [p.key, p.value])) };
    return ok({ status: 'saved', loaded: { ...loads[req.origin]!, schedule: stored, fingerprint: fingerprint(stored) } });
  };
  const fake = async (raw: unknown): Promise<Reply> => {
    const req = raw as Request;
    sent.push(req);
    switch (req.type) {
      case 'schedule.load':
        return ok(loads[req.origin]);
      case 'storage.options':
        return ok(options[req.origin]);
      case 'folders.list':
        return req.folderId === undefined
          ? ok({ folders: rootRooms, pathParts: [{ id: 1, title: 'Rooms' }] })
          : ok({ folders: [], current: { id: 103, title: 'Marketing' }, pathParts: [{ id: 1, title: 'Rooms' }, { id: 103, title: 'Marketing' }] });
      case 'schedule.save':
        return save(req);
      default:
        return { ok: false, failure: { kind: 'internal', message: req.type } };
    }
  };
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(fake as typeof fakeBrowser.runtime.sendMessage);
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const saves = () => sent.filter((r): r is Extract<Request, { type: 'schedule.save' }> => r.type === 'schedule.save');

async function tick(name: string) {
  render(<CopySchedule source={A} loaded={loads[A]!} portals={portals} />);
  await screen.findByTestId('copy-source');
  fireEvent.click(screen.getByRole('checkbox', { name }));
  return card(portals.find((p) => p.name === name)!.origin);
}

async function card(origin: string) {
  const el = await waitFor(() => {
    const found = document.querySelector<HTMLElement>(`[data-testid="copy-target"][data-origin="${origin}"]`);
    if (!found?.querySelector('[data-testid="copy-zone"]')) throw new Error('not loaded');
    return found;
  });
  return within(el);
}

async function pickRoom(target: Awaited<ReturnType<typeof card>>) {
  fireEvent.click(target.getByRole('button', { name: message('chooseFolder') }));
  fireEvent.click(await target.findByRole('button', { name: 'Marketing' }));
  fireEvent.click(await target.findByRole('button', { name: message('chooseThisFolder', 'Marketing') }));
  await target.findByText('Marketing');
}

const copyButton = () => screen.getByRole('button', { name: message('transferCopyButton') });

describe('CopySchedule', () => {
  it('offers the other portals, shows the source and says when there is nothing to copy', async () => {
    render(<CopySchedule source={A} loaded={loads[A]!} portals={portals} />);
    expect((await screen.findByTestId('copy-source')).textContent).toContain('Every Monday at 03:00 AM portal time (Europe/Berlin)');
    expect(screen.getAllByRole('checkbox').map((c) => c.closest('label')?.textContent)).toEqual(['Portal B', 'Portal C', 'Portal D']);
    cleanup();
    loads[A] = loadedOf(null);
    render(<CopySchedule source={A} loaded={loads[A]!} portals={portals} />);
    await screen.findByText(message('transferCopyNoSource'));
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it("shows the target's zone and keeps the portal-local hour unless asked for the same moment", async () => {
    const target = await tick('Portal B');
    expect(target.getByTestId('copy-zone').textContent).toBe('Time zone: America/New_York');
    const [portalHour, moment] = target.getAllByRole('radio') as HTMLInputElement[];
    expect(portalHour!.checked).toBe(true);
    expect(portalHour!.closest('label')!.textContent).toContain('Every Monday at 03:00 AM portal time (America/New_York)');
    expect(moment!.closest('label')!.textContent).toMatch(/Every Sunday at (09|08):00 PM portal time \(America\/New_York\)/);

    await pickRoom(target);
    fireEvent.click(copyButton());
    await waitFor(() => expect(saves()).toHaveLength(1));
    expect(saves()[0]).toMatchObject({
      origin: B,
      expected: 'none',
      force: false,
      request: { storageType: 0, storageParams: [{ key: 'folderId', value: '103' }], backupsStored: 7, cronParams: { period: 1, hour: 3, day: 2 }, dump: true },
    });
    expect((await target.findByTestId('copy-result')).dataset.status).toBe('saved');

    fireEvent.click(moment!);
    fireEvent.click(copyButton());
    await waitFor(() => expect(saves()).toHaveLength(2));
    expect(saves()[1]!.request.cronParams).toMatchObject({ period: 1, day: 1 });
    expect([20, 21]).toContain(saves()[1]!.request.cronParams.hour);
    // The second copy replaces what the first wrote, checked against its fingerprint.
    expect(saves()[1]!.expected).not.toBe('none');
  });

  it('sends nothing until a room is chosen, and leaves the dump out on a cloud portal', async () => {
    const target = await tick('Portal C');
    expect(target.getByText(message('noteDumpDropped'))).toBeTruthy();
    // Same zone: no hour choice.
    expect(target.queryAllByRole('radio')).toHaveLength(0);
    fireEvent.click(copyButton());
    expect((await target.findByTestId('copy-problems')).textContent).toBe(message('errChooseRoom'));
    expect(screen.getByTestId('copy-status').textContent).toBe(message('transferFixTargets'));
    expect(saves()).toHaveLength(0);
    await pickRoom(target);
    fireEvent.click(copyButton());
    await waitFor(() => expect(saves()).toHaveLength(1));
    expect(saves()[0]!.request.dump).toBe(false);
  });

  it('asks before replacing a schedule and sends that schedule’s fingerprint', async () => {
    const theirs = { ...weekly, cronParams: { period: 0, hour: 9, day: 0 }, dump: false };
    loads[D] = loadedOf(theirs);
    const target = await tick('Portal D');
    expect(target.getByText(/Now on this portal: Every day at 09:00 AM/)).toBeTruthy();
    await pickRoom(target);
    fireEvent.click(copyButton());
    expect((await target.findByTestId('copy-problems')).textContent).toBe(message('transferReplaceNeeded'));
    expect(saves()).toHaveLength(0);
    fireEvent.click(target.getByRole('checkbox', { name: message('transferReplace') }));
    fireEvent.click(copyButton());
    await waitFor(() => expect(saves()).toHaveLength(1));
    expect(saves()[0]!.expected).toBe(fingerprint(theirs));
  });

  it('shows each portal’s own outcome: one failing never stops the others', async () => {
    render(<CopySchedule source={A} loaded={loads[A]!} portals={portals} />);
    await screen.findByTestId('copy-source');
    for (const name of ['Portal B', 'Portal C', 'Portal D']) fireEvent.click(screen.getByRole('checkbox', { name }));
    const cards = await Promise.all([B, C, D].map(card));
    for (const target of cards) await pickRoom(target);
    const changed = loadedOf({ ...weekly, cronParams: { period: 0, hour: 1, day: 0 } });
    save = (req) => {
      if (req.origin === B) return { ok: false, failure: { kind: 'signed-out' } };
      if (req.origin === C) return ok({ status: 'conflict', loaded: changed });
      return ok({ status: 'mismatch', loaded: changed, differences: [{ field: 'backupsStored', sent: '7', stored: '5' }] });
    };
    fireEvent.click(copyButton());
    await waitFor(() => expect(screen.getByTestId('copy-status').textContent).toBe('Copied to 0 of 3 portals.'));
    expect(saves().map((s) => s.origin).sort()).toEqual([B, C, D]);
    const [b, c, d] = cards.map((target) => target.getByTestId('copy-result'));
    expect(b!.dataset.status).toBe('failed');
    expect(b!.textContent).toContain(message('errSignedOut'));
    expect(c!.dataset.status).toBe('conflict');
    expect(c!.textContent).toBe(message('transferConflict'));
    // The conflict brought the portal's schedule: it must be confirmed before replacing it.
    expect(cards[1]!.getByRole('checkbox', { name: message('transferReplace') })).toBeTruthy();
    expect(d!.dataset.status).toBe('mismatch');
    expect(d!.textContent).toContain('backupsStored: sent 7, stored 5');
  });

  it('carries a third-party storage only where it is set up, and uses the target’s own resource folder', async () => {
    loads[A] = loadedOf({ ...weekly, storageType: 5, storageParams: { module: 'rackspace', private_container: 'p', public_container: 'q', region: 'DFW', apikey: 'secret' } });
    let target = await tick('Portal B');
    expect(target.getByText(message('noteStorageNotSet', 'Rackspace Cloud Storage'))).toBeTruthy();
    expect(target.getByText(message('noteSecretsDropped', 'apikey'))).toBeTruthy();
    fireEvent.click(copyButton());
    await screen.findByText(message('transferFixTargets'));
    expect(saves()).toHaveLength(0);

    cleanup();
    loads[A] = loadedOf({ ...weekly, storageType: 1, storageParams: { folderId: 'sbox-1' } });
    options[C] = optionsOf({ thirdParty: null, standalone: false });
    render(<CopySchedule source={A} loaded={loads[A]!} portals={portals} />);
    await screen.findByTestId('copy-source');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Portal B' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Portal C' }));
    target = await card(B);
    expect(target.getByText(/Backups go to the third-party folder Team Dropbox/)).toBeTruthy();
    expect((await card(C)).getByText(message('noteNoThirdParty'))).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Portal C' }));
    fireEvent.click(copyButton());
    await waitFor(() => expect(saves()).toHaveLength(1));
    expect(saves()[0]!.request.storageParams).toEqual([{ key: 'folderId', value: 'sbox-2' }]);
  });

  it('uses the page’s schedule of the source (no second load) and chooses the target’s room of the same name', async () => {
    rootRooms = [{ id: 103, title: 'Marketing' }, { id: 104, title: 'backups ' }];
    const target = await tick('Portal B');
    expect(sent.filter((r) => r.type === 'schedule.load' && r.origin === A)).toHaveLength(0);
    expect(sent.some((r) => r.type === 'folders.list' && r.origin === B && r.folderId === undefined)).toBe(true);
    expect(target.getByText('backups')).toBeTruthy();
    expect(target.getByText(message('detailCopyRoomSame'))).toBeTruthy();
    fireEvent.click(copyButton());
    await waitFor(() => expect(saves()).toHaveLength(1));
    expect(saves()[0]!.request.storageParams).toEqual([{ key: 'folderId', value: '104' }]);
  });
});
