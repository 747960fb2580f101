import { browser } from '#imports';
import { PortalError } from '../pure/docspace/failure';
import type { Reply, RequestOf, RequestType, ResponseOf } from '../pure/messages/protocol';

/**
 * Ask the background; resolves with its answer or throws a PortalError. The
 * background checked the answer against the protocol before sending it
 * (router.ts), so a page loads no zod to read it.
 */
export async function send<T extends RequestType>(request: RequestOf<T>): Promise<ResponseOf<T>> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage(request);
  } catch {
    // The browser's own messaging error ("Could not serialize message", a worker restarting)
    // says nothing a user can act on; the background bounds its replies so this stays rare.
    throw new PortalError({ kind: 'internal', message: 'The background could not pass on its answer. Try again.' });
  }
  // No listener answered (the background not running), or something else did.
  if (typeof raw !== 'object' || raw === null || typeof (raw as { ok?: unknown }).ok !== 'boolean') {
    throw new PortalError({ kind: 'internal', message: 'The background sent no answer.' });
  }
  const reply = raw as Reply;
  if (!reply.ok) throw new PortalError(reply.failure);
  return reply.data as ResponseOf<T>;
}
