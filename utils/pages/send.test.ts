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
