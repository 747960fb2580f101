import type { Browser } from '#imports';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { portalsItem } from '../extension/portal-list';
import { route, type RouterContext } from './router';
import { boundedReply } from './reply';

// Issue 11: requests about origins that were never added, compared exactly.
const PORTAL = 'https://portal.example.com';
const ctx: RouterContext = { ownId: fakeBrowser.runtime.id, ownBaseUrl: fakeBrowser.runtime.getURL('/') };
const popup: Browser.runtime.MessageSender = { id: ctx.ownId, url: `${ctx.ownBaseUrl}popup.html` };
let fetchCalls: string[];

beforeEach(async () => {
  fakeBrowser.reset();
  fetchCalls = [];
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async (p) => {
    // The browser's own error for a pattern it cannot read: it must never reach a page.
    for (const o of p.origins ?? []) if (!/^https?:\/\/[^/]+\/\*$/.test(o)) throw new Error(`Invalid url pattern '${o}'`);
    return true;
  });
  vi.spyOn(fakeBrowser.permissions, 'remove').mockResolvedValue(true);
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL) => {
    fetchCalls.push(String(input));
    return new Response('', { status: 401 });
  }));
  await portalsItem.setValue([{ origin: PORTAL, name: 'P', addedAt: 1 }]);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const ODD_ORIGINS = [
  ` ${PORTAL}`,
  `${PORTAL} `,
  `\t${PORTAL}`,
  `${PORTAL}\u00a0`,
  `${PORTAL}/`,
  'HTTPS://portal.example.com',
  'javascript:alert(1)',
  'data:text/html,x',
  `blob:${PORTAL}/1234`,
  'https://other.example.com',
];

describe('route: only added portals, compared exactly', () => {
  it.each(ODD_ORIGINS)('%j is not-added for every request, with no request and no record', async (origin) => {
    for (const type of ['schedule.load', 'portal.status', 'storage.options', 'history.list', 'backup.progress', 'health.check', 'health.acknowledge', 'portals.remove', 'portals.rename'] as const) {
      const msg = type === 'portals.rename' ? { type, origin, name: 'x' } : { type, origin };
      expect(await route(msg, popup, ctx), type).toEqual({ ok: false, failure: { kind: 'not-added' } });
    }
    expect(fetchCalls).toEqual([]);
    const keys = Object.keys(await fakeBrowser.storage.local.get(null));
    expect(keys).toEqual(['portals']);
    expect(await portalsItem.getValue()).toEqual([{ origin: PORTAL, name: 'P', addedAt: 1 }]);
  });

  it('2 000 health.check messages for origins never added write nothing', async () => {
    for (let i = 0; i < 2000; i++) await route({ type: 'health.check', origin: `https://x${i}.example.com` }, popup, ctx);
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual(['portals']);
  });

  it('portals.add of a javascript: address is refused as not a portal address', async () => {
    const reply = await route({ type: 'portals.add', origin: 'javascript:alert(1)', name: '' }, popup, ctx);
    expect(reply).toMatchObject({ ok: false, failure: { kind: 'internal' } });
  });
});

describe('boundedReply', () => {
  it('a deep or huge answer becomes a failure the page can show, never a messaging error', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = { a: deep };
    expect(boundedReply({ ok: true, data: deep })).toMatchObject({ ok: false, failure: { kind: 'unexpected' } });
    expect(boundedReply({ ok: true, data: 'x'.repeat(9 * 1024 * 1024) })).toMatchObject({ ok: false, failure: { kind: 'unexpected' } });
    expect(boundedReply({ ok: true, data: { a: [1] } })).toEqual({ ok: true, data: { a: [1] } });
  });
});

describe('removing a portal', () => {
  it('removes every key the registry keeps for it, the last-shown portal included', async () => {
    const { portalKeys } = await import('../pure/storage/registry');
    await fakeBrowser.storage.local.set({ ...Object.fromEntries(portalKeys(PORTAL).map((k) => [k, { x: 1 }])), lastPortal: PORTAL, 'health:https://other.example.com': { keep: 1 } });
    expect(await route({ type: 'portals.remove', origin: PORTAL }, popup, ctx)).toMatchObject({ ok: true });
    expect(Object.keys(await fakeBrowser.storage.local.get(null)).sort()).toEqual(['health:https://other.example.com', 'portals']);
  });
});
