import type { DocSpaceClient } from './docspace-client';
import type { BackupProgress, HistoryRecord } from '../pure/docspace/schemas';
import { parseServerUtc } from '../pure/docspace/time-zone';
import { portalLink } from '../pure/docspace/bounds';
import { backupStatusItem } from '../extension/backup-status';
import type { HistoryEntry, RequestOf } from '../pure/messages/protocol';
import { clientFor } from './session';

const TEMPORARY = 4;

/**
 * Newest first, and a download link for a copy in temporary storage: the history has no
 * links, but the task that made the copy (progress `taskId` = record `id`) has one while it
 * lasts, from the portal now or as the background last saw it after a back-up-now.
 */
export async function withLinks(client: DocSpaceClient, origin: string, records: HistoryRecord[]): Promise<HistoryEntry[]> {
  const [current, stored] = await Promise.all([client.getBackupProgress().catch(() => null), backupStatusItem(origin).getValue()]);
  const links = new Map<string, string>();
  for (const p of [stored?.progress, current] as (BackupProgress | null | undefined)[]) {
    // Only a link on the portal's own origin, as for Back up now's Download button.
    const link = p?.isCompleted && !p.error && p.status !== 3 && p.taskId ? portalLink(p.link, client.origin) : null;
    if (link) links.set(p!.taskId!.toLowerCase(), link);
  }
  const now = Date.now();
  return [...records]
    .sort((a, b) => b.createdOn.localeCompare(a.createdOn))
    .map((r) => {
      const link = r.storageType === TEMPORARY ? links.get(r.id.toLowerCase()) : undefined;
      const expires = parseServerUtc(r.expiresOn);
      return link && (!expires || expires.getTime() > now) ? { ...r, link } : r;
    });
}

export async function listHistory(msg: RequestOf<'history.list'>) {
  const client = await clientFor(msg.origin, msg.cookieStoreId);
  return withLinks(client, msg.origin, await client.getBackupHistory());
}

export async function deleteHistoryRecord(msg: RequestOf<'history.delete'>) {
  const client = await clientFor(msg.origin, msg.cookieStoreId);
  await client.deleteBackup(msg.id);
  return withLinks(client, msg.origin, await client.getBackupHistory());
}

export async function clearHistory(msg: RequestOf<'history.clear'>) {
  const client = await clientFor(msg.origin, msg.cookieStoreId);
  await client.deleteBackupHistory();
  return withLinks(client, msg.origin, await client.getBackupHistory());
}
