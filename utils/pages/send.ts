import { browser } from '#imports';
import { PortalError } from '../pure/docspace/failure';
import type { RequestOf, RequestType, ResponseOf } from '../pure/messages/protocol';
import { loadOnce } from '../pure/load-once';

// The answer schemas bring zod along. A page starts loading them with its first
// request, so they arrive with the answer instead of delaying the first render.
const loadProtocol = loadOnce(() => import('../pure/messages/protocol'));

/** Ask the background; resolves with its validated answer or throws a PortalError. */
export async function send<T extends RequestType>(request: RequestOf<T>): Promise<ResponseOf<T>> {
  const schemas = loadProtocol();
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage(request);
  } catch {
    // The browser's own messaging error ("Could not serialize message", a worker restarting)
    // says nothing a user can act on; the background bounds its replies so this stays rare.
    throw new PortalError({ kind: 'internal', message: 'The background could not pass on its answer. Try again.' });
  }
  const { replySchema, responseSchemas } = await schemas;
  const reply = replySchema.safeParse(raw);
  if (!reply.success) throw new PortalError({ kind: 'internal', message: 'The background sent no answer.' });
  if (!reply.data.ok) throw new PortalError(reply.data.failure);
  const data = responseSchemas[request.type].safeParse(reply.data.data);
  if (!data.success) throw new PortalError({ kind: 'internal', message: `Malformed answer to ${request.type}` });
  return data.data as ResponseOf<T>;
}
