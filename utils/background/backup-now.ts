import { toFailure } from '../pure/docspace/failure';
import type { BackupStatus, RequestOf } from '../pure/messages/protocol';
import { backupStatusItem } from '../extension/backup-status';
import { clientFor } from './session';
import { setIfAdded } from './if-added';
import { findPortal } from '../extension/portal-list';

const POLL_MS = 1500;

const following = new Map<string, Promise<void>>();
/** Starts still waiting for the portal's answer: a second page asking meanwhile gets the same one. */
const starting = new Map<string, Promise<BackupStatus>>();

/**
 * Polls the portal until its backup ends, so progress keeps moving after the
 * popup closes; reopening the popup finds it in storage.
 */
function follow(origin: string, cookieStoreId: string | undefined): void {
  if (following.has(origin)) return;
  const run = (async () => {
    const item = backupStatusItem(origin);
    try {
      const client = await clientFor(origin, cookieStoreId);
      for (;;) {
        const current = await item.getValue();
        let progress;
        try {
          progress = await client.getBackupProgress();
        } catch (error) {
          await setIfAdded(origin, item, { ...(current ?? { progress: null }), following: false, failure: toFailure(error) });
          return;
        }
        const done = !progress || progress.isCompleted;
        await setIfAdded(origin, item, { ...(current ?? {}), progress, following: !done, failure: undefined });
        if (done) return;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        // Removed meanwhile: no further request goes to a portal the user no longer has.
        if (!(await findPortal(origin))) return;
      }
    } finally {
      following.delete(origin);
    }
  })();
  following.set(origin, run);
  run.catch(() => undefined);
}

export function startBackup(msg: RequestOf<'backup.start'>): Promise<BackupStatus> {
  const pending = starting.get(msg.origin);
  if (pending) return pending;
  const start = requestStart(msg).finally(() => starting.delete(msg.origin));
  starting.set(msg.origin, start);
  return start;
}

async function requestStart(msg: RequestOf<'backup.start'>): Promise<BackupStatus> {
  const client = await clientFor(msg.origin, msg.cookieStoreId);
  const progress = await client.startBackup({ storageType: msg.storageType, storageParams: msg.storageParams, dump: false });
  const status: BackupStatus = {
    progress,
    following: !progress?.isCompleted,
    startedAt: Date.now(),
    storageType: msg.storageType,
  };
  await setIfAdded(msg.origin, backupStatusItem(msg.origin), status);
  follow(msg.origin, msg.cookieStoreId);
  return status;
}

/** The stored status, refreshed from the portal; a backup still running is followed again. */
export async function backupProgress(msg: RequestOf<'backup.progress'>): Promise<BackupStatus> {
  // The portal knows of a start only once it has answered it: asked meanwhile, it would say none runs.
  await starting.get(msg.origin)?.catch(() => undefined);
  const item = backupStatusItem(msg.origin);
  const stored = await item.getValue();
  const client = await clientFor(msg.origin, msg.cookieStoreId);
  const progress = await client.getBackupProgress();
  const running = !!progress && !progress.isCompleted;
  const status: BackupStatus = { ...(stored ?? {}), progress: progress ?? stored?.progress ?? null, following: running };
  await setIfAdded(msg.origin, item, status);
  if (running) follow(msg.origin, msg.cookieStoreId);
  return status;
}

export async function cancelBackup(msg: RequestOf<'backup.cancel'>): Promise<BackupStatus> {
  const client = await clientFor(msg.origin, msg.cookieStoreId);
  await client.cancelBackup();
  // Whatever the answer, the portal's own progress says where things stand now.
  const progress = await client.getBackupProgress();
  const status: BackupStatus = { ...((await backupStatusItem(msg.origin).getValue()) ?? {}), progress, following: false };
  await setIfAdded(msg.origin, backupStatusItem(msg.origin), status);
  return status;
}
