// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { HistoryRecord } from '@/utils/pure/docspace/schemas';
import { fakeBackground } from '@/tests/unit/fake-background';
import { message, mockI18n } from '@/tests/unit/i18n-mock';
import { BackupHistory } from './BackupHistory';
import { PortalRow } from './PortalRow';

// A confirmation replaces the button that asked for it; Cancel puts the button
// back, and the keyboard focus with it, instead of dropping it at the top of the page.

const PORTAL = 'https://portal.example.com';
const backup = (id: string): HistoryRecord => ({ id, fileName: `${id}.tar.gz`, storageType: 0, createdOn: '2026-03-10T08:00:00', expiresOn: '2026-04-10T08:00:00' });

beforeEach(() => {
  fakeBrowser.reset();
  mockI18n('en-US');
  fakeBackground((request) => {
    if (request.type === 'history.list') return { ok: true, data: [backup('b1'), backup('b2')] };
    if (request.type === 'portal.status') return { ok: true, data: { signedIn: false } };
    return { ok: false, failure: { kind: 'internal', message: 'not in this test' } };
  });
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const cancel = () => screen.getByRole('button', { name: message('cancel') });

describe('Cancel gives the focus back', () => {
  it('to the delete button of the same backup', async () => {
    render(<BackupHistory origin={PORTAL} />);
    fireEvent.click(await screen.findByRole('button', { name: message('confirmDeleteBackup', 'b2.tar.gz') }));
    expect(document.activeElement).toBe(cancel());
    fireEvent.click(cancel());
    expect(document.activeElement).toBe(screen.getByRole('button', { name: message('confirmDeleteBackup', 'b2.tar.gz') }));
  });

  it('to "Delete all"', async () => {
    render(<BackupHistory origin={PORTAL} />);
    fireEvent.click(await screen.findByRole('button', { name: message('deleteAllBackups') }));
    fireEvent.click(cancel());
    expect(document.activeElement).toBe(screen.getByRole('button', { name: message('deleteAllBackups') }));
  });

  it("to the portal's Remove button", () => {
    render(
      <ul>
        <PortalRow portal={{ origin: PORTAL, name: 'P', addedAt: 1, granted: true }} onChange={() => undefined} onEdit={() => undefined} />
      </ul>,
    );
    fireEvent.click(screen.getByRole('button', { name: message('remove') }));
    fireEvent.click(cancel());
    expect(document.activeElement).toBe(screen.getByRole('button', { name: message('remove') }));
  });
});
