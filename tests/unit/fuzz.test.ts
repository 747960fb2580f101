import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { portalFailureSchema } from '@/utils/pure/messages/protocol';
import { replySchema } from '@/utils/pure/messages/protocol';
import { portalsItem } from '@/utils/extension/portal-list';
import { parsePortalOrigin } from '@/utils/pure/portals/origin';
import { route, type RouterContext } from '@/utils/background/router';

// Issue 11, "done when": at least 10 000 generated messages (fixed seed) to the
// background. No crash, no unhandled rejection, every reply a clear failure, and
// not one request reaches a loopback listener that stands for a host never added.
// The one added portal is hostile: every answer is a redirect to that listener,
// an error, a huge or deep body, or values out of range.

const SEED = 0x11_2026;
const MESSAGES = 10_000;

/** mulberry32: a small, fixed-seed generator, so a failure is replayable. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  return { next, int, pick };
}

let foreign: Server;
let foreignOrigin: string;
let foreignHits = 0;
let hostile: Server;
let portalOrigin: string;
let portalHits = 0;

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));
}

const envelope = (response: unknown) => JSON.stringify({ response, count: 1, status: 0, statusCode: 200 });
const deep = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;

/** Every answer of the hostile portal: none is a valid answer to anything. */
function hostileAnswer(rnd: ReturnType<typeof generator>, req: IncomingMessage, res: ServerResponse) {
  const to = `${foreignOrigin}${req.url ?? '/'}`;
  const json = (status: number, body: string, headers: Record<string, string> = {}) =>
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(body);
  switch (rnd.int(12)) {
    case 0:
      return res.writeHead(307, { Location: to }).end();
    case 1:
      return res.writeHead(302, { Location: to }).end();
    case 2:
      return json(200, `{"response":${deep(5000)},"status":0,"statusCode":200}`);
    case 3:
      return json(200, '{"response":[]}', { 'Content-Length': String(50 * 1024 * 1024) });
    case 4:
      return res.writeHead(502, { 'Content-Type': 'text/html' }).end('<html><body>502 Bad Gateway</body></html>');
    case 5:
      return json(500, JSON.stringify({ error: { message: 'boom' }, status: 1, statusCode: 500 }));
    case 6:
      return json(200, envelope({ folders: 1, storageType: 0, storageParams: { folderId: '..' }, cronParams: { period: 7, hour: 1e15, day: 99 }, backupsStored: -5, lastBackupTime: 'x' }));
    case 7:
      return json(200, '{"response":{"storageType":0,');
    case 8:
      return json(429, '', { 'Retry-After': '999999999' });
    case 9:
      return json(200, envelope({ folders: 'x', isCompleted: 'yes', link: 'javascript:alert(1)', id: {}, timezone: 'Mars/Olympus' }));
    case 10:
      return json(200, envelope('not what was asked'));
    default:
      return json(404, '');
  }
}

// What a page could send: shapes right and wrong, origins added and not.
const TYPES = [
  'portals.list', 'portals.add', 'portals.remove', 'portals.rename', 'portal.status', 'schedule.load', 'schedule.save', 'schedule.delete',
  'storage.options', 'folders.list', 'backup.start', 'backup.progress', 'backup.cancel', 'history.list', 'history.delete', 'history.clear',
  'health.list', 'health.check', 'health.acknowledge', 'health.checkAll', 'portals.import', 'nope', '', '__proto__', 'constructor',
] as const;
/** Requests that answer with a list or a health state rather than a failure, when sent well-formed for the added portal. */
const STATEFUL = new Set(['portals.list', 'health.list', 'portals.remove', 'portals.rename', 'portals.add', 'health.check', 'health.acknowledge']);

function oddOrigins(): string[] {
  return [
    foreignOrigin,
    `${foreignOrigin}/`,
    ` ${portalOrigin}`,
    `${portalOrigin} `,
    `\t${portalOrigin}`,
    `${portalOrigin}\u00a0`,
    `${portalOrigin}/..`,
    portalOrigin.toUpperCase(),
    'javascript:alert(1)',
    'data:text/html,<b>x</b>',
    `blob:${portalOrigin}/0b1c`,
    'file:///etc/passwd',
    'chrome://settings',
    'http://[::1]:1',
    'https://portal.example.com',
    'x'.repeat(301),
    '',
  ];
}

