import { browser } from '#imports';
import type { PortalInfo } from '../pure/messages/protocol';
import { send } from './send';
import { permissionPattern } from '../pure/portals/origin';

/**
 * Asks for the portal's host permission from the click itself (browsers allow
 * the prompt only there), then has the background add it.
 */
export async function grantAndAdd(origin: string, name: string): Promise<PortalInfo[] | 'denied'> {
  const ok = await browser.permissions.request({ origins: [permissionPattern(origin)] });
  if (!ok) return 'denied';
  return send({ type: 'portals.add', origin, name });
}
