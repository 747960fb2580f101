// Limits on what the portal and pages may hand the extension. Pure functions,
// no zod, so pages can use them without loading it.

/** Larger answers are refused unread: no backup API answer comes near this. */
export const MAX_ANSWER_BYTES = 4 * 1024 * 1024;
/** Deeper JSON is refused: the extension reads at most 6 levels, and the browser's messaging gives up far below V8's limit. */
export const MAX_JSON_DEPTH = 32;
/** A Retry-After longer than this is read as this: a portal must not disable Retry for years. */
export const MAX_RETRY_AFTER_SEC = 300;

/** The nesting depth of a JSON value, walked without recursion (a deep value must not overflow the stack). */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Retry-After as seconds: delta-seconds or an HTTP-date (RFC 9110 §10.2.3), capped; undefined when unreadable or past. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  let seconds: number;
  if (/^\d+$/.test(text)) seconds = Number(text);
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at) || !/[a-z]/i.test(text)) return undefined;
    seconds = Math.ceil((at - now) / 1000);
  }
  if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
  return Math.min(seconds, MAX_RETRY_AFTER_SEC);
}

/** Room and folder ids are integers; connected third-party folders have "<provider>-<account>[-|<path>]" ids (sbox-1|/Backups). */
const INT_ID = /^[1-9]\d{0,9}$/;
// eslint-disable-next-line no-control-regex
const THIRD_PARTY_ID = /^[a-z][a-z0-9]*-\d+(?:[-|][^\u0000-\u001f]*)?$/i;
export const MAX_ID_LENGTH = 256;

export function isFolderId(id: unknown): id is number | string {
  if (typeof id === 'number') return Number.isSafeInteger(id) && id > 0;
  if (typeof id !== 'string' || id.length > MAX_ID_LENGTH) return false;
  return INT_ID.test(id) || THIRD_PARTY_ID.test(id);
}

/** Backup history ids are GUIDs. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isBackupId(id: unknown): id is string {
  return typeof id === 'string' && GUID.test(id);
}

/**
 * A download link the portal gave, only when it stays on the portal's own origin
 * (relative, or absolute on the same origin); null otherwise, `javascript:` included.
 */
export function portalLink(link: string | null | undefined, origin: string): string | null {
  if (!link) return null;
  try {
    const base = new URL(origin);
    const url = new URL(link, base);
    return url.origin === base.origin && (url.protocol === 'https:' || url.protocol === 'http:') ? url.href : null;
  } catch {
    return null;
  }
}
