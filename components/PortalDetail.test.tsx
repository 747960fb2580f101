// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LoadedSchedule, PortalInfo, Reply, Request } from '@/utils/pure/messages/protocol';
import { fingerprint } from '@/utils/pure/schedule/form';
import { portalHash } from '@/utils/pure/fleet/overview';
import { message, mockI18n } from '@/tests/unit/i18n-mock';
import { weeklySchedule } from '@/tests/unit/schedules';
import { OptionsApp } from './OptionsApp';

const A = 'https://a.example.com';
const B = 'https://b.example.com';
const portals: PortalInfo[] = [
  { origin: A, name: 'Portal A', addedAt: 0, granted: true },
  { origin: B, name: 'Portal B', addedAt: 1, granted: true },
];
const schedule = weeklySchedule();
const LOADED: LoadedSchedule = { schedule, target: { title: 'Backups' }, portal: { timezone: 'UTC', standalone: false }, fingerprint: fingerprint(schedule), fetchedAt: 0 };

let sent: Request[];
let scheduleReply: () => Reply;

beforeEach(() => {
  fakeBrowser.reset();
  mockI18n('en-US');
  sent = [];
  vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
  scheduleReply = () => ({ ok: true, data: LOADED });
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (raw: unknown): Promise<Reply> => {
    const req = raw as Request;
    sent.push(req);
    if (req.type === 'portals.list') return { ok: true, data: portals };
    if (req.type === 'schedule.load') return scheduleReply();
    // Everything else the view asks fails the same way the portal would: signed out.
    return { ok: false, failure: { kind: 'signed-out' } };
  }) as typeof fakeBrowser.runtime.sendMessage);
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  location.hash = '';
});

const loadsOf = (origin: string) => sent.filter((r) => r.type === 'schedule.load' && r.origin === origin);

describe('the settings page: overview and a detail view per portal', () => {
  it('opens the portal named in the hash, with focus on its heading, and loads its schedule once', async () => {
    location.hash = portalHash(A);
    render(<OptionsApp />);
    const heading = await screen.findByRole('heading', { level: 2, name: 'Portal A' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    await screen.findByTestId('schedule-sentence');
    // The copy and export parts share the view's schedule.
    await screen.findByTestId('copy-schedule');
    await screen.findByTestId('export-import');
    expect(loadsOf(A)).toHaveLength(1);
    expect(document.title).toBe('Portal A · DocSpace Backup');
    expect(screen.queryByTestId('overview')).toBeNull();
  });

  it('a portal that fails to answer says so once, not in every part', async () => {
    scheduleReply = () => ({ ok: false, failure: { kind: 'signed-out' } });
    location.hash = portalHash(A);
    render(<OptionsApp />);
    await waitFor(() => expect(document.querySelectorAll('[data-failure="signed-out"]')).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(document.querySelectorAll('[data-failure]')).toHaveLength(1);
    expect(screen.queryByTestId('copy-schedule')).toBeNull();
  });

  it('follows the hash: the overview, a portal, an unknown portal', async () => {
    render(<OptionsApp />);
    await screen.findByRole('heading', { name: message('portalsHeading') });
    expect(screen.getByLabelText(message('portalUrl'))).toBeTruthy();
    location.hash = portalHash(B);
    dispatchEvent(new HashChangeEvent('hashchange'));
    await screen.findByRole('heading', { level: 2, name: 'Portal B' });
    location.hash = portalHash('https://gone.example.com');
    dispatchEvent(new HashChangeEvent('hashchange'));
    await screen.findByText(message('detailUnknown'));
    expect(screen.getByRole('link', { name: message('detailBack') }).getAttribute('href')).toBe('#/');
  });
});
