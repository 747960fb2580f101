import type { Browser } from '#imports';
import { toFailure } from '../pure/docspace/failure';
import { responseSchemas, type Reply } from '../pure/messages/protocol';
import { requestSchema, type Request } from '../pure/messages/requests';
import { addPortal, listPortals, portalStatus, removePortal, renamePortal } from './portals';
import { importPortals } from './portals-import';
import { deleteSchedule, listFolders, loadSchedule, saveSchedule, storageOptions } from './schedule';
import { isOwnPage } from './sender';
import { backupProgress, cancelBackup, startBackup } from './backup-now';
import { acknowledge, checkAll, checkPortal, listHealth } from './health';
import { clearHistory, deleteHistoryRecord, listHistory } from './history';
import { updateBadge } from './badge';
import { findPortal } from '../extension/portal-list';
import { PortalError } from '../pure/docspace/failure';
import { boundedReply } from './reply';
import { updateBadgeSoon } from './badge-soon';
import { checkSlot } from './limits';
import { checkStoredNow } from './storage-guard';

export interface RouterContext {
  ownId: string;
  ownBaseUrl: string;
}

type Handler = (msg: Request) => Promise<unknown>;

let refreshing: Promise<{ checked: number }> | undefined;
async function refreshAll() {
  const records = await checkAll();
  void updateBadgeSoon();
  return { checked: records.length };
}

const handlers: { [K in Request['type']]: (msg: Extract<Request, { type: K }>) => Promise<unknown> } = {
  'portals.list': () => listPortals(),
  'portals.add': addPortal,
  'portals.remove': removePortal,
  'portals.import': importPortals,
  'portals.rename': renamePortal,
  'portal.status': portalStatus,
  'schedule.load': loadSchedule,
  'schedule.save': saveSchedule,
  'schedule.delete': deleteSchedule,
  'storage.options': storageOptions,
  'folders.list': listFolders,
  'backup.start': startBackup,
  'backup.progress': backupProgress,
  'backup.cancel': cancelBackup,
  'history.list': listHistory,
  'history.delete': deleteHistoryRecord,
  'history.clear': clearHistory,
  'health.list': () => listHealth(),
  'health.check': async ({ origin }) => {
    // A page's "Refresh all" sends one per portal: they share the check slots (limits.ts).
    const record = await checkSlot(() => checkPortal(origin));
    // Not awaited, and coalesced: the answer does not wait for the badge (badge-soon.ts).
    void updateBadgeSoon();
    return record;
  },
  // Joins a refresh of every portal already under way (a second click) rather than doubling it.
  'health.checkAll': () => (refreshing ??= refreshAll().finally(() => (refreshing = undefined))),
  'health.acknowledge': async (msg) => {
    const record = await acknowledge(msg);
    await updateBadge();
    return record;
  },
  'localData.check': async () => ({ mended: await checkStoredNow() }),
};

/**
 * Validates who is asking and what, then runs the handler. Always answers with
 * a Reply; a failure is data, never an unhandled rejection.
 */
export async function route(raw: unknown, sender: Browser.runtime.MessageSender, ctx: RouterContext): Promise<Reply | undefined> {
  if (!isOwnPage(sender, ctx.ownId, ctx.ownBaseUrl)) return undefined;
  const parsed = requestSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, failure: { kind: 'internal', message: 'Malformed request' } };
  try {
    const msg = parsed.data;
    // Every request about a portal is for one the user added, compared exactly: no record,
    // request or permission check is made for any other origin (javascript:, a padded copy…).
    if ('origin' in msg && msg.type !== 'portals.add' && !(await findPortal(msg.origin))) throw new PortalError({ kind: 'not-added' });
    const data = await (handlers[msg.type] as Handler)(msg);
    // Pages take the answer as it comes (they load no zod): it is checked here, against the protocol.
    const checked = responseSchemas[msg.type].safeParse(data);
    if (!checked.success) throw new PortalError({ kind: 'internal', message: `Malformed answer to ${msg.type}` });
    return boundedReply({ ok: true, data: checked.data });
  } catch (error) {
    return { ok: false, failure: toFailure(error) };
  }
}
