import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startPortal, type RunningPortal } from '../portal/server';
import { portalTestClient, type PortalTestClient } from '../portal/test-client';
import { route, type RouterContext } from '@/utils/background/router';
import { portalsItem } from '@/utils/extension/portal-list';
import { draftItem, type Draft } from '@/utils/extension/schedule-draft';
import { defaultForm } from '@/utils/pure/schedule/form';
import type { PortalFailure } from '@/utils/pure/docspace/failure';
import type { Request } from '@/utils/pure/messages/protocol';
import { describeFailure } from '@/components/FailureNotice';
import { message, mockI18n } from './i18n-mock';

// Issue 11, "done when": every failure kind × every operation against the local
// portal (its own fault controls, tests/portal/lib/faults.ts), each with its
// message, and the drafts of both pages intact after each.

const CONTAINER = 'firefox-container-1';
let server: RunningPortal;
let portal: PortalTestClient;
let origin: string;
let dataDir: string;
let token: string;
let elsewhere: Server;
let elsewhereUrl: string;
let elsewhereHits = 0;

const ctx: RouterContext = { ownId: fakeBrowser.runtime.id, ownBaseUrl: fakeBrowser.runtime.getURL('/') };
const page: Browser.runtime.MessageSender = { id: ctx.ownId, url: `${ctx.ownBaseUrl}options.html` };

type Op = { name: string; path: string; request: () => Request };
const room = [{ key: 'folderId', value: '101' }];
const OPERATIONS: Op[] = [
  { name: 'load', path: 'getbackupschedule', request: () => ({ type: 'schedule.load', origin, cookieStoreId: CONTAINER }) },
  {
    name: 'save',
    path: 'createbackupschedule',
    request: () => ({
      type: 'schedule.save',
      origin,
      cookieStoreId: CONTAINER,
      request: { storageType: 0, storageParams: room, backupsStored: 3, cronParams: { period: 1, hour: 4, day: 2 }, dump: false },
      expected: 'none',
      force: true,
    }),
  },
  { name: 'delete', path: 'deletebackupschedule', request: () => ({ type: 'schedule.delete', origin, cookieStoreId: CONTAINER, expected: 'none', force: true }) },
  { name: 'back up now', path: 'startbackup', request: () => ({ type: 'backup.start', origin, cookieStoreId: CONTAINER, storageType: 4, storageParams: null }) },
  { name: 'history', path: 'getbackuphistory', request: () => ({ type: 'history.list', origin, cookieStoreId: CONTAINER }) },
  { name: 'storage options', path: 'settings/storage/backup', request: () => ({ type: 'storage.options', origin, cookieStoreId: CONTAINER }) },
];

type Kind = { name: string; fault: () => Record<string, unknown>; expected: Partial<PortalFailure>; title: string };
const KINDS: Kind[] = [
  { name: 'signed out (401)', fault: () => ({ status: 401 }), expected: { kind: 'signed-out' }, title: message('errSignedOut') },
  { name: 'plan (402)', fault: () => ({ status: 402 }), expected: { kind: 'payment' }, title: message('errPayment') },
  { name: 'no access (403)', fault: () => ({ status: 403 }), expected: { kind: 'forbidden' }, title: message('errForbidden') },
  { name: 'not found (404)', fault: () => ({ status: 404 }), expected: { kind: 'not-found' }, title: message('errNotFound') },
  { name: 'refused (400)', fault: () => ({ status: 400 }), expected: { kind: 'rejected', status: 400 }, title: message('errRejected') },
  { name: 'rate limited (429, Retry-After for years)', fault: () => ({ status: 429, headers: { 'Retry-After': '999999999' } }), expected: { kind: 'rate-limited', retryAfterSec: 300 }, title: message('errRateLimited') },
  { name: 'server error (500)', fault: () => ({ status: 500 }), expected: { kind: 'server', status: 500 }, title: message('errServer', '500') },
  { name: 'nginx error page (502)', fault: () => ({ status: 502, body: 'html' }), expected: { kind: 'server', status: 502, html: true }, title: message('errHtmlPage', '502') },
  { name: 'truncated JSON', fault: () => ({ body: 'malformed' }), expected: { kind: 'unexpected' }, title: message('errUnexpected') },
  { name: 'dropped connection', fault: () => ({ drop: true }), expected: { kind: 'offline' }, title: message('errUnreachable') },
  { name: 'redirect to another host (307)', fault: () => ({ status: 307, headers: { Location: `${elsewhereUrl}/steal` } }), expected: { kind: 'redirected' }, title: message('robustRedirected') },
];

