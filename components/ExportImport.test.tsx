// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ScheduleDto } from '@/utils/pure/docspace/schemas';
import type { LoadedSchedule, PortalInfo, Reply, Request } from '@/utils/pure/messages/protocol';
import { draftItem } from '@/utils/extension/schedule-draft';
import { defaultForm, fingerprint } from '@/utils/pure/schedule/form';
import { exportSchedule, serializeScheduleFile } from '@/utils/pure/schedule/schedule-file';
import { message, mockI18n } from '@/tests/unit/i18n-mock';
import { ExportImport } from './ExportImport';

const A = 'https://a.example.com';
const B = 'https://b.example.com';
const portals: PortalInfo[] = [
  { origin: A, name: 'Portal A', addedAt: 0, granted: true },
  { origin: B, name: 'Portal B', addedAt: 1, granted: true },
];

const s3: ScheduleDto = {
  storageType: 5,
  storageParams: { module: 's3', bucket: 'company', accesskey: 'AKIAEXAMPLE', secretaccesskey: 'wJalrXUtnFEMI' },
  cronParams: { period: 1, hour: 3, day: 2 },
  backupsStored: 7,
  lastBackupTime: '0001-01-01T00:00:00',
  dump: false,
};
const room: ScheduleDto = { ...s3, storageType: 0, storageParams: { folderId: '101' } };

function loadedOf(schedule: ScheduleDto | null, timezone = 'Europe/Berlin'): LoadedSchedule {
  return { schedule, target: schedule ? { title: 'Backups' } : undefined, portal: { timezone, standalone: true }, fingerprint: fingerprint(schedule), fetchedAt: 0 };
}

const ok = (data: unknown): Reply => ({ ok: true, data });
let loads: Record<string, LoadedSchedule>;
let rooms: Record<string, string>;
let downloads: { name: string; text: Promise<string> }[];
let onImported: Mock<(origin: string) => void>;

