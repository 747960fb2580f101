// Copying one portal's schedule to others: what each target gets and what stops the copy.
// Pure: the page-side flow (utils/pages/use-copy.ts) reads the portals and sends the saves.
import type { PortalFailure } from '../docspace/failure';
import type { Folder, ScheduleDto } from '../docspace/schemas';
import type { LoadedSchedule, ResponseOf } from '../messages/protocol';
import { validateForm, type Difference, type ScheduleForm } from './form';
import { copyForm, isBlocking, type CarryNote, type HourMode } from './transfer';

export type StorageOptions = ResponseOf<'storage.options'>;
export type SourceSchedule = LoadedSchedule & { schedule: ScheduleDto };

export type CopyResult =
  | { kind: 'saved' }
  | { kind: 'conflict' }
  | { kind: 'mismatch'; differences: Difference[] }
  | { kind: 'failed'; failure: PortalFailure };

export interface CopyTarget {
  loaded: LoadedSchedule | null;
  options: StorageOptions | null;
  failure: PortalFailure | null;
  roomFolderId: string;
  roomFolderTitle: string;
  /** The room was chosen for the user: it has the source room's name. */
  roomMatched: boolean;
  hourMode: HourMode;
  /** The user agreed to overwrite the schedule this portal had when it was read. */
  replace: boolean;
  result: CopyResult | null;
}

export const freshTarget = (): CopyTarget => ({
  loaded: null,
  options: null,
  failure: null,
  roomFolderId: '',
  roomFolderTitle: '',
  roomMatched: false,
  hourMode: 'portal-hour',
  replace: false,
  result: null,
});

/** Why a target cannot be copied to yet. */
export type CopyProblem = 'not-read' | 'replace-needed' | 'choose-room';

export interface CopyPlan {
  form: ScheduleForm | null;
  notes: CarryNote[];
  problems: CopyProblem[];
}

export function planCopy(source: SourceSchedule, target: CopyTarget, firstWeekday: number): CopyPlan {
  if (!target.loaded || !target.options) return { form: null, notes: [], problems: ['not-read'] };
  const { form, notes } = copyForm(
    source.schedule,
    source.portal.timezone,
    { standalone: target.loaded.portal.standalone, options: target.options, timezone: target.loaded.portal.timezone },
    { roomFolderId: target.roomFolderId, roomFolderTitle: target.roomFolderTitle, hourMode: target.hourMode },
    firstWeekday,
  );
  const problems: CopyProblem[] = [];
  if (target.loaded.schedule && !target.replace) problems.push('replace-needed');
  if (form.storage === 'room' && validateForm(form).some((e) => e.field === 'folder')) problems.push('choose-room');
  return { form, notes, problems };
}

export const planBlocks = (plan: CopyPlan) => plan.problems.length > 0 || plan.notes.some(isBlocking);

/**
 * The target's room with the source room's name, when there is exactly one:
 * the likely choice, shown as chosen and open to change. None when ambiguous.
 */
export function roomOfSameName(sourceTitle: string | undefined, rooms: readonly Folder[]): Folder | null {
  const name = sourceTitle?.trim().toLocaleLowerCase();
  if (!name) return null;
  const same = rooms.filter((r) => r.title.trim().toLocaleLowerCase() === name);
  return same.length === 1 ? same[0]! : null;
}

/** What the copy button does now: nothing to do, a refusal, or the portals to save to. */
export type CopyStep =
  | { kind: 'choose-targets' }
  | { kind: 'already-copied' }
  | { kind: 'fix-targets' }
  | { kind: 'copy'; plans: { origin: string; loaded: LoadedSchedule; form: ScheduleForm }[] };

export function nextCopyStep(source: SourceSchedule, ticked: readonly string[], targets: Readonly<Record<string, CopyTarget>>, firstWeekday: number): CopyStep {
  if (!ticked.length) return { kind: 'choose-targets' };
  const pending = ticked.filter((o) => targets[o]?.result?.kind !== 'saved');
  if (!pending.length) return { kind: 'already-copied' };
  const plans = pending.map((origin) => ({ origin, target: targets[origin]!, plan: planCopy(source, targets[origin]!, firstWeekday) }));
  if (plans.some(({ plan }) => planBlocks(plan))) return { kind: 'fix-targets' };
  return { kind: 'copy', plans: plans.map(({ origin, target, plan }) => ({ origin, loaded: target.loaded!, form: plan.form! })) };
}

/**
 * A save's answer as the target's new state. What this copy wrote may be replaced
 * again without asking; what someone else wrote meanwhile (a conflict) must be confirmed.
 */
export function afterSave(answer: ResponseOf<'schedule.save'>): Partial<CopyTarget> {
  if (answer.status === 'saved') return { loaded: answer.loaded, replace: true, result: { kind: 'saved' } };
  if (answer.status === 'conflict') return { loaded: answer.loaded, replace: false, result: { kind: 'conflict' } };
  return { loaded: answer.loaded, replace: true, result: { kind: 'mismatch', differences: answer.differences } };
}
