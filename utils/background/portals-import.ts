import { browser } from '#imports';
import type { RequestOf, ResponseOf } from '../pure/messages/protocol';
import { parsePortalOrigin, permissionPattern } from '../pure/portals/origin';
import { portalsItem } from '../extension/portal-list';
import { listPortals } from './portals';

/**
 * Adds the portals of a confirmed import in one write. Portals without the host
 * permission (the user declined the prompt) and ones already listed are left out;
 * the answer says how many were added.
 */
export async function importPortals({ portals: wanted }: RequestOf<'portals.import'>): Promise<ResponseOf<'portals.import'>> {
  const portals = await portalsItem.getValue();
  const known = new Set(portals.map((p) => p.origin));
  const patterns = new Map<string, boolean>();
  const added = [];
  const now = Date.now();
  for (const { origin: input, name } of wanted) {
    const parsed = parsePortalOrigin(input);
    if (!parsed.ok || known.has(parsed.origin)) continue;
    const pattern = permissionPattern(parsed.origin);
    if (!patterns.has(pattern)) patterns.set(pattern, await browser.permissions.contains({ origins: [pattern] }));
    if (!patterns.get(pattern)) continue;
    known.add(parsed.origin);
    added.push({ origin: parsed.origin, name: name.trim() || new URL(parsed.origin).host, addedAt: now });
  }
  if (added.length) await portalsItem.setValue([...portals, ...added]);
  return { added: added.length, portals: await listPortals() };
}
