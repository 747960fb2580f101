import type { Browser } from '#imports';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { portalsItem } from '../extension/portal-list';
import { route, type RouterContext } from './router';

// Two pages pressing "Back up now" while the portal has not yet answered the first start:
// the portal would report no backup running, so the background itself must hold the second.
const PORTAL = 'https://portal.example.com';
const ctx: RouterContext = { ownId: fakeBrowser.runtime.id, ownBaseUrl: fakeBrowser.runtime.getURL('/') };
const popup: Browser.runtime.MessageSender = { id: ctx.ownId, url: `${ctx.ownBaseUrl}popup.html` };
const START = { type: 'backup.start', origin: PORTAL, storageType: 4, storageParams: null } as const;
let answerStart: () => void;
let started: boolean;

beforeEach(async () => {
  fakeBrowser.reset();
  started = false;
  vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
  const envelope = (response: unknown) => new Response(JSON.stringify({ response, status: 0, statusCode: 200 }), { status: 200 });
  const running = { progress: 10, isCompleted: false, error: null, link: null };
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL) => {
    const path = new URL(String(input)).pathname;
    if (path.endsWith('/startbackup')) {
      await new Promise<void>((resolve) => (answerStart = resolve));
      started = true;
      return envelope(running);
    }
    // Like the portal: no task until its start has been handled.
    if (path.endsWith('/getbackupprogress')) return envelope(started ? running : null);
    return new Response('', { status: 404 });
  }));
  await portalsItem.setValue([{ origin: PORTAL, name: 'P', addedAt: 1 }]);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const requests = (suffix: string) => vi.mocked(fetch).mock.calls.filter(([url]) => new URL(String(url)).pathname.endsWith(suffix)).length;

it('a second start and a progress check while the first start is unanswered send no second start, and see it running', async () => {
  const first = route(START, popup, ctx);
  await vi.waitFor(() => expect(requests('/startbackup')).toBe(1));
  const second = route(START, popup, ctx);
  const progress = route({ type: 'backup.progress', origin: PORTAL }, popup, ctx);
  answerStart();
  const answers = await Promise.all([first, second, progress]);
  expect(requests('/startbackup')).toBe(1);
  for (const answer of answers) expect(answer).toMatchObject({ ok: true, data: { progress: { isCompleted: false } } });
});

it('once the start is answered, a later start goes to the portal again', async () => {
  const first = route(START, popup, ctx);
  await vi.waitFor(() => expect(requests('/startbackup')).toBe(1));
  answerStart();
  await first;
  const second = route(START, popup, ctx);
  await vi.waitFor(() => expect(requests('/startbackup')).toBe(2));
  answerStart();
  expect(await second).toMatchObject({ ok: true });
});
