// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BackupStatus } from '@/utils/pure/messages/protocol';
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
  expect(screen.getByRole('button', { name: message('startBackup') }).className).not.toContain('primary');
  await waitFor(() => expect(screen.getByTestId('backup-file').textContent).toBe(message('lookFileName', `\u2068${fileName}\u2069`)));
  expect(download.getAttribute('download')).toBe(fileName);
});
