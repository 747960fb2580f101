import { MAX_JSON_DEPTH, jsonDepth } from '../pure/docspace/bounds';
import type { Reply } from '../pure/messages/protocol';

/** Above this the browser's messaging may refuse the reply ("Could not serialize message"). */
export const MAX_REPLY_CHARS = 8 * 1024 * 1024;

/**
 * A reply the browser can always pass to the page: a value too deep or too large
 * becomes a failure the page explains, never a raw messaging error.
 */
export function boundedReply(reply: Reply): Reply {
  if (!reply.ok) return reply;
  let size: number;
  try {
    if (jsonDepth(reply.data) > MAX_JSON_DEPTH) return unexpected(`nested more than ${MAX_JSON_DEPTH} levels deep`);
    size = JSON.stringify(reply.data ?? null).length;
  } catch (error) {
    return unexpected(error instanceof Error ? error.message : String(error));
  }
  return size > MAX_REPLY_CHARS ? unexpected(`${Math.round(size / 1024 / 1024)} MB, more than a page can be sent`) : reply;
}

const unexpected = (why: string): Reply => ({ ok: false, failure: { kind: 'unexpected', details: `The answer could not be passed to the page: ${why}.` } });
