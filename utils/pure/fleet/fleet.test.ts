import { describe, expect, it } from 'vitest';
import type { HealthRecord, PortalInfo } from '../messages/protocol';
import { csvField, parseCsv } from './csv';
import { arrange, attentionCount, inOrder, healthReportCsv, lastRunOutcome, needsAttention, portalHash, summarize, type OverviewEntry } from './overview';
import { portalListCsv, previewPortalList } from './portal-list';
import { weeklySchedule } from '@/tests/unit/schedules';

describe('CSV', () => {
  it('reads quoted fields, doubled quotes and line breaks inside quotes, and tells lines', () => {
    expect(parseCsv('a,"b, c"\r\n"say ""hi""",x\n"two\nlines",y\n', ',')).toEqual([
      { line: 1, fields: ['a', 'b, c'] },
      { line: 2, fields: ['say "hi"', 'x'] },
      { line: 3, fields: ['two\nlines', 'y'] },
    ]);
  });

  it('quotes what needs it and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1')).toBe("'-1");
  });
});

describe('previewPortalList', () => {
  const existing = ['https://known.example.com'];

  it('CSV with a header: new, duplicates, already added and bad lines, each with its line', () => {
    const text = [
      'address,name',
      'https://a.example.com,Head office',
      'b.example.com',
      'https://A.example.com/rooms,Again',
      'https://known.example.com,Known',
      'http://insecure.example.com,Insecure',
      'not a url at all,Nope',
      '',
      '# a comment',
      '"https://c.example.com","Branch, Berlin"',
    ].join('\n');
    const p = previewPortalList(text, existing);
    expect(p.rows.map((r) => [r.line, r.status, r.origin ?? r.address, r.name, r.reason])).toEqual([
      [2, 'new', 'https://a.example.com', 'Head office', undefined],
      [3, 'new', 'https://b.example.com', '', undefined],
      [4, 'duplicate', 'https://a.example.com', 'Again', undefined],
      [5, 'exists', 'https://known.example.com', 'Known', undefined],
      [6, 'bad', 'http://insecure.example.com', 'Insecure', 'insecure'],
      [7, 'bad', 'not a url at all', 'Nope', 'invalid'],
      [10, 'new', 'https://c.example.com', 'Branch, Berlin', undefined],
    ]);
    expect(p.counts).toEqual({ new: 3, duplicate: 1, exists: 1, bad: 2 });
    expect(p.additions).toEqual([
      { origin: 'https://a.example.com', name: 'Head office' },
      { origin: 'https://b.example.com', name: '' },
      { origin: 'https://c.example.com', name: 'Branch, Berlin' },
    ]);
  });

  it('plain text: the address, then the rest of the line as the name; semicolons and tabs too', () => {
    expect(previewPortalList('https://a.example.com Head office\nb.example.com\n', []).additions).toEqual([
      { origin: 'https://a.example.com', name: 'Head office' },
      { origin: 'https://b.example.com', name: '' },
    ]);
    expect(previewPortalList('a.example.com;A\nb.example.com;B', []).additions.map((a) => a.name)).toEqual(['A', 'B']);
    expect(previewPortalList('a.example.com\tA', []).additions.map((a) => a.name)).toEqual(['A']);
  });

  it('reads back what portalListCsv writes, names with commas and quotes included', () => {
    const list = [
      { origin: 'https://a.example.com', name: 'Head "main" office, Berlin' },
      { origin: 'http://branch1.localhost:8093', name: 'Branch' },
    ];
    expect(previewPortalList(portalListCsv(list), []).additions).toEqual(list);
  });
});

const portal = (origin: string, name: string): PortalInfo => ({ origin, name, addedAt: 0, granted: true });
const record = (origin: string, state: HealthRecord['state'], extra: Partial<HealthRecord> = {}): HealthRecord => ({
  origin,
  state,
  checkedAt: Date.UTC(2026, 11, 1, 8, 0),
  schedule: null,
  lastKnownSchedule: null,
  ...extra,
});

