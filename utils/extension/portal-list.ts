import { browser } from '#imports';
import { localItem, type StorageItem } from './storage-item';

export interface Portal {
  origin: string;
  name: string;
  addedAt: number;
}

// The list as last read, for findPortal: every request to a portal looks its portal up, and
// reading a list of 500 portals from storage costs about 4 ms (measured in Chromium 156),
// so 500 checks spent 2 s on it. Dropped whenever the list is written here or changes anywhere.
let cached: Promise<Portal[]> | undefined;
let watching = false;

const stored = localItem<Portal[]>('portals', []);

/** The portals the user manages. Written only by the background. */
export const portalsItem: StorageItem<Portal[]> = {
  ...stored,
  async setValue(value) {
    cached = undefined;
    await stored.setValue(value);
    cached = undefined;
  },
  async removeValue() {
    cached = undefined;
    await stored.removeValue();
    cached = undefined;
  },
};

function portalsList(): Promise<Portal[]> {
  if (!watching) {
    watching = true;
    browser.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && stored.key in changes) cached = undefined;
    });
  }
  return (cached ??= stored.getValue().catch((error: unknown) => {
    cached = undefined;
    throw error;
  }));
}

/** The portal the popup showed last, for tabs that are not a portal. */
export const lastPortalItem = localItem<string | null>('lastPortal', null);

export async function findPortal(origin: string): Promise<Portal | undefined> {
  return (await portalsList()).find((p) => p.origin === origin);
}
