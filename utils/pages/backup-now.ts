import { useEffect, useRef, useState } from 'preact/hooks';
import { toFailure, type PortalFailure } from '../pure/docspace/failure';
import { portalLink } from '../pure/docspace/bounds';
import { StorageType } from '../pure/docspace/storage-type';
import type { BackupStatus, ResponseOf } from '../pure/messages/protocol';
import { defaultForm, storageFromForm, validateStorage, type FieldError, type ScheduleForm } from '../pure/schedule/form';
import { backupStatusItem } from '../extension/backup-status';
import { backupFileName } from './backup-file';
import { send } from './send';

/** DistributedTaskStatus.Canceled. */
const TASK_CANCELLED = 3;

/**
 * A copy made here this recently is shown again when "Back up now" is pressed, not
 * made anew: coming back to download it must not start (and, on the cloud, pay for)
 * another backup. "Back up again" then makes a new one.
 */
export const RECENT_COPY_MS = 10 * 60_000;

/** Where a backup goes: the portal's temporary storage unless the user chose another. */
export interface BackupTarget {
  storageType: number;
  storageParams: { key: string; value: string }[] | null;
}
export const TEMPORARY: BackupTarget = { storageType: StorageType.DataStore, storageParams: null };

/** What a backup status means for the page (pure: the view and the tests read it). */
export function backupView(status: BackupStatus | null, origin: string) {
  const progress = status?.progress ?? null;
  const running = !!progress && !progress.isCompleted;
  // The server can answer a cancelled task as completed without an error (status 3): that is no copy.
  const cancelled = progress?.status === TASK_CANCELLED;
  // The portal's progress covers scheduled runs too: only a backup started here is told as done or failed.
  const mine = !!status?.startedAt;
  const done = !!progress?.isCompleted && !progress.error && !cancelled;
  const offered = done ? (progress?.link ?? null) : null;
  return {
    progress,
    running,
    mine,
    done: done && mine,
    failed: !!progress?.isCompleted && !!progress.error && mine,
    cancelled: !!status && (!progress || cancelled) && mine && !status.following,
    offered,
    // Only a link on the portal's own origin: a javascript: or foreign link is never a button.
    link: portalLink(offered, origin),
    taskId: done && mine ? (progress?.taskId ?? null) : null,
  };
}

/** A copy started here, ready to download, and recent enough to be what "Back up now" asks for. */
export function isRecentCopy(status: BackupStatus | null, origin: string, now: number): boolean {
  const view = backupView(status, origin);
  return view.done && !!view.link && now - (status?.startedAt ?? 0) < RECENT_COPY_MS;
}

export interface StartFailure {
  failure: PortalFailure;
  /** The backup did not start (as opposed to a failed cancel or progress check). */
  starting: boolean;
}

/**
 * Back up now as a page-side flow: follows the portal's progress (the background
 * keeps following it after the page closes), starts a backup (never a second one
 * while one runs), cancels, and names the file a finished copy got.
 * `startAtOnce`: the popup's "Back up now", which starts to the temporary storage
 * (or follows the running backup, or shows a copy made here minutes ago).
 */
export function useBackupNow(origin: string, cookieStoreId: string | undefined, startAtOnce: boolean) {
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [failure, setFailure] = useState<StartFailure | null>(null);
  const [phase, setPhase] = useState<'idle' | 'starting' | 'cancelling'>(startAtOnce ? 'starting' : 'idle');
  const [fileName, setFileName] = useState<string | null>(null);
  // A ref, not state: two clicks in one frame both see the same render.
  const busy = useRef(false);

  /** Resolves true once the portal answered (false: ignored while busy, or failed and told). */
  const run = async (next: 'starting' | 'cancelling', job: () => Promise<BackupStatus>): Promise<boolean> => {
    if (busy.current) return false;
    busy.current = true;
    setPhase(next);
    setFailure(null);
    try {
      setStatus(await job());
      return true;
    } catch (e) {
      setFailure({ failure: toFailure(e), starting: next === 'starting' });
      return false;
    } finally {
      busy.current = false;
      setPhase('idle');
    }
  };

  /** Starts a backup, unless the portal is running one (scheduled, from another page or browser): that one is followed. */
  const start = (target: BackupTarget = TEMPORARY, { reuseRecent = false } = {}) =>
    run('starting', async () => {
      // The portal answers a second start with the running task, but the cloud charges each start.
      const now = await send({ type: 'backup.progress', origin, cookieStoreId });
      if (backupView(now, origin).running) return now;
      if (reuseRecent && isRecentCopy(now, origin, Date.now())) return now;
      return send({ type: 'backup.start', origin, cookieStoreId, ...target });
    });

  const cancel = () => run('cancelling', () => send({ type: 'backup.cancel', origin, cookieStoreId }));

  // Once per portal (the popup remounts the panel for each press of its button).
  useEffect(() => {
    const item = backupStatusItem(origin);
    if (!startAtOnce) void item.getValue().then((s) => s && setStatus(s));
    const stop = item.watch(setStatus);
    if (startAtOnce) void start(TEMPORARY, { reuseRecent: true });
    // Asks the portal too, and resumes following a backup that is still running.
    else send({ type: 'backup.progress', origin, cookieStoreId }).then(setStatus, (e: unknown) => setFailure({ failure: toFailure(e), starting: false }));
    return stop;
  }, [origin, cookieStoreId]);

  const view = backupView(status, origin);
  useEffect(() => {
    setFileName(null);
    if (view.taskId) backupFileName(origin, cookieStoreId, view.taskId).then(setFileName, () => setFileName(null));
  }, [origin, cookieStoreId, view.taskId]);

  return { status, view, phase, failure, fileName, start, cancel };
}

/** The storage a user picks for "Back up to another storage…": the form, its errors and the portal's storage lists. */
export function useStorageChoice(origin: string, cookieStoreId: string | undefined, active: boolean) {
  const [form, setForm] = useState<ScheduleForm>(() => ({ ...defaultForm(), enabled: true, storage: 'room' }));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [options, setOptions] = useState<ResponseOf<'storage.options'> | null>(null);

  useEffect(() => {
    if (!active || form.storage === 'temporary' || options) return;
    send({ type: 'storage.options', origin, cookieStoreId }).then(setOptions, () => setOptions(null));
  }, [active, form.storage, options, origin, cookieStoreId]);

  const update = (patch: Partial<ScheduleForm>) => {
    const next = { ...form, ...patch };
    setForm(next);
    if (errors.length) setErrors(validateStorage(next));
  };

  /** The chosen target, or null (and the errors shown) when the form is not complete. */
  const target = (): BackupTarget | null => {
    const found = validateStorage(form);
    setErrors(found);
    if (found.length) return null;
    const { storageType, storageParams } = storageFromForm(form);
    return { storageType, storageParams: storageParams.length ? storageParams : null };
  };

  return { form, errors, options, update, target };
}