beforeEach(() => {
  fakeBrowser.reset();
  mockI18n('en-US');
  loads = { [A]: loadedOf(s3), [B]: loadedOf(null, 'America/New_York') };
  rooms = {};
  downloads = [];
  onImported = vi.fn<(origin: string) => void>();
  const fake = async (raw: unknown): Promise<Reply> => {
    const req = raw as Request;
    switch (req.type) {
      case 'schedule.load':
        return loads[req.origin] ? ok(loads[req.origin]) : { ok: false, failure: { kind: 'signed-out' } };
      case 'storage.options':
        return ok({ storages: [], regions: [], thirdParty: null, standalone: true });
      case 'folders.list': {
        const title = rooms[`${req.origin}#${req.folderId}`];
        return title ? ok({ folders: [], current: { id: Number(req.folderId), title }, pathParts: [] }) : { ok: false, failure: { kind: 'not-found' } };
      }
      default:
        return { ok: false, failure: { kind: 'internal', message: req.type } };
    }
  };
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(fake as typeof fakeBrowser.runtime.sendMessage);
  // Catch the download: the blob's text and the file name of the clicked link.
  let blob: Blob | undefined;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
    blob = b as Blob;
    return 'blob:schedule';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, text: blob!.text() });
  });
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function chooseFile(content: string, name = 'schedule.json') {
  const input = screen.getByLabelText(message('importFile')) as HTMLInputElement;
  const file = new File([content], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

const importButton = () => screen.getByRole('button', { name: message('importButton') });
const fileOf = (schedule: ScheduleDto, origin = A) => serializeScheduleFile(exportSchedule(origin, loadedOf(schedule))!);

describe('ExportImport: export', () => {
  it('downloads the schedule without its secrets', async () => {
    render(<ExportImport origin={A} loaded={loads[A] ?? null} portals={portals} onImported={onImported} />);
    fireEvent.click(screen.getByRole('button', { name: message('exportButton') }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]!.name).toMatch(/^docspace-backup-schedule-a\.example\.com-\d{4}-\d{2}-\d{2}\.json$/);
    const text = await downloads[0]!.text;
    expect(text).not.toContain('AKIAEXAMPLE');
    expect(text).not.toContain('wJalrXUtnFEMI');
    expect(JSON.parse(text)).toMatchObject({ format: 'docspace-backup-schedule', version: 1, schedule: { storageParams: { module: 's3', bucket: 'company' } }, omitted: ['accesskey', 'secretaccesskey'] });
    const status = screen.getByTestId('export-status').textContent;
    expect(status).toContain(message('exported', downloads[0]!.name));
    expect(status).toContain(message('noteSecretsDropped', 'accesskey, secretaccesskey'));
  });

  it('says when there is nothing to export', async () => {
    loads[A] = loadedOf(null);
    render(<ExportImport origin={A} loaded={loads[A] ?? null} portals={portals} onImported={onImported} />);
    fireEvent.click(screen.getByRole('button', { name: message('exportButton') }));
    await screen.findByText(message('exportNothing'));
    expect(downloads).toHaveLength(0);
  });
});

describe('ExportImport: import', () => {
  it('asks for a file first', async () => {
    render(<ExportImport origin={A} loaded={loads[A] ?? null} portals={portals} onImported={onImported} />);
    fireEvent.click(importButton());
    expect((await screen.findByRole('alert')).textContent).toBe(message('importChooseFile'));
  });

  it('lists every problem of a bad file and leaves the current edits alone', async () => {
    const draft = { form: { ...defaultForm(), enabled: true, backupsStored: '12' }, base: 'none', savedAt: 1 };
    await draftItem(A).setValue(draft);
    render(<ExportImport origin={A} loaded={loads[A] ?? null} portals={portals} onImported={onImported} />);
    chooseFile('{"format": "docspace-backup-schedule", "version": 1, "schedule": {"period": 1, "hour": 30, "day": 9, "backupsStored": 3, "storageType": 0}}');
    fireEvent.click(importButton());
    const alert = await screen.findByTestId('import-problems');
    expect(alert.textContent).toContain(message('importInvalid'));
    expect(alert.textContent).toContain('schedule.hour: Choose an hour from 0 to 23.');
    chooseFile('not json');
    fireEvent.click(importButton());
    await waitFor(() => expect(screen.getByTestId('import-problems').textContent).toContain(message('importNotJson')));
    chooseFile(JSON.stringify({ format: 'something-else' }));
    fireEvent.click(importButton());
    await waitFor(() => expect(screen.getByTestId('import-problems').textContent).toContain(message('importNotScheduleFile', 'docspace-backup-schedule')));
    expect(await draftItem(A).getValue()).toEqual(draft);
    expect(onImported).not.toHaveBeenCalled();
  });

  it('opens the file as a draft on the chosen portal, re-picking a room it does not have', async () => {
    render(<ExportImport origin={A} loaded={loads[A] ?? null} portals={portals} onImported={onImported} />);
    chooseFile(fileOf(room));
    fireEvent.change(screen.getByLabelText(message('importInto')), { target: { value: B } });
    fireEvent.click(importButton());
    await waitFor(() => expect(onImported).toHaveBeenCalledWith(B, expect.objectContaining({ kind: 'done', into: B })));
    const draft = await draftItem(B).getValue();
    expect(draft).toMatchObject({ base: 'none', form: { enabled: true, storage: 'room', roomFolderId: '', period: 1, hour: 3, weekday: 2, backupsStored: '7' } });
    const status = screen.getByTestId('import-status').textContent;
    expect(status).toContain(message('imported', 'Portal B'));
    expect(status).toContain(message('notePickRoom'));
    expect(status).toContain(message('noteZoneDiffers', ['Europe/Berlin', 'America/New_York']));
  });

  it('keeps a room the portal has, under that portal’s name, against its current fingerprint', async () => {
    loads[B] = loadedOf({ ...room, cronParams: { period: 0, hour: 1, day: 0 } }, 'America/New_York');
    rooms[`${B}#101`] = 'Backups B';
    render(<ExportImport origin={B} loaded={loads[B] ?? null} portals={portals} onImported={onImported} />);
    chooseFile(fileOf(room));
    fireEvent.click(importButton());
    await waitFor(() => expect(onImported).toHaveBeenCalledWith(B, expect.objectContaining({ kind: 'done', into: B })));
    expect(await draftItem(B).getValue()).toMatchObject({ base: loads[B]!.fingerprint, form: { roomFolderId: '101', roomFolderTitle: 'Backups B' } });
    expect(screen.getByTestId('import-status').textContent).toContain(message('noteRoomFound', ['101', 'Backups B']));
  });

  it('asks before replacing unsaved changes', async () => {
    const draft = { form: { ...defaultForm(), enabled: true, backupsStored: '12' }, base: 'none', savedAt: 1 };
    await draftItem(A).setValue(draft);
    render(<ExportImport origin={A} loaded={loads[A] ?? null} portals={portals} onImported={onImported} />);
    chooseFile(fileOf(room));
    fireEvent.click(importButton());
    const dialog = await screen.findByRole('alertdialog', { name: message('importReplaceDraftTitle') });
    expect(dialog.textContent).toContain(message('importReplaceDraft', 'Portal A'));
    fireEvent.click(screen.getByRole('button', { name: message('cancel') }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(await draftItem(A).getValue()).toEqual(draft);

    fireEvent.click(importButton());
    fireEvent.click(await screen.findByRole('button', { name: message('importReplaceDraftButton') }));
    await waitFor(() => expect(onImported).toHaveBeenCalledWith(A, expect.objectContaining({ kind: 'done', into: A })));
    expect((await draftItem(A).getValue())?.form.backupsStored).toBe('7');
  });

  it('leaves everything as it was when the portal cannot be read', async () => {
    delete loads[B];
    render(<ExportImport origin={B} loaded={loads[B] ?? null} portals={portals} onImported={onImported} />);
    chooseFile(fileOf(room));
    fireEvent.click(importButton());
    expect((await screen.findByRole('alert')).textContent).toContain(message('errSignedOut'));
    expect(await draftItem(B).getValue()).toBeNull();
    expect(onImported).not.toHaveBeenCalled();
  });
});
