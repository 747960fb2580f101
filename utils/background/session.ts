import { browser, type Browser } from '#imports';
import { createDocSpaceClient, type ClientOptions, type DocSpaceClient } from './docspace-client';
import { PortalError } from '../pure/docspace/failure';
import { permissionPattern } from '../pure/portals/origin';
import { findPortal } from '../extension/portal-list';

const AUTH_COOKIE = 'asc_auth_key';
const DEFAULT_STORES = new Set([undefined, '', 'firefox-default', '0']);

type Cookie = Browser.cookies.Cookie;

/** How a portal's session travels, decided by `findSession`. */
export type SessionRoute =
  | { kind: 'cookie'; fallback?: string }
  | { kind: 'header'; token: string; fallback?: string }
  | { kind: 'none' };

/**
 * A client for a portal the user added and granted, carrying the session of the
 * tab's cookie store (see `findSession` for the rule). The token, when one is
 * read, never leaves this function's client.
 */
export async function clientFor(
  origin: string,
  cookieStoreId?: string,
  extra: Pick<ClientOptions, 'fetch' | 'queue'> = {},
): Promise<DocSpaceClient> {
  const [added, granted] = await Promise.all([findPortal(origin), browser.permissions.contains({ origins: [permissionPattern(origin)] })]);
  if (!added) throw new PortalError({ kind: 'not-added' });
  if (!granted) throw new PortalError({ kind: 'no-permission' });
  const session = await findSession(origin, cookieStoreId);
  if (session.kind === 'none') throw new PortalError({ kind: 'signed-out' });
  const auth = session.kind === 'header' ? { kind: 'header' as const, token: session.token } : { kind: 'cookie' as const };
  const doFetch = extra.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  return createDocSpaceClient({ origin, ...extra, auth, ...(session.fallback ? { fetch: withFallback(session.fallback, doFetch) } : {}) });
}

/**
 * When the first session is refused (401) and the store holds another one, the request is sent
 * again with that token as the header (cookies omitted), and the client keeps using it. A refused
 * request did nothing on the server, so sending it again is safe.
 */
function withFallback(token: string, doFetch: typeof fetch): typeof fetch {
  let switched = false;
  const asHeader = (input: RequestInfo | URL, init: RequestInit = {}) =>
    doFetch(input, { ...init, headers: { ...(init.headers as Record<string, string>), Authorization: token }, credentials: 'omit', redirect: 'manual' });
  return async (input, init) => {
    if (switched) return asHeader(input, init);
    const first = await doFetch(input, init);
    if (first.status !== 401) return first;
    const second = await asHeader(input, init);
    switched = second.status !== 401;
    return second;
  };
}

/**
 * The rule, from what Chromium 156 and Firefox ESR 153 do (measured; README "Sessions"):
 * - A background `fetch(credentials: 'include')` attaches the portal's unpartitioned cookie
 *   (Strict, Lax or None) from the default store, and never a partitioned one (DocSpace 3.8's
 *   `SameSite=None; Secure; Partitioned`), nor one from a Firefox container.
 * - `cookies.getAll({ partitionKey: {} })` lists the partitioned cookie too; the one the portal's
 *   own page set is keyed by the portal's own site (`topLevelSite`, e.g. `https://127.0.0.1`).
 * So: default store with an unpartitioned cookie → the browser sends it; otherwise the cookie of
 * the tab's store (unpartitioned, else the portal's own partition) goes as the `Authorization`
 * header with cookies omitted. With nothing readable in the default store the plain request
 * still goes (the server decides; Firefox's cookies API does not list `[::1]` cookies that its
 * fetch sends); in another store that is signed out. Only `asc_auth_key` counts: a 2FA sign-in
 * still pending holds `asc_confirm_key_*`, which is no session.
 */
export async function findSession(origin: string, cookieStoreId?: string): Promise<SessionRoute> {
  const defaultStore = DEFAULT_STORES.has(cookieStoreId);
  const cookies = (await readAuthCookies(origin, defaultStore ? undefined : cookieStoreId)).filter((c) => c.value);
  const plain = cookies.find((c) => !c.partitionKey?.topLevelSite);
  const partition = ownPartition(cookies, origin);
  const plainToken = plain && headerToken(plain.value);
  const partitionToken = partition && headerToken(partition.value);
  // Both kinds can live side by side (a 3.7 cookie kept for a year beside 3.8's partitioned one,
  // or the portal's samesite setting changed): the other one is the fallback when the first is refused.
  const fallback = plain && partitionToken ? { fallback: partitionToken } : {};
  if (plain && defaultStore) return { kind: 'cookie', ...fallback };
  if (plainToken) return { kind: 'header', token: plainToken, ...fallback };
  if (partitionToken) return { kind: 'header', token: partitionToken };
  return defaultStore ? { kind: 'cookie' } : { kind: 'none' };
}

/** Every asc_auth_key for the portal in that store, partitioned ones included where the browser knows partitions. */
async function readAuthCookies(origin: string, storeId: string | undefined): Promise<Cookie[]> {
  const details = { url: origin, name: AUTH_COOKIE, ...(storeId ? { storeId } : {}) };
  try {
    return await browser.cookies.getAll({ ...details, partitionKey: {} });
  } catch {
    // A browser without partitioned cookies refuses the property: it has unpartitioned ones only.
    // If the cookies API fails outright, the default store still has the browser's own cookie.
    try {
      return await browser.cookies.getAll(details);
    } catch (error) {
      if (storeId) throw error;
      return [];
    }
  }
}

/** The cookie partitioned under the portal's own site (set by its top-level page), not one from an embed elsewhere. */
function ownPartition(cookies: Cookie[], origin: string): Cookie | undefined {
  const portal = new URL(origin);
  const mine = cookies.filter((c) => {
    const site = c.partitionKey?.topLevelSite;
    if (!site || !URL.canParse(site)) return false;
    const top = new URL(site);
    return top.protocol === portal.protocol && (portal.hostname === top.hostname || portal.hostname.endsWith(`.${top.hostname}`));
  });
  return mine.find((c) => !c.partitionKey?.hasCrossSiteAncestor) ?? mine[0];
}

/**
 * The cookie holds the token URL-escaped (%2B %2F %3D). The server decodes whatever it gets
 * (`HttpUtility.UrlDecode(…).Replace(' ', '+')`, header included), so both forms work; send the
 * token as the server issued it, which is what `Authorization` is documented to carry.
 */
export function tokenOf(cookieValue: string): string {
  try {
    return decodeURIComponent(cookieValue);
  } catch {
    return cookieValue;
  }
}

// What a header may carry without the browser refusing it (and naming the value in its error).
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/** The token to send as the header: decoded when that is header-safe, else the cookie's own value if it is; else none. */
function headerToken(cookieValue: string): string | undefined {
  return [tokenOf(cookieValue), cookieValue].find((t) => HEADER_SAFE.test(t));
}
