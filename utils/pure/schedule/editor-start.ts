// How the schedule editor starts and what it would store: pure, so a test can call it.
import type { ScheduleDto } from '../docspace/schemas';
import type { LoadedSchedule } from '../messages/protocol';
import { formFromSchedule, requestFromForm, setupForm, type ScheduleForm } from './form';
import { storedSchedule } from './cron';

/** Unsaved edits, as the editor receives them (utils/extension/schedule-draft.ts). */
interface DraftLike {
  form: ScheduleForm;
}

/** The room's name as the portal gave it, so the editor shows "Backups", not "#101". */
export function withTargetTitle(form: ScheduleForm, loaded: LoadedSchedule): ScheduleForm {
  const title = loaded.target?.title;
  if (!title || loaded.target?.missing) return form;
  if (form.storage === 'room') return { ...form, roomFolderTitle: title };
  if (form.storage === 'thirdparty') return { ...form, thirdPartyFolderTitle: title };
  return form;
}

/** What the form would store, drawn like a schedule for side-by-side comparison. */
export function formAsSchedule(form: ScheduleForm, standalone: boolean): ScheduleDto | null {
  if (!form.enabled) return null;
  const request = requestFromForm(form, standalone);
  return storedSchedule({ ...request, storageParams: Object.fromEntries(request.storageParams.map((p) => [p.key, p.value])) });
}

/** The form an editor opens with: the draft, else the portal's schedule, else a ready setup. */
export function initialForm(loaded: LoadedSchedule, draft: DraftLike | null, firstWeekday: number): ScheduleForm {
  // Turning off is its own action now: a draft from the old on/off box edits an enabled form.
  if (draft) return { ...draft.form, enabled: true };
  return loaded.schedule ? withTargetTitle(formFromSchedule(loaded.schedule, firstWeekday), loaded) : setupForm(firstWeekday);
}

