// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BackupStatus, Reply, Request } from '@/utils/pure/messages/protocol';
import { fakeBackground } from '@/tests/unit/fake-background';
import { message, mockI18n } from '@/tests/unit/i18n-mock';
import { BackupNow } from './BackupNow';

const PORTAL = 'https://portal.example.com';
// The portal's progress covers scheduled runs too: here a scheduled run that failed.
const failedRun = { isCompleted: true, progress: 10, error: 'The backup room was deleted.', status: 2, taskId: 't1' };

beforeEach(() => {
  fakeBrowser.reset();
  mockI18n('en-US');
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const shown = async (status: BackupStatus) => {
  const sent = fakeBackground((r) => ({ ok: true, data: r.type === 'backup.progress' ? status : { storages: [], thirdParty: [] } }) as never);
  render(<BackupNow origin={PORTAL} />);
  await waitFor(() => expect(sent.some((r) => r.type === 'backup.progress')).toBe(true));
  // send() loads the protocol module lazily before it hands the answer over.
  await import('@/utils/pure/messages/protocol');
  await new Promise((resolve) => setTimeout(resolve, 100));
  return screen.getByTestId('backup-status').textContent ?? '';
};

it("a scheduled run's failure is not told as a failed back-up-now (the health line tells it)", async () => {
  expect(await shown({ progress: failedRun, following: false })).toBe('');
});

it('a backup started here that failed says so, with the portal\'s error', async () => {
  expect(await shown({ progress: failedRun, following: false, startedAt: Date.now() - 60_000, storageType: 4 })).toContain('The backup room was deleted.');
});

// Issue 11: only a link on the portal's own origin becomes the Download button.
function withLink(link: string) {
  fakeBackground((req) =>
    req.type === 'backup.progress'
      ? { ok: true, data: { progress: { isCompleted: true, progress: 100, link }, following: false, startedAt: 1 } }
      : { ok: false, failure: { kind: 'internal', message: 'not in this test' } },
  );
  render(<BackupNow origin={PORTAL} />);
}

it.each(['javascript:alert(document.domain)', 'https://evil.example.com/backup.tar.gz', 'data:text/html,x', 'http://['])('%s: no Download, a message instead', async (link) => {
  withLink(link);
  expect(await screen.findByTestId('link-refused')).toHaveProperty('textContent', message('robustLinkRefused'));
  expect(screen.queryByRole('link', { name: message('downloadCopy') })).toBeNull();
});

it('a relative link on the portal is offered', async () => {
  withLink('/backups/copy.tar.gz');
  await waitFor(() => expect(screen.getByRole('link', { name: message('downloadCopy') }).getAttribute('href')).toBe(`${PORTAL}/backups/copy.tar.gz`));
  expect(screen.queryByTestId('link-refused')).toBeNull();
});

it('once a backup made here is ready, Download is the main action and the file is named from the history', async () => {
  const fileName = 'portal.example.com_2026-12-01_10-00-00.tar.gz';
  fakeBackground((req) => {
    if (req.type === 'backup.progress') {
      return { ok: true, data: { progress: { isCompleted: true, progress: 100, link: '/storage/backup/1/x?auth=a', taskId: 'ABC', status: 2 }, following: false, startedAt: 1 } };
    }
    if (req.type === 'history.list') {
      return { ok: true, data: [{ id: 'old', fileName: 'older.tar.gz', storageType: 4, createdOn: '2026-11-30T02:00:00', expiresOn: '2026-12-01T02:00:00' }, { id: 'abc', fileName, storageType: 4, createdOn: '2026-12-01T10:00:00', expiresOn: '2026-12-02T10:00:00' }] };
    }
    return { ok: false, failure: { kind: 'internal', message: 'not in this test' } };
  });
  render(<BackupNow origin={PORTAL} />);
  const download = await screen.findByRole('link', { name: message('downloadCopy') });
  expect(download.className).toContain('primary');
  expect(screen.getByRole('button', { name: message('nowAgain') }).className).not.toContain('primary');
  await waitFor(() => expect(screen.getByTestId('backup-file').textContent).toBe(message('lookFileName', `\u2068${fileName}\u2069`)));
  expect(download.getAttribute('download')).toBe(fileName);
});

// The popup's "Back up now": the backup starts as the panel opens, never twice.
const RUNNING = { isCompleted: false, progress: 0, status: 1, taskId: 'T2' };
const portalReply = (status: BackupStatus): Reply => ({ ok: true, data: status });

function portal(answers: Partial<Record<Request['type'], (r: Request) => Reply | Promise<Reply>>>) {
  return fakeBackground((r) => answers[r.type]?.(r) ?? { ok: false, failure: { kind: 'internal', message: `not in this test: ${r.type}` } });
}
const starts = (sent: Request[]) => sent.filter((r) => r.type === 'backup.start');

it('opened from the popup, it starts a backup to the temporary storage at once, after asking whether one runs', async () => {
  const sent = portal({
    'backup.progress': () => portalReply({ progress: null, following: false }),
    'backup.start': () => portalReply({ progress: RUNNING, following: true, startedAt: Date.now(), storageType: 4 }),
  });
  render(<BackupNow origin={PORTAL} opening="start" />);
  await waitFor(() => expect(screen.getByRole('progressbar')).toBeTruthy());
  expect(sent.map((r) => r.type)).toEqual(['backup.progress', 'backup.start']);
  expect(starts(sent)[0]).toMatchObject({ origin: PORTAL, storageType: 4, storageParams: null });
  // The focus came along to the panel, whose live status tells the progress.
  expect(document.activeElement?.id).toBe(`backup-now-${PORTAL}`);
  expect(screen.getByRole('button', { name: message('cancelBackup') })).toBeTruthy();
});

it('a backup already running on the portal is followed, not started again', async () => {
  const sent = portal({ 'backup.progress': () => portalReply({ progress: { ...RUNNING, progress: 40 }, following: true }) });
  render(<BackupNow origin={PORTAL} opening="start" />);
  await waitFor(() => expect(screen.getByTestId('backup-status').textContent).toBe(message('backupProgress', '40')));
  expect(starts(sent)).toEqual([]);
});

it('a copy made here minutes ago is shown again, Download focused, instead of a new backup', async () => {
  const ready = { isCompleted: true, progress: 100, link: '/storage/backup/1/x', taskId: 'T1', status: 2 };
  const sent = portal({
    'backup.progress': () => portalReply({ progress: ready, following: false, startedAt: Date.now() - 60_000, storageType: 4 }),
    'history.list': () => ({ ok: true, data: [] }),
  });
  render(<BackupNow origin={PORTAL} opening="start" />);
  const download = await screen.findByRole('link', { name: message('downloadCopy') });
  await waitFor(() => expect(document.activeElement).toBe(download));
  expect(starts(sent)).toEqual([]);
  // "Back up again" makes a new one.
  fireEvent.click(screen.getByRole('button', { name: message('nowAgain') }));
  await waitFor(() => expect(starts(sent)).toHaveLength(1));
});

it('a double click starts one backup', async () => {
  let answer!: (reply: Reply) => void;
  const sent = portal({
    'backup.progress': () => portalReply({ progress: null, following: false }),
    'backup.start': () => new Promise<Reply>((resolve) => (answer = resolve)),
  });
  render(<BackupNow origin={PORTAL} />);
  const button = screen.getByRole('button', { name: message('backupNow') });
  fireEvent.click(button);
  fireEvent.click(button);
  await waitFor(() => expect(starts(sent)).toHaveLength(1));
  fireEvent.click(button);
  answer(portalReply({ progress: RUNNING, following: true, startedAt: Date.now(), storageType: 4 }));
  await screen.findByRole('button', { name: message('cancelBackup') });
  expect(starts(sent)).toHaveLength(1);
});

it('a backup that cannot start says so, with the reason and a retry', async () => {
  const sent = portal({
    'backup.progress': () => portalReply({ progress: null, following: false }),
    'backup.start': () => ({ ok: false, failure: { kind: 'payment', message: 'The number of free backups should not exceed 0 within a month' } }),
  });
  render(<BackupNow origin={PORTAL} opening="start" />);
  await waitFor(() => expect(screen.getByTestId('backup-status').textContent).toBe(message('nowNotStarted')));
  const alert = screen.getByRole('alert');
  expect(alert.textContent).toContain('The number of free backups should not exceed 0 within a month');
  fireEvent.click(screen.getByRole('button', { name: message('retry') }));
  await waitFor(() => expect(starts(sent)).toHaveLength(2));
});

it('"Back up to another storage…" asks where first, and starts nothing until the choice is complete', async () => {
  const sent = portal({
    'backup.progress': () => portalReply({ progress: null, following: false }),
    'storage.options': () => ({ ok: true, data: { storages: [], thirdParty: null } }) as Reply,
  });
  render(<BackupNow origin={PORTAL} />);
  fireEvent.click(screen.getByRole('button', { name: message('nowOtherStorage') }));
  const start = await screen.findByRole('button', { name: message('startBackup') });
  expect(screen.getByRole('group', { name: message('backupWhere') })).toBeTruthy();
  fireEvent.click(start);
  // The backup room is chosen but no room picked: the field says so, nothing is sent.
  await waitFor(() => expect(document.querySelector('.field-error')?.textContent).toBeTruthy());
  expect(starts(sent)).toEqual([]);
});

it('a start to a chosen storage that the portal refuses keeps the choice on screen', async () => {
  const sent = portal({
    'backup.progress': () => portalReply({ progress: null, following: false }),
    'storage.options': () => ({ ok: true, data: { storages: [], thirdParty: null } }) as Reply,
    'backup.start': () => ({ ok: false, failure: { kind: 'rejected', status: 400, message: 'wrong folder type' } }),
  });
  render(<BackupNow origin={PORTAL} opening="choose" />);
  fireEvent.click(await screen.findByLabelText(message('storageTemporary')));
  fireEvent.click(screen.getByRole('button', { name: message('startBackup') }));
  await waitFor(() => expect(screen.getByTestId('backup-status').textContent).toBe(message('nowNotStarted')));
  expect(starts(sent)).toHaveLength(1);
  expect((screen.getByLabelText(message('storageTemporary')) as HTMLInputElement).checked).toBe(true);
  expect(screen.getByRole('button', { name: message('startBackup') })).toBeTruthy();
});
