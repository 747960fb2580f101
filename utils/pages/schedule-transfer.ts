// The schedule file flows of the settings page: export the shown schedule, read a
// chosen file, and open it as a draft for a portal (the portal itself is not changed).
import { StorageType } from '../pure/docspace/storage-type';
import type { LoadedSchedule } from '../pure/messages/protocol';
import {
  MAX_SCHEDULE_FILE_BYTES,
  exportSchedule,
  importForm,
  parseScheduleFile,
  scheduleFileName,
  serializeScheduleFile,
  type ParsedScheduleFile,
  type ScheduleFile,
} from '../pure/schedule/schedule-file';
import type { CarryNote } from '../pure/schedule/transfer';
import { draftItem } from '../extension/schedule-draft';
import { downloadText } from './download';
import { send } from './send';

/** Downloads the schedule as a file; null when the portal has none to export. */
export function exportToFile(origin: string, loaded: LoadedSchedule): { name: string; omitted: string[] } | null {
  const file = exportSchedule(origin, loaded);
  if (!file) return null;
  const name = scheduleFileName(origin);
  downloadText(name, serializeScheduleFile(file), 'application/json');
  return { name, omitted: file.omitted };
}

/** Reads and checks a chosen file; a file too large is refused unread. */
export async function readScheduleFile(chosen: File): Promise<ParsedScheduleFile> {
  let text = '';
  if (chosen.size <= MAX_SCHEDULE_FILE_BYTES) {
    try {
      text = await chosen.text();
    } catch {
      return { ok: false, problems: [{ field: '', key: 'importNotJson' }] };
    }
  }
  return parseScheduleFile(text, chosen.size);
}

/** Unsaved edits of the target are never replaced without asking. */
export const hasDraft = async (origin: string) => !!(await draftItem(origin).getValue());

/**
 * Writes the file as the target's draft, fitted to that portal (zone, storages,
 * a room it has). `known`: the target's schedule as the page has it, saving a read.
 */
export async function importAsDraft(file: ScheduleFile, target: string, firstWeekday: number, known?: LoadedSchedule | null): Promise<CarryNote[]> {
  const [loaded, options] = await Promise.all([
    known ?? send({ type: 'schedule.load', origin: target }),
    send({ type: 'storage.options', origin: target }).catch(() => null),
  ]);
  let room: { title: string } | null = null;
  const folderId = file.schedule.storageParams.folderId;
  if (file.schedule.storageType === StorageType.Documents && folderId) {
    // A room that is not there (or cannot be read) is chosen again.
    room = await send({ type: 'folders.list', origin: target, folderId }).then(
      (content) => ({ title: content.current?.title ?? `#${folderId}` }),
      () => null,
    );
  }
  const { form, notes } = importForm(file, { origin: target, timezone: loaded.portal.timezone, standalone: loaded.portal.standalone, options, room }, firstWeekday);
  await draftItem(target).setValue({ form, base: loaded.fingerprint, savedAt: Date.now() });
  return notes;
}
