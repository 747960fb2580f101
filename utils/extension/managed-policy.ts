import { browser } from '#imports';
import { parsePortalOrigin } from '../pure/portals/origin';

/**
 * What an organisation's IT sets for the extension: Chrome's `3rdparty` policy
 * (validated by public/managed_schema.json), Firefox's enterprise policy
 * `3rdparty` → `Extensions` → our id. Both reach us through `storage.managed`.
 * docs/managed-deployment.md describes every key.
 */
export interface ManagedPortal {
  origin: string;
  name?: string;
}

export interface ManagedPolicy {
  portals: ManagedPortal[];
  checkHours?: number;
  notify?: boolean;
  /** Managed portals cannot be removed or renamed. */
  lockPortals: boolean;
  /** The check interval and notifications are the policy's (or the defaults). */
  lockSettings: boolean;
  /** What the policy holds that we could not use, for the settings page to show. */
  problems: string[];
}

export const NO_POLICY: ManagedPolicy = { portals: [], lockPortals: false, lockSettings: false, problems: [] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Each key on its own: one bad entry must not void the rest of the policy.
 * (Chrome drops values that break the schema; Firefox passes anything through.)
 */
export function parsePolicy(raw: unknown): ManagedPolicy {
  if (!isObject(raw)) return NO_POLICY;
  const policy: ManagedPolicy = { portals: [], lockPortals: raw.lockPortals === true, lockSettings: raw.lockSettings === true, problems: [] };
  const seen = new Set<string>();
  if (raw.portals !== undefined) {
    if (!Array.isArray(raw.portals)) policy.problems.push('portals: not a list');
    else
      raw.portals.slice(0, 1000).forEach((entry, i) => {
        const address = isObject(entry) ? entry.address : entry;
        const parsed = typeof address === 'string' ? parsePortalOrigin(address) : null;
        if (!parsed?.ok) {
          policy.problems.push(`portals[${i}]: ${typeof address === 'string' ? address.slice(0, 200) : 'no address'}`);
          return;
        }
        if (seen.has(parsed.origin)) return;
        seen.add(parsed.origin);
        const name = isObject(entry) && typeof entry.name === 'string' && entry.name.trim() ? entry.name.trim().slice(0, 120) : undefined;
        policy.portals.push(name ? { origin: parsed.origin, name } : { origin: parsed.origin });
      });
  }
  const hours = raw.checkIntervalHours;
  if (typeof hours === 'number' && Number.isInteger(hours) && hours >= 1 && hours <= 48) policy.checkHours = hours;
  else if (hours !== undefined) policy.problems.push('checkIntervalHours: a whole number from 1 to 48');
  if (typeof raw.notifications === 'boolean') policy.notify = raw.notifications;
  else if (raw.notifications !== undefined) policy.problems.push('notifications: true or false');
  return policy;
}

/** The policy in force; none when the browser has no managed storage for us (Firefox throws then). */
export async function readPolicy(): Promise<ManagedPolicy> {
  try {
    const area = browser.storage.managed as { get(keys?: null): Promise<Record<string, unknown>> } | undefined;
    return area ? parsePolicy(await area.get(null)) : NO_POLICY;
  } catch {
    return NO_POLICY;
  }
}

export function watchPolicy(callback: () => void): () => void {
  const listener = (_changes: unknown, area: string) => {
    if (area === 'managed') callback();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
