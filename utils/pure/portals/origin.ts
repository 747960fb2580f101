/**
 * Normalise what a user typed into a portal origin. https only, except plain
 * http for loopback hosts (the local portal and self-hosted test installs).
 */
export type OriginResult = { ok: true; origin: string } | { ok: false; reason: 'invalid' | 'insecure' };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
/** A host name as the URL parser leaves it (IDNs in punycode), or an IPv6 literal. */
const HOST = /^(?:[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?\.?$|^\[[0-9a-f:.]+\]$/i;
// Browsers resolve every *.localhost name to the loopback (RFC 6761): distinct
// local portals that keep separate sessions, since cookies ignore ports.
const isLoopback = (host: string) => LOOPBACK.has(host) || host.endsWith('.localhost');

export function parsePortalOrigin(input: string): OriginResult {
  const text = input.trim();
  // Chromium's URL parser escapes a space inside a host instead of refusing it.
  if (!text || /\s/.test(text)) return { ok: false, reason: 'invalid' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (!url.hostname || url.username || url.password || !HOST.test(url.hostname)) return { ok: false, reason: 'invalid' };
  if (url.protocol === 'https:') return { ok: true, origin: url.origin };
  if (url.protocol === 'http:') {
    return isLoopback(url.hostname) ? { ok: true, origin: url.origin } : { ok: false, reason: 'insecure' };
  }
  return { ok: false, reason: 'invalid' };
}

/** Host permissions (and the cookies API) match without the port. */
export function permissionPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

export function isPortalOrigin(value: string): boolean {
  const parsed = parsePortalOrigin(value);
  return parsed.ok && parsed.origin === value;
}

/** A portal's name, as the background accepts it (the request schema's bound). */
export const MAX_NAME_LENGTH = 120;
