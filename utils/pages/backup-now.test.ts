import { expect, it } from 'vitest';
import { backupView, isRecentCopy, RECENT_COPY_MS } from './backup-now';

const PORTAL = 'https://portal.example.com';
const NOW = Date.UTC(2026, 11, 1, 12);
const ready = { isCompleted: true, progress: 100, link: '/storage/backup/1/x', taskId: 'T1', status: 2 };

it('a run the portal reports, not started here, is neither done nor failed here (the health line tells it)', () => {
  expect(backupView({ progress: ready, following: false }, PORTAL)).toMatchObject({ done: false, failed: false, cancelled: false, running: false, mine: false });
  expect(backupView({ progress: { ...ready, isCompleted: false }, following: true }, PORTAL).running).toBe(true);
});

it('a cancelled task answered as completed (status 3) is cancelled, never a copy', () => {
  const view = backupView({ progress: { ...ready, status: 3, link: '' }, following: false, startedAt: NOW }, PORTAL);
  expect(view).toMatchObject({ done: false, cancelled: true, link: null, taskId: null });
});

it('only a link on the portal itself is offered', () => {
  expect(backupView({ progress: ready, following: false, startedAt: NOW }, PORTAL).link).toBe(`${PORTAL}/storage/backup/1/x`);
  expect(backupView({ progress: { ...ready, link: 'javascript:alert(1)' }, following: false, startedAt: NOW }, PORTAL)).toMatchObject({ link: null, offered: 'javascript:alert(1)' });
});

it('"Back up now" shows a copy made here within the last minutes again, and makes a new one after that', () => {
  const made = (ago: number) => ({ progress: ready, following: false, startedAt: NOW - ago });
  expect(isRecentCopy(made(60_000), PORTAL, NOW)).toBe(true);
  expect(isRecentCopy(made(RECENT_COPY_MS + 1), PORTAL, NOW)).toBe(false);
  expect(isRecentCopy({ ...made(60_000), startedAt: undefined }, PORTAL, NOW)).toBe(false);
  expect(isRecentCopy({ ...made(60_000), progress: { ...ready, error: 'disk full' } }, PORTAL, NOW)).toBe(false);
  expect(isRecentCopy({ ...made(60_000), progress: { ...ready, link: null } }, PORTAL, NOW)).toBe(false);
});
