import { browser } from '#imports';
import { createDocSpaceClient, type ClientOptions, type DocSpaceClient } from '../docspace/client';
import { PortalError } from '../docspace/failure';
import { permissionPattern } from '../portals/origin';
import { findPortal } from '../portals/store';

const AUTH_COOKIE = 'asc_auth_key';
const DEFAULT_STORES = new Set([undefined, '', 'firefox-default', '0']);

/**
 * A client for a portal the user added and granted. By default the browser
 * attaches the session cookie. A Firefox container keeps its own cookie jar,
 * which background requests do not use, so that session is read here and sent
 * as a header; it never leaves this function's client.
 */
export async function clientFor(
  origin: string,
  cookieStoreId?: string,
  extra: Pick<ClientOptions, 'fetch' | 'queue'> = {},
): Promise<DocSpaceClient> {
  const [added, granted] = await Promise.all([findPortal(origin), browser.permissions.contains({ origins: [permissionPattern(origin)] })]);
  if (!added) throw new PortalError({ kind: 'not-added' });
  if (!granted) throw new PortalError({ kind: 'no-permission' });
  if (DEFAULT_STORES.has(cookieStoreId)) return createDocSpaceClient({ origin, ...extra });
  const cookie = await browser.cookies.get({ url: origin, name: AUTH_COOKIE, storeId: cookieStoreId });
  if (!cookie?.value) throw new PortalError({ kind: 'signed-out' });
  return createDocSpaceClient({ origin, ...extra, auth: { kind: 'header', token: cookie.value } });
}