function value(rnd: ReturnType<typeof generator>, depth = 0): unknown {
  switch (rnd.int(depth > 3 ? 7 : 10)) {
    case 0:
      return rnd.int(1e6) - 5e5;
    case 1:
      return rnd.pick([Number.NaN, Infinity, -0, 1e15, 2 ** 53, -5, 8, 99, 7]);
    case 2:
      return rnd.pick(['', '..', '.', '../..', '%2e%2e', 'a'.repeat(5000), '\u0000', '<script>', '3f2504e0-4f89-41d3-9a0c-0305e82c3301']);
    case 3:
      return rnd.pick([true, false, null, undefined]);
    case 4:
      return rnd.pick(oddOrigins());
    case 5:
      return `${rnd.next()}`;
    case 6:
      return rnd.pick(['sbox-1', '12345', 'module', 's3']);
    case 7:
      return Array.from({ length: rnd.int(4) }, () => value(rnd, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: rnd.int(4) }, () => [rnd.pick(['key', 'value', 'period', 'hour', 'day', '__proto__', 'x']), value(rnd, depth + 1)]));
  }
}

function schedRequest(rnd: ReturnType<typeof generator>) {
  return {
    storageType: rnd.pick([0, 1, 5, 3, 99, -1]),
    storageParams: rnd.next() < 0.8 ? [{ key: 'folderId', value: String(value(rnd)) }, { key: 'secretkey', value: 'S3CRET' }] : value(rnd),
    backupsStored: rnd.pick([1, 30, 0, -5, 31, 1.5]),
    cronParams: { period: rnd.pick([0, 1, 2, 7]), hour: rnd.pick([0, 23, 24, 1e15]), day: rnd.pick([0, 1, 7, 8, 31, 99]) },
    dump: rnd.next() < 0.5,
  };
}

/** One message: mostly well-formed enough to pass the request schema, often aimed at the hostile portal. */
function message(rnd: ReturnType<typeof generator>): unknown {
  const roll = rnd.next();
  if (roll < 0.08) return value(rnd);
  const type = rnd.pick(TYPES);
  const origin = roll < 0.55 ? portalOrigin : rnd.pick(oddOrigins());
  const msg: Record<string, unknown> = { type, origin };
  if (rnd.next() < 0.3) msg.cookieStoreId = rnd.pick([undefined, 'firefox-container-1', '', 'x'.repeat(200)]);
  if (type === 'schedule.save') Object.assign(msg, { request: schedRequest(rnd), expected: rnd.pick(['none', 'x', '']), force: rnd.next() < 0.5 });
  if (type === 'schedule.delete') Object.assign(msg, { expected: 'none', force: rnd.next() < 0.5 });
  if (type === 'folders.list') msg.folderId = rnd.pick([undefined, '..', '.', 12345, 'sbox-1|/x', -1, '%2e%2e', 'x'.repeat(300)]);
  if (type === 'history.delete') msg.id = rnd.pick(['..', '.', '', '3f2504e0-4f89-41d3-9a0c-0305e82c3301', 'x/../y']);
  if (type === 'backup.start') Object.assign(msg, { storageType: rnd.pick([0, 4, 5]), storageParams: rnd.next() < 0.5 ? null : [{ key: 'folderId', value: '..' }] });
  // An import lists many addresses: none granted but the added portal's own host, so nothing may be added.
  if (type === 'portals.import') {
    msg.portals = rnd.next() < 0.1 ? value(rnd) : Array.from({ length: rnd.int(40) }, () => ({ origin: rnd.pick(oddOrigins()), name: rnd.pick(['', 'N', 'N'.repeat(121)]) }));
  }
  if (type === 'portals.add' || type === 'portals.rename') msg.name = rnd.pick(['', 'Work', 'N'.repeat(121), 42]);
  if (rnd.next() < 0.1) msg.extra = value(rnd);
  if (rnd.next() < 0.05) delete msg.origin;
  return msg;
}

/** A reply is clear: a failure of a known kind; an internal one only for a malformed request or address. */
function expectClearFailure(reply: unknown, msg: unknown) {
  const parsed = replySchema.safeParse(reply);
  expect(parsed.success, JSON.stringify(msg)?.slice(0, 300)).toBe(true);
  if (!parsed.success) return;
  const ctx = `${JSON.stringify(msg)?.slice(0, 300)} → ${JSON.stringify(reply).slice(0, 300)}`;
  expect(parsed.data.ok, ctx).toBe(false);
  if (parsed.data.ok) return;
  expect(portalFailureSchema.safeParse(parsed.data.failure).success, ctx).toBe(true);
  const failure = parsed.data.failure;
  if (failure.kind === 'internal') expect(failure.message, ctx).toMatch(/^(Malformed request|Not a portal address: )/);
  if (failure.kind === 'unexpected' || failure.kind === 'unreadable') expect(failure.details.length, ctx).toBeLessThan(2000);
}

