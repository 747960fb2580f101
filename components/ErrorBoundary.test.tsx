// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { message, mockI18n } from '@/tests/unit/i18n-mock';
import { fakeBackground } from '@/tests/unit/fake-background';
import { route, type RouterContext } from '@/utils/background/router';
import { ErrorBoundary } from './ErrorBoundary';

const ctx: RouterContext = { ownId: fakeBrowser.runtime.id, ownBaseUrl: fakeBrowser.runtime.getURL('/') };
const P = 'https://portal.example.com';

beforeEach(() => {
  fakeBrowser.reset();
  sessionStorage.clear();
  mockI18n('en-US');
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function Broken(): never {
  throw new TypeError('e.some is not a function');
}

it('a page that throws while drawing shows a message, the details and a way forward once the background finds nothing to mend', async () => {
  const sent = fakeBackground((request) => route(request, { id: ctx.ownId, url: `${ctx.ownBaseUrl}popup.html` }, ctx) as never);
  render(
    <ErrorBoundary page="popup">
      <Broken />
    </ErrorBoundary>,
  );
  // First the background checks what is stored; nothing damaged, so the error stands.
  expect(screen.getByRole('status').textContent).toBe(message('loading'));
  await waitFor(() => expect(screen.getByTestId('page-error').textContent).toContain(message('robustPageError')));
  expect(sent).toEqual([{ type: 'localData.check' }]);
  expect(screen.getByText(/e\.some is not a function/)).toBeTruthy();
  expect(screen.getByRole('button', { name: message('robustReload') })).toBeTruthy();
  expect(screen.getByRole('button', { name: message('openOptions') })).toBeTruthy();
});

it('damaged stored data behind the error: the background mends it and the page reloads once', async () => {
  await fakeBrowser.storage.local.set({ portals: [{ origin: P, name: 'P', addedAt: 1 }], [`health:${P}`]: 'x' });
  fakeBackground((request) => route(request, { id: ctx.ownId, url: `${ctx.ownBaseUrl}popup.html` }, ctx) as never);
  const reload = vi.fn();
  vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, reload } as Location);
  for (let i = 0; i < 2; i++) {
    if (i === 1) await fakeBrowser.storage.local.set({ [`health:${P}`]: 'again' });
    render(
      <ErrorBoundary page="options">
        <Broken />
      </ErrorBoundary>,
    );
    await waitFor(async () => expect((await fakeBrowser.storage.local.get(`health:${P}`))[`health:${P}`]).toBeUndefined());
    if (i === 0) await waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
    if (i === 0) cleanup();
  }
  // Mended both times, reloaded only the first: in the same page session the error is shown rather than a loop.
  await waitFor(() => expect(screen.getByTestId('page-error')).toBeTruthy());
  expect(reload).toHaveBeenCalledTimes(1);
  const { storageRepairs } = await fakeBrowser.storage.local.get('storageRepairs');
  expect(storageRepairs).toEqual(expect.arrayContaining([expect.objectContaining({ key: `health:${P}`, action: 'dropped' })]));
});
