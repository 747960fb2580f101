// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { message, mockI18n } from '@/tests/unit/i18n-mock';
import { ErrorBoundary } from './ErrorBoundary';

beforeEach(() => {
  fakeBrowser.reset();
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

it('a page that throws while drawing shows a message, the details and a way forward', () => {
  render(
    <ErrorBoundary page="popup">
      <Broken />
    </ErrorBoundary>,
  );
  expect(screen.getByTestId('page-error').textContent).toContain(message('robustPageError'));
  expect(screen.getByText(/e\.some is not a function/)).toBeTruthy();
  expect(screen.getByRole('button', { name: message('robustReload') })).toBeTruthy();
  expect(screen.getByRole('button', { name: message('openOptions') })).toBeTruthy();
});