describe('overview', () => {
  const scheduled = { ...weeklySchedule(), lastBackupTime: '2026-11-30T03:00:04' };
  const entries: OverviewEntry[] = [
    { portal: portal('https://b.example.com', 'Beta'), record: record('https://b.example.com', 'healthy', { schedule: scheduled, nextRun: Date.UTC(2026, 11, 7, 2), run: { startedAt: Date.UTC(2026, 10, 30, 3, 0, 4), outcome: 'succeeded', fileName: 'b_2026-11-30_04-00-04.tar.gz' } }) },
    { portal: portal('https://a.example.com', 'alpha'), record: record('https://a.example.com', 'failed', { schedule: scheduled, error: 'Disk full', nextRun: Date.UTC(2026, 11, 2, 2) }) },
    { portal: portal('https://c.example.com', 'Gamma 10'), record: null },
    { portal: portal('https://d.example.com', 'Gamma 9'), record: record('https://d.example.com', 'off') },
  ];

  it('counts portals by state', () => {
    expect(summarize(entries)).toEqual([
      { state: 'failed', count: 1 },
      { state: 'off', count: 1 },
      { state: 'healthy', count: 1 },
      { state: 'none', count: 1 },
    ]);
  });

  it('counts the portals that need attention: a failure and "off" do, a healthy one and one not checked yet do not', () => {
    expect(attentionCount(entries)).toBe(2);
    expect(['healthy', 'scheduled', 'running', 'none'].map((s) => needsAttention(s as 'none'))).toEqual([false, false, false, false]);
    expect(['off', 'turned-off', 'signed-out', 'overdue', 'unknown'].map((s) => needsAttention(s as 'off'))).toEqual([true, true, true, true, true]);
  });

  it('keeps an earlier order with the current records, leaving out portals no longer there', () => {
    const moved = inOrder(entries, ['https://d.example.com', 'https://gone.example.com', 'https://b.example.com']);
    expect(moved.map((e) => e.portal.name)).toEqual(['Gamma 9', 'Beta']);
    expect(moved[1]).toBe(entries[0]);
  });

  it("a portal's detail view is addressed by its origin, escaped", () => {
    expect(portalHash('https://a.example.com:8443')).toBe('#/portal/https%3A%2F%2Fa.example.com%3A8443');
    expect(decodeURIComponent(portalHash('http://branch1.localhost:8093').slice('#/portal/'.length))).toBe('http://branch1.localhost:8093');
  });

  it('sorts by name (any case, numbers as numbers), by state worst first, by next run', () => {
    const names = (sort: 'name' | 'state' | 'next' | 'last') => arrange(entries, { filter: 'all', search: '', sort }, 'en').map((e) => e.portal.name);
    expect(names('name')).toEqual(['alpha', 'Beta', 'Gamma 9', 'Gamma 10']);
    expect(names('state')).toEqual(['alpha', 'Gamma 9', 'Beta', 'Gamma 10']);
    expect(names('next')).toEqual(['alpha', 'Beta', 'Gamma 9', 'Gamma 10']);
  });

  it('filters by state and searches names and addresses', () => {
    expect(arrange(entries, { filter: 'failed', search: '', sort: 'name' }).map((e) => e.portal.name)).toEqual(['alpha']);
    expect(arrange(entries, { filter: 'none', search: '', sort: 'name' }).map((e) => e.portal.name)).toEqual(['Gamma 10']);
    expect(arrange(entries, { filter: 'all', search: 'GAMMA', sort: 'name' }).map((e) => e.portal.name)).toEqual(['Gamma 9', 'Gamma 10']);
    expect(arrange(entries, { filter: 'all', search: 'b.example', sort: 'name' }).map((e) => e.portal.name)).toEqual(['Beta']);
  });

  it('the health report: one line per portal, UTC times, the last run and its outcome', () => {
    const csv = healthReportCsv(entries, { state: (s) => `text:${s}`, storage: () => 'Backup room' });
    expect(csv.split('\r\n')).toEqual([
      'portal,address,state,state_text,last_scheduled_run,last_run_outcome,last_run_error,next_run,storage,checked_at',
      'Beta,https://b.example.com,healthy,text:healthy,2026-11-30T03:00:04.000Z,succeeded,,2026-12-07T02:00:00.000Z,Backup room,2026-12-01T08:00:00.000Z',
      'alpha,https://a.example.com,failed,text:failed,2026-11-30T03:00:04.000Z,failed,Disk full,2026-12-02T02:00:00.000Z,Backup room,2026-12-01T08:00:00.000Z',
      'Gamma 10,https://c.example.com,not-checked,,,,,,,',
      'Gamma 9,https://d.example.com,off,text:off,,,,,,2026-12-01T08:00:00.000Z',
      '',
    ]);
  });

  it('the last run’s outcome is the check’s judgement: a run that merely started is no success', () => {
    expect(lastRunOutcome(record('https://a.example.com', 'healthy', { schedule: scheduled }))).toBe('started');
    expect(lastRunOutcome(record('https://a.example.com', 'no-file', { schedule: scheduled, run: { startedAt: 1, outcome: 'no-file' } }))).toBe('no-file');
    expect(lastRunOutcome(record('https://a.example.com', 'scheduled', { schedule: { ...weeklySchedule(), lastBackupTime: '0001-01-01T00:00:00' } }))).toBe('never');
    expect(lastRunOutcome(record('https://a.example.com', 'overdue', { schedule: scheduled, run: { startedAt: 1, outcome: 'succeeded' } }))).toBe('missed');
  });
});
