import type { Browser } from '#imports';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { portalsItem } from '../extension/portal-list';
import { route, type RouterContext } from './router';

const ctx: RouterContext = { ownId: fakeBrowser.runtime.id, ownBaseUrl: fakeBrowser.runtime.getURL('/') };
const options: Browser.runtime.MessageSender = { id: ctx.ownId, url: `${ctx.ownBaseUrl}options.html` };
let granted: Set<string>;

describe('portals.import', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    granted = new Set();
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async (p) => (p.origins ?? []).every((o) => granted.has(o)));
  });
  afterEach(() => vi.restoreAllMocks());

  it('adds the granted new portals in one write, named by the list or by host, and says how many', async () => {
    await portalsItem.setValue([{ origin: 'https://known.example.com', name: 'Known', addedAt: 1 }]);
    granted.add('https://a.example.com/*').add('https://known.example.com/*').add('http://branch1.localhost/*');
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    const reply = await route(
      {
        type: 'portals.import',
        portals: [
          { origin: 'https://a.example.com', name: 'Head office' },
          { origin: 'https://known.example.com', name: 'Again' },
          { origin: 'https://not-granted.example.com', name: 'No' },
          { origin: 'http://branch1.localhost:8093', name: ' ' },
          { origin: 'https://a.example.com', name: 'Twice' },
        ],
      },
      options,
      ctx,
    );
    expect(reply).toMatchObject({ ok: true, data: { added: 2 } });
    expect(set).toHaveBeenCalledTimes(1);
    expect((await portalsItem.getValue()).map((p) => [p.origin, p.name])).toEqual([
      ['https://known.example.com', 'Known'],
      ['https://a.example.com', 'Head office'],
      ['http://branch1.localhost:8093', 'branch1.localhost:8093'],
    ]);
  });

  it('refuses more than 1000 portals and addresses that are not portal addresses', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({ origin: `https://p${i}.example.com`, name: '' }));
    expect(await route({ type: 'portals.import', portals: many }, options, ctx)).toMatchObject({ ok: false, failure: { kind: 'internal' } });
    granted.add('http://example.com/*');
    expect(await route({ type: 'portals.import', portals: [{ origin: 'http://example.com', name: '' }] }, options, ctx)).toMatchObject({
      ok: true,
      data: { added: 0 },
    });
  });
});
