// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fakeBackground } from '@/tests/unit/fake-background';
import { message, mockI18n } from '@/tests/unit/i18n-mock';
import { BackupNow } from './BackupNow';

// Issue 11: only a link on the portal's own origin becomes the Download button.
const PORTAL = 'https://portal.example.com';

beforeEach(() => {
  fakeBrowser.reset();
  mockI18n('en-US');
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

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
