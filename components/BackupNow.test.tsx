// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BackupStatus } from '@/utils/messages/protocol';
import { fakeBackground } from '@/tests/unit/fake-background';
import { mockI18n } from '@/tests/unit/i18n-mock';
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
  await import('@/utils/messages/protocol');
  await new Promise((resolve) => setTimeout(resolve, 100));
  return screen.getByTestId('backup-status').textContent ?? '';
};

it("a scheduled run's failure is not told as a failed back-up-now (the health line tells it)", async () => {
  expect(await shown({ progress: failedRun, following: false })).toBe('');
});

it('a backup started here that failed says so, with the portal\'s error', async () => {
  expect(await shown({ progress: failedRun, following: false, startedAt: Date.now() - 60_000, storageType: 4 })).toContain('The backup room was deleted.');
});
