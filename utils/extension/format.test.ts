import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { message, mockI18n } from '@/tests/unit/i18n-mock';
import { formatDateTime, formatDateTimeBare } from './format';
import { healthDetails } from './health-text';

beforeEach(() => {
  fakeBrowser.reset();
  mockI18n('en-GB');
});
afterEach(() => vi.restoreAllMocks());

// The one rule (README "Times"): every time shown says its zone.
describe('times carry their zone', () => {
  const at = new Date(Date.UTC(2026, 11, 1, 1, 0));

  it('a moment in the user’s own zone says so', () => {
    expect(formatDateTime(at)).toBe(message('popupYourTimeLabel', formatDateTimeBare(at)));
    expect(formatDateTime(at)).toMatch(/\(your time\)$/);
  });

  it('a time in the portal’s zone names it', () => {
    expect(formatDateTime(at, 'Europe/Berlin')).toBe(`${formatDateTimeBare(at, 'Europe/Berlin')} portal time (Europe/Berlin)`);
    expect(formatDateTimeBare(at, 'Europe/Berlin')).toContain('02:00');
  });

  it('the health texts follow', () => {
    const lines = healthDetails({ state: 'overdue', missedSlot: at.getTime() } as Parameters<typeof healthDetails>[0]);
    expect(lines[0]).toContain('(your time)');
  });
});
