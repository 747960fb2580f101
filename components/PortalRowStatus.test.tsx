// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Request } from '@/utils/pure/messages/protocol';
import { fakeBackground } from '@/tests/unit/fake-background';
import { mockI18n } from '@/tests/unit/i18n-mock';
import { PortalRow } from './PortalRow';

// #14: with hundreds of portals the settings page asks who is signed in only for the rows near
// the screen, not every portal on opening. The observer is played here: the test says what is seen.
const A = 'https://a.example.com';
const B = 'https://b.example.com';
let sent: Request[];
let observed: Element[];
let report: (entries: Partial<IntersectionObserverEntry>[]) => void;

beforeEach(() => {
  fakeBrowser.reset();
  mockI18n('en-US');
  sent = fakeBackground((req) => (req.type === 'portal.status' ? { ok: true, data: { signedIn: false } } : { ok: false, failure: { kind: 'internal', message: 'x' } }));
  observed = [];
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      constructor(callback: (entries: Partial<IntersectionObserverEntry>[]) => void) {
        report = callback;
      }
      observe(el: Element) {
        observed.push(el);
      }
      unobserve(el: Element) {
        observed = observed.filter((e) => e !== el);
      }
      disconnect() {}
    },
  );
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const statusAsked = () => sent.filter((r) => r.type === 'portal.status').map((r) => (r as { origin: string }).origin);

it('asks who is signed in once the row comes near the screen, and only then', async () => {
  render(
    <ul>
      {[A, B].map((origin) => (
        <PortalRow key={origin} portal={{ origin, name: origin, addedAt: 1, granted: true }} onChange={vi.fn()} askWhenSeen />
      ))}
    </ul>,
  );
  await waitFor(() => expect(observed).toHaveLength(2));
  expect(statusAsked()).toEqual([]);
  report([{ target: observed[1]!, isIntersecting: true }]);
  await waitFor(() => expect(statusAsked()).toEqual([B]));
  expect(await screen.findByText(/Not signed in/)).toBeTruthy();
  // Seen once is enough: it is no longer watched, and leaving the screen asks nothing more.
  expect(observed).toHaveLength(1);
  report([{ target: observed[0]!, isIntersecting: false }]);
  await new Promise((r) => setTimeout(r, 10));
  expect(statusAsked()).toEqual([B]);
});

it('without askWhenSeen (a short list) it asks at once', async () => {
  render(<PortalRow portal={{ origin: A, name: A, addedAt: 1, granted: true }} onChange={vi.fn()} />);
  await waitFor(() => expect(statusAsked()).toEqual([A]));
  expect(observed).toEqual([]);
});
