import { browser } from '#imports';
import { PortalError } from '../docspace/failure';
import { replySchema, responseSchemas, type RequestOf, type RequestType, type ResponseOf } from './protocol';

/** Ask the background; resolves with its validated answer or throws a PortalError. */
export async function send<T extends RequestType>(request: RequestOf<T>): Promise<ResponseOf<T>> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage(request);
  } catch (error) {
    throw new PortalError({ kind: 'internal', message: error instanceof Error ? error.message : String(error) });
  }
  const reply = replySchema.safeParse(raw);
  if (!reply.success) throw new PortalError({ kind: 'internal', message: 'The background sent no answer.' });
  if (!reply.data.ok) throw new PortalError(reply.data.failure);
  const data = responseSchemas[request.type].safeParse(reply.data.data);
  if (!data.success) throw new PortalError({ kind: 'internal', message: `Malformed answer to ${request.type}` });
  return data.data as ResponseOf<T>;
}
