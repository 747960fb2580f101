import { localItem } from './storage-item';
import type { ScheduleForm } from '../pure/schedule/form';

/** Unsaved edits, per portal: closing the popup or a failed save loses nothing. */
export interface Draft {
  form: ScheduleForm;
  /** The fingerprint of the schedule the edits started from. */
  base: string;
  savedAt: number;
}

/**
 * Which page's edits: the popup and the settings page each keep their own, so
 * editing the same portal in both at once loses neither (utils/pure/storage/registry.ts).
 */
export type DraftPage = 'popup' | 'options';

export const otherPage = (page: DraftPage): DraftPage => (page === 'popup' ? 'options' : 'popup');

export function draftItem(origin: string, page: DraftPage = 'options') {
  return page === 'popup' ? localItem<Draft | null>(`draft-popup:${origin}`, null) : localItem<Draft | null>(`draft:${origin}`, null);
}
