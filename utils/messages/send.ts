import { browser } from '#imports';
import { PortalError } from '../docspace/failure';
import type * as Protocol from './protocol';
import type { RequestOf, RequestType, ResponseOf } from './protocol';

// The answer schemas bring zod along. A page starts loading them with its first
// request, so they arrive with the answer instead of delaying the first render.
let protocol: Promise<typeof Protocol> | undefined;

/** Ask the background; resolves with its validated answer or throws a PortalError. */
export async function send<T extends RequestType>(request: RequestOf<T>): Promise<ResponseOf<T>> {
  const schemas = (protocol ??= import('./protocol'));
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage(request);
  } catch (error) {
    throw new PortalError({ kind: 'internal', message: error instanceof Error ? error.message : String(error) });
  }
  const { replySchema, responseSchemas } = await schemas;
  const reply = replySchema.safeParse(raw);
  if (!reply.success) throw new PortalError({ kind: 'internal', message: 'The background sent no answer.' });
  if (!reply.data.ok) throw new PortalError(reply.data.failure);
  const data = responseSchemas[request.type].safeParse(reply.data.data);
  if (!data.success) throw new PortalError({ kind: 'internal', message: `Malformed answer to ${request.type}` });
  return data.data as ResponseOf<T>;
}
