import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PortalError } from '../pure/docspace/failure';
import { send } from './send';

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

it('the browser’s raw messaging error never reaches the page', async () => {
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Could not serialize message.'));
  const error = await send({ type: 'portals.list' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PortalError);
  expect(JSON.stringify((error as PortalError).failure)).not.toContain('serialize');
});

it('no answer at all (no background listening) is said so, not taken as data', async () => {
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
  const error = await send({ type: 'portals.list' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PortalError);
  expect((error as PortalError).failure).toEqual({ kind: 'internal', message: 'The background sent no answer.' });
});

it('the answer is handed on as the background checked it, and its failure as a PortalError', async () => {
  const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: true, data: [] });
  await expect(send({ type: 'portals.list' })).resolves.toEqual([]);
  spy.mockResolvedValue({ ok: false, failure: { kind: 'signed-out' } });
  const error = await send({ type: 'portals.list' }).catch((e: unknown) => e);
  expect((error as PortalError).failure).toEqual({ kind: 'signed-out' });
});
