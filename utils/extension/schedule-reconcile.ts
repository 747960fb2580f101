import type { LoadedSchedule } from '../pure/messages/protocol';
import { getValues } from './storage-item';
import { draftItem, type Draft, type DraftPage } from './schedule-draft';
import { compareStored, requestFromForm, validateForm } from '../pure/schedule/form';

/**
 * The draft asks for exactly what the portal stores now: a save that went
 * through after its page closed, or edits undone by hand. Nothing is unsaved.
 */
export function draftMatches(draft: Draft, loaded: LoadedSchedule): boolean {
  if (!draft.form.enabled) return loaded.schedule === null;
  if (!loaded.schedule || validateForm(draft.form).length) return false;
  const request = requestFromForm(draft.form, loaded.portal.standalone);
  if (compareStored(request, loaded.schedule).length) return false;
  // compareStored checks only what is sent: a field the user emptied is not sent, and
  // the portal still holding a value there is an unsaved edit, not a match.
  const sent = new Set(request.storageParams.map((p) => p.key));
  return Object.entries(loaded.schedule.storageParams ?? {}).every(([key, value]) => sent.has(key) || value === null || value === '');
}

/** Removes the drafts (of both pages) that match what the portal stores; returns the pages whose draft went. */
export async function reconcileDrafts(origin: string, loaded: LoadedSchedule): Promise<DraftPage[]> {
  const pages: DraftPage[] = ['popup', 'options'];
  const drafts = await getValues(pages.map((page) => draftItem(origin, page)));
  const stale = pages.filter((_, i) => drafts[i] && draftMatches(drafts[i] as Draft, loaded));
  await Promise.all(stale.map((page) => draftItem(origin, page).removeValue()));
  return stale;
}