const DRAFT: Draft = { form: { ...defaultForm(), enabled: true, roomFolderId: '101', backupsStored: '4' }, base: 'none', savedAt: 1 };
const POPUP_DRAFT: Draft = { ...DRAFT, form: { ...DRAFT.form, backupsStored: '6' }, savedAt: 2 };

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'docspace-matrix-'));
  server = await startPortal({ port: 0, dataDir, testControls: true, backupSeconds: 1, tickMs: 3_600_000 });
  origin = server.url;
  portal = portalTestClient(origin);
  token = await portal.login();
  elsewhere = createServer((_req, res) => {
    elsewhereHits++;
    res.end('{}');
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await server.close();
  await new Promise((r) => elsewhere.close(r));
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  fakeBrowser.reset();
  mockI18n('en-US');
  // Node 20 has no navigator; the page reads navigator.onLine to tell offline from unreachable.
  if (typeof navigator === 'undefined') vi.stubGlobal('navigator', { onLine: true });
  vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(true);
  // The session of a container tab is read with the cookies API and sent as a header:
  // Node's fetch keeps no cookie jar, so this is how the background reaches the portal here.
  vi.spyOn(fakeBrowser.cookies, 'getAll').mockResolvedValue([{ name: 'asc_auth_key', value: token }] as Awaited<ReturnType<typeof fakeBrowser.cookies.getAll>>);
  await portalsItem.setValue([{ origin, name: 'Local', addedAt: 1 }]);
  await draftItem(origin).setValue(DRAFT);
  await draftItem(origin, 'popup').setValue(POPUP_DRAFT);
  await portal.control('faults', undefined, 'DELETE');
});

async function expectFailure(op: Op, kind: Kind) {
  const reply = await route(op.request(), page, ctx);
  expect(reply, `${kind.name} × ${op.name}`).toMatchObject({ ok: false, failure: kind.expected });
  if (!reply || reply.ok) return;
  // Its message: the page's own words for it, never a raw error.
  expect(describeFailure(reply.failure).title).toBe(kind.title);
  expect(kind.title).not.toBe('');
  // Nothing typed is lost, on either page.
  expect(await draftItem(origin).getValue()).toEqual(DRAFT);
  expect(await draftItem(origin, 'popup').getValue()).toEqual(POPUP_DRAFT);
}

describe('fault matrix: every failure kind × every operation, against the local portal', () => {
  it('each operation works without a fault (the matrix tests the faults, not a broken setup)', async () => {
    for (const op of OPERATIONS) expect(await route(op.request(), page, ctx), op.name).toMatchObject({ ok: true });
  });

  for (const kind of KINDS) {
    it.each(OPERATIONS.map((op) => [op.name, op] as const))(`${kind.name} × %s`, async (_name, op) => {
      await portal.control('faults', { path: op.path, ...kind.fault(), times: 1 });
      await expectFailure(op, kind);
    });
  }

  it('no answer within 10 seconds × every operation (all at once, each on its own path)', async () => {
    for (const op of OPERATIONS) await portal.control('faults', { path: op.path, delayMs: 11_000, times: 1 });
    const kind: Kind = { name: 'timeout', fault: () => ({}), expected: { kind: 'timeout', seconds: 10 }, title: message('errTimeout', '10') };
    await Promise.all(OPERATIONS.map((op) => expectFailure(op, kind)));
  }, 30_000);

  it('the schedule the portal sends out of range is unreadable for load, save and delete, which read it first', async () => {
    await route(OPERATIONS[1]!.request(), page, ctx);
    const kind: Kind = { name: 'out of range', fault: () => ({}), expected: { kind: 'unreadable' }, title: message('robustUnreadable') };
    // Every read of the schedule, not only the next one: a health check that a failed load starts
    // in the background (schedule.ts) reads it too, and must not take the one meant for the next operation.
    await portal.control('faults', {
      path: 'getbackupschedule',
      body: { response: { storageType: 0, storageParams: { folderId: '101' }, cronParams: { period: 1, hour: 4, day: 8 }, backupsStored: 3, lastBackupTime: '0001-01-01T00:00:00', dump: false }, count: 1, status: 0, statusCode: 200 },
      times: 0,
    });
    for (const op of OPERATIONS.slice(0, 3)) await expectFailure(op, kind);
  });

  it('no request of the matrix reached the host a redirect pointed at', () => {
    expect(elsewhereHits).toBe(0);
  });
});
