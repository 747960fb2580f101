import { storage } from '#imports';

export interface Portal {
  origin: string;
  name: string;
  addedAt: number;
}

/** The portals the user manages. Written only by the background. */
export const portalsItem = storage.defineItem<Portal[]>('local:portals', { fallback: [], version: 1 });

/** The portal the popup showed last, for tabs that are not a portal. */
export const lastPortalItem = storage.defineItem<string | null>('local:lastPortal', { fallback: null });

export async function findPortal(origin: string): Promise<Portal | undefined> {
  return (await portalsItem.getValue()).find((p) => p.origin === origin);
}
