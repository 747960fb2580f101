import { send } from './send';

/**
 * The file a finished back-up-now made: the portal's progress has only a link, but
 * its task id is the id of the history record that names the file.
 */
export async function backupFileName(origin: string, cookieStoreId: string | undefined, taskId: string | null | undefined): Promise<string | null> {
  if (!taskId) return null;
  const records = await send({ type: 'history.list', origin, cookieStoreId });
  return records.find((r) => r.id.toLowerCase() === taskId.toLowerCase())?.fileName ?? null;
}
