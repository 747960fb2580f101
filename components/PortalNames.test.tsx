// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Request } from '@/utils/pure/messages/protocol';
import { fakeBackground } from '@/tests/unit/fake-background';
import { message, mockI18n } from '@/tests/unit/i18n-mock';
import { AddPortalForm } from './AddPortalForm';
import { PortalRow } from './PortalRow';

// Issue 11: names over 120 characters get a field message, never an unhandled rejection;
// an address without https:// reaches the code that reads it.
const PORTAL = 'https://portal.example.com';
let sent: Request[];
const long = 'N'.repeat(121);

beforeEach(() => {
  fakeBrowser.reset();
  mockI18n('en-US');
  vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
  sent = fakeBackground((req) => {
    if (req.type === 'portals.add') return { ok: true, data: [{ origin: req.origin, name: req.name || 'x', addedAt: 1, granted: true }] };
    if (req.type === 'portal.status') return { ok: true, data: { signedIn: false } };
    return { ok: false, failure: { kind: 'internal', message: 'Malformed request' } };
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

it('add: an address without https:// is accepted, as the code reads it', async () => {
  const onAdded = vi.fn();
  render(<AddPortalForm onAdded={onAdded} />);
  const input = screen.getByLabelText(message('portalUrl'));
  // No browser-side validation that would stop the form before our own code.
  expect(input.getAttribute('type')).toBe('text');
  expect(input.hasAttribute('required')).toBe(false);
  expect(input.closest('form')!.noValidate).toBe(true);
  fireEvent.input(input, { target: { value: 'portal.example.com' } });
  fireEvent.submit(input.closest('form')!);
  await waitFor(() => expect(onAdded).toHaveBeenCalledWith(expect.anything(), PORTAL));
});

it('add: a name over 120 characters gets a field message and is not sent', async () => {
  render(<AddPortalForm onAdded={vi.fn()} />);
  fireEvent.input(screen.getByLabelText(message('portalUrl')), { target: { value: PORTAL } });
  fireEvent.input(screen.getByLabelText(message('portalNameOptional')), { target: { value: long } });
  fireEvent.submit(screen.getByLabelText(message('portalUrl')).closest('form')!);
  expect(await screen.findByText(message('robustNameTooLong'))).toBeTruthy();
  expect(sent.filter((r) => r.type === 'portals.add')).toEqual([]);
});

it('rename: a name over 120 characters gets a field message; a refused rename is shown, not left unhandled', async () => {
  const unhandled = vi.fn();
  process.on('unhandledRejection', unhandled);
  try {
    render(<PortalRow portal={{ origin: PORTAL, name: 'P', addedAt: 1, granted: true }} onChange={vi.fn()} onEdit={vi.fn()} />);
    const input = screen.getByLabelText(message('portalName'));
    fireEvent.input(input, { target: { value: long } });
    fireEvent.blur(input);
    expect(await screen.findByText(message('robustNameTooLong'))).toBeTruthy();
    expect(sent.filter((r) => r.type === 'portals.rename')).toEqual([]);
    fireEvent.input(input, { target: { value: 'Work' } });
    fireEvent.blur(input);
    await waitFor(() => expect(document.querySelector('[data-failure="internal"]')).toBeTruthy());
    await new Promise((r) => setTimeout(r, 10));
    expect(unhandled).not.toHaveBeenCalled();
  } finally {
    process.off('unhandledRejection', unhandled);
  }
});