const ctx: RouterContext = { ownId: fakeBrowser.runtime.id, ownBaseUrl: fakeBrowser.runtime.getURL('/') };
const sender: Browser.runtime.MessageSender = { id: ctx.ownId, url: `${ctx.ownBaseUrl}popup.html` };

beforeAll(async () => {
  foreign = createServer((_req, res) => {
    foreignHits++;
    res.end('{}');
  });
  foreignOrigin = `http://127.0.0.1:${await listen(foreign, '127.0.0.1')}`;
  const rnd = generator(SEED ^ 0xbad);
  hostile = createServer((req, res) => {
    portalHits++;
    req.resume();
    hostileAnswer(rnd, req, res);
  });
  portalOrigin = `http://localhost:${await listen(hostile, '127.0.0.1')}`;
});
afterAll(async () => {
  await Promise.all([new Promise((r) => foreign.close(r)), new Promise((r) => hostile.close(r))]);
});

describe('fuzzing the background with generated messages', () => {
  it(`${MESSAGES} messages, seed ${SEED}: clear failures only, nothing reaches a host never added`, async () => {
    fakeBrowser.reset();
    // The worst case: the portal's host is granted (the e2e build grants loopback), the foreign one is not.
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async (p) => (p.origins ?? []).every((o) => o === 'http://localhost/*'));
    vi.spyOn(fakeBrowser.permissions, 'remove').mockResolvedValue(true);
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    // A container's session is found, so its requests go to the hostile portal too.
    vi.spyOn(fakeBrowser.cookies, 'getAll').mockResolvedValue([{ name: 'asc_auth_key', value: 'container-token' }] as Awaited<ReturnType<typeof fakeBrowser.cookies.getAll>>);
    await portalsItem.setValue([{ origin: portalOrigin, name: 'Hostile', addedAt: 1 }]);

    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const rnd = generator(SEED);
    let answered = 0;
    try {
      for (let i = 0; i < MESSAGES; i++) {
        const msg = message(rnd);
        const m = msg as { type?: unknown; origin?: unknown };
        // Well-formed list and health requests for the added portal answer with a list or a state, by design.
        if (m?.type === 'portals.list' || m?.type === 'health.list') continue;
        if (typeof m?.type === 'string' && STATEFUL.has(m.type) && (m.origin === portalOrigin || m.origin === undefined)) continue;
        // Adding is where typed addresses are read leniently: " http://host " is that portal, already added.
        if (m?.type === 'portals.add' && typeof m.origin === 'string' && parsePortalOrigin(m.origin).ok && (parsePortalOrigin(m.origin) as { origin: string }).origin === portalOrigin) continue;
        const reply = await route(msg, sender, ctx);
        // A well-formed import answers how many it added: always none here.
        if (m?.type === 'portals.import' && (reply as { ok?: boolean })?.ok) expect((reply as { data: { added: number } }).data.added, JSON.stringify(msg).slice(0, 300)).toBe(0);
        // "Refresh all" carries no address (any sent along is dropped): it checks the one added portal, nothing else.
        else if (m?.type === 'health.checkAll' && (reply as { ok?: boolean })?.ok) expect((reply as { data: { checked: number } }).data.checked).toBe(1);
        else expectClearFailure(reply, msg);
        answered++;
      }
      // Let any background work the messages started finish or fail.
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(answered).toBeGreaterThanOrEqual(MESSAGES * 0.8);
    expect(unhandled).toEqual([]);
    expect(foreignHits).toBe(0);
    expect(portalHits).toBeGreaterThan(1000);
    // No record for any origin but the added portal's.
    const keys = Object.keys(await fakeBrowser.storage.local.get(null));
    expect(keys.filter((k) => k.includes(':') && !k.endsWith(portalOrigin))).toEqual([]);
    expect(await portalsItem.getValue()).toEqual([{ origin: portalOrigin, name: 'Hostile', addedAt: 1 }]);
  }, 240_000);

  it('messages from anything but the extension’s own pages get no answer at all', async () => {
    const rnd = generator(SEED + 1);
    const strangers: Browser.runtime.MessageSender[] = [{}, { id: 'other' }, { id: ctx.ownId, url: `${portalOrigin}/` }, { id: ctx.ownId, url: `chrome-extension://${ctx.ownId}-x/` }];
    for (let i = 0; i < 500; i++) expect(await route(message(rnd), rnd.pick(strangers), ctx)).toBeUndefined();
    expect(foreignHits).toBe(0);
  });
});
