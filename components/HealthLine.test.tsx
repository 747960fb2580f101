// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { HealthRecord, Request } from '@/utils/pure/messages/protocol';
import { fakeBackground } from '@/tests/unit/fake-background';
import { mockI18n } from '@/tests/unit/i18n-mock';
import { HealthLine } from './HealthLine';
import { healthItem } from '@/utils/extension/health-record';

const PORTAL = 'https://portal.example.com';
const record = (state: HealthRecord['state']): HealthRecord => ({ origin: PORTAL, state, checkedAt: Date.now(), schedule: null, lastKnownSchedule: null });
let sent: Request[];

beforeEach(() => {
  fakeBrowser.reset();
  mockI18n('en-US');
  sent = fakeBackground(() => ({ ok: true, data: record('off') }));
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

it('shows the record the page read at once, follows the stored one, and never checks by itself', async () => {
  render(<HealthLine origin={PORTAL} initial={record('healthy')} />);
  expect(screen.getByTestId('health').dataset.state).toBe('healthy');
  // The background records health with every load and save of the schedule.
  await healthItem(PORTAL).setValue(record('off'));
  await waitFor(() => expect(screen.getByTestId('health').dataset.state).toBe('off'));
  expect(sent).toEqual([]);
});

it('a record written after the page read storage but before it watched is shown; an older one is not', async () => {
  const read = { ...record('scheduled'), checkedAt: 1000 };
  await healthItem(PORTAL).setValue({ ...record('turned-off'), checkedAt: 2000 });
  render(<HealthLine origin={PORTAL} initial={read} />);
  await waitFor(() => expect(screen.getByTestId('health').dataset.state).toBe('turned-off'));
  cleanup();
  await healthItem(PORTAL).setValue({ ...record('off'), checkedAt: 500 });
  render(<HealthLine origin={PORTAL} initial={read} />);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(screen.getByTestId('health').dataset.state).toBe('scheduled');
});

const at = Date.UTC(2026, 2, 10, 11, 0, 0);
const shown = (r: HealthRecord) => {
  render(<HealthLine origin={PORTAL} initial={r} />);
  return screen.getByTestId('health').textContent ?? '';
};

it('a failed run: the portal\'s error, or what the audit trail says when the error is gone', () => {
  expect(shown({ ...record('failed'), error: 'Disk full', run: { startedAt: at, outcome: 'failed', error: 'Disk full' } })).toContain('The portal said: Disk full');
  cleanup();
  expect(shown({ ...record('failed'), run: { startedAt: at, outcome: 'failed', finishedAt: at } })).toContain("The portal's audit trail records the failure");
});

it('a successful run names its file; a never-run schedule says when its first backup is', () => {
  expect(shown({ ...record('healthy'), run: { startedAt: at, outcome: 'succeeded', finishedAt: at, fileName: 'docspace_2026.tar.gz' } })).toMatch(
    /Last backup file: docspace_2026\.tar\.gz, made .+\./,
  );
  cleanup();
  expect(shown({ ...record('scheduled'), firstRun: at })).toMatch(/^Scheduled: first backup at .+\./);
});

it('no file, turned off by an admin, removed by the portal, unknown with its reason', () => {
  expect(shown({ ...record('no-file'), run: { startedAt: at, outcome: 'no-file' } })).toContain('Another backup may have been running then.');
  cleanup();
  expect(shown({ ...record('turned-off'), turnedOff: { by: 'Adam Admin', at } })).toMatch(/Turned off by Adam Admin, .+\./);
  cleanup();
  expect(shown({ ...record('vanished'), standalone: true, removedBy: 'portal' })).toContain('the portal removed it by itself');
  cleanup();
  expect(shown({ ...record('unknown'), reason: 'progress-expired', run: { startedAt: at, outcome: 'unknown', reason: 'progress-expired' } })).toContain(
    '24 hours only',
  );
});

it('a failed check shows the failure only, never the last run\'s file beside it', () => {
  const text = shown({
    ...record('signed-out'),
    failure: { kind: 'signed-out' },
    beforeFailure: 'healthy',
    run: { startedAt: at, outcome: 'succeeded', finishedAt: at, fileName: 'docspace_2026.tar.gz' },
    backupsThisMonth: { free: 1, paid: 0, allowance: 2 },
  });
  expect(text).toContain('Signed out');
  expect(text).not.toContain('docspace_2026.tar.gz');
  expect(text).not.toContain('this month');
});

it('cloud 3.8: free backups left and the warning', () => {
  expect(shown({ ...record('healthy'), backupsThisMonth: { free: 1, paid: 3, allowance: 2 } })).toContain(
    'Free backups left this month: 1 of 2. Backups this month: 1 free, 3 paid. A scheduled backup that cannot be paid for makes the portal delete the schedule.',
  );
});

it('overdue: the missed slot and how many in a row', () => {
  const text = shown({ ...record('overdue'), missedSlot: at, missedCount: 3 });
  expect(text).toMatch(/The backup due at .+ has not run\./);
  expect(text).toContain('Slots missed in a row: 3.');
});
