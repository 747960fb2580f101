import type { RequestOf } from '../messages/protocol';
import { clientFor } from './session';

const newestFirst = <T extends { createdOn: string }>(records: T[]) =>
  [...records].sort((a, b) => b.createdOn.localeCompare(a.createdOn));

export async function listHistory(msg: RequestOf<'history.list'>) {
  return newestFirst(await (await clientFor(msg.origin, msg.store)).getBackupHistory());
}

export async function deleteHistoryRecord(msg: RequestOf<'history.delete'>) {
  const client = await clientFor(msg.origin, msg.store);
  await client.deleteBackup(msg.id);
  return newestFirst(await client.getBackupHistory());
}

export async function clearHistory(msg: RequestOf<'history.clear'>) {
  const client = await clientFor(msg.origin, msg.store);
  await client.deleteBackupHistory();
  return newestFirst(await client.getBackupHistory());
}
