import { useState } from 'preact/hooks';
import { toFailure } from '../pure/docspace/failure';
import { StorageType } from '../pure/docspace/storage-type';
import { requestFromForm } from '../pure/schedule/form';
import { afterSave, freshTarget, nextCopyStep, roomOfSameName, type CopyTarget, type SourceSchedule } from '../pure/schedule/copy-plan';
import { send } from './send';

/** What the copy says under its button (message keys; the view words them). */
export type CopyStatus = '' | 'transferChooseTargets' | 'transferAlreadyCopied' | 'transferFixTargets' | 'transferCopying' | { done: number; of: number };

/**
 * The copy of one portal's schedule to others, as a page-side flow: reads each
 * ticked target (its schedule, storages and rooms), then saves to each on its own.
 */
export function useCopy(source: SourceSchedule | null, firstWeekday: number) {
  const [targets, setTargets] = useState<Record<string, CopyTarget>>({});
  const [copying, setCopying] = useState(false);
  const [status, setStatus] = useState<CopyStatus>('');
  // Problems are shown once the user has tried to copy, not while they are still choosing.
  const [checked, setChecked] = useState(false);

  const patch = (origin: string, change: Partial<CopyTarget>) =>
    setTargets((all) => (all[origin] ? { ...all, [origin]: { ...all[origin], ...change } } : all));

  /** Reads a target's schedule (for its fingerprint and zone), its storages and, for a room, its rooms. */
  const readTarget = (origin: string) => {
    patch(origin, { loaded: null, options: null, failure: null });
    const wantsRoom = source?.schedule.storageType === StorageType.Documents && !!source.target?.title && !source.target.missing;
    const rooms = wantsRoom ? send({ type: 'folders.list', origin }).then((c) => c.folders, () => []) : Promise.resolve([]);
    Promise.all([send({ type: 'schedule.load', origin }), send({ type: 'storage.options', origin }), rooms]).then(
      ([schedule, options, list]) => {
        const room = roomOfSameName(source?.target?.title, list);
        setTargets((all) => {
          const cur = all[origin];
          if (!cur) return all;
          // A room the user already chose stays theirs.
          const pick = room && !cur.roomFolderId ? { roomFolderId: String(room.id), roomFolderTitle: room.title, roomMatched: true } : {};
          return { ...all, [origin]: { ...cur, loaded: schedule, options, replace: false, ...pick } };
        });
      },
      (e: unknown) => patch(origin, { failure: toFailure(e) }),
    );
  };

  const toggle = (origin: string, on: boolean) => {
    setStatus('');
    setTargets((all) => {
      const next = { ...all };
      if (on) next[origin] = freshTarget();
      else delete next[origin];
      return next;
    });
    if (on) readTarget(origin);
  };

  /** Any change to a target's choices makes its earlier result stale. */
  const choose = (origin: string, change: Partial<CopyTarget>) => {
    setStatus('');
    patch(origin, { ...change, ...('roomFolderId' in change ? { roomMatched: false } : {}), result: null });
  };

  const copy = async (ticked: string[]) => {
    if (!source) return;
    setChecked(true);
    const step = nextCopyStep(source, ticked, targets, firstWeekday);
    if (step.kind === 'choose-targets') return setStatus('transferChooseTargets');
    if (step.kind === 'already-copied') return setStatus('transferAlreadyCopied');
    if (step.kind === 'fix-targets') return setStatus('transferFixTargets');
    setCopying(true);
    setStatus('transferCopying');
    // Each portal on its own: one failing never stops the others.
    const outcomes = await Promise.all(
      step.plans.map(async ({ origin, loaded, form }) => {
        try {
          const answer = await send({ type: 'schedule.save', origin, request: requestFromForm(form, loaded.portal.standalone), expected: loaded.fingerprint, force: false });
          patch(origin, afterSave(answer));
          return answer.status === 'saved';
        } catch (e) {
          patch(origin, { result: { kind: 'failed', failure: toFailure(e) } });
          return false;
        }
      }),
    );
    setCopying(false);
    setStatus({ done: outcomes.filter(Boolean).length + (ticked.length - step.plans.length), of: ticked.length });
  };

  return { targets, copying, status, checked, toggle, choose, readTarget, copy };
}
