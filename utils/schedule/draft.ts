import { localItem } from '../storage-item';
import type { ScheduleForm } from './form';

/** Unsaved edits, per portal: closing the popup or a failed save loses nothing. */
export interface Draft {
  form: ScheduleForm;
  /** The fingerprint of the schedule the edits started from. */
  base: string;
  savedAt: number;
}

export function draftItem(origin: string) {
  return localItem<Draft | null>(`draft:${origin}`, null);
}
