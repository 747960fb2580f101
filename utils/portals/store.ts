import { localItem } from '../storage-item';

export interface Portal {
  origin: string;
  name: string;
  addedAt: number;
}

/** The portals the user manages. Written only by the background. */
export const portalsItem = localItem<Portal[]>('portals', []);

/** The portal the popup showed last, for tabs that are not a portal. */
export const lastPortalItem = localItem<string | null>('lastPortal', null);

export async function findPortal(origin: string): Promise<Portal | undefined> {
  return (await portalsItem.getValue()).find((p) => p.origin === origin);
}
