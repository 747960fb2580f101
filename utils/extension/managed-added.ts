import { localItem } from './storage-item';

/**
 * The portals the policy added (not the user): when the policy stops listing
 * one, it goes, as a force-installed extension goes with its policy. A portal
 * the user had added before the policy listed it stays when the policy drops it,
 * and one the user removed (unlocked) is not added again.
 */
export const managedAddedItem = localItem<string[]>('managed:added', []);
