// /api/2.0/backup/*: BackupController + BackupService, in the server's order of checks.
import { isPortalAdmin, type User } from './accounts';
import { AUDIT } from './audit';
import { ST, DUMP_TENANT } from './backup-service';
import { BACKUP_DTO, BACKUP_SCHEDULE_DTO, type KeyValueList } from './binding';
import { buildCron, CronExpression } from './cron';
import { sendSuccess } from './envelope';
import { sendEmpty, type Ctx } from './http';
import {
  argumentError,
  authorizingError,
  billingError,
  folderNotFound,
  keyNotFound,
  nullReference,
  plainException,
  securityError,
} from './errors';
import { FT } from './files';
import type { Portal } from './portal';
import { isStandalone } from './portal-core';
import { bindDump, bindJsonBody, QueryBinder } from './request-binding';
import type { Router } from './router';

interface ScheduleBody {
  storageType?: number | null;
  storageParams?: KeyValueList | null;
  backupsStored?: number | null;
  cronParams?: { period?: number | null; hour?: number; day?: number | null } | null;
  dump?: boolean;
}
interface BackupBody {
  storageType?: number | null;
  storageParams?: KeyValueList | null;
  dump?: boolean;
}

/** `StorageParams.ToDictionary(r => r.Key.ToString(), r => r.Value.ToString())`. */
function toDictionary(list: KeyValueList | null | undefined): Record<string, string> {
  const out = new Map<string, string>();
  for (const item of list ?? []) {
    if (item === null || item.key === null || item.value === null) throw nullReference();
    if (out.has(item.key)) throw argumentError(`An item with the same key has already been added. Key: ${item.key}`);
    out.set(item.key, item.value);
  }
  return Object.fromEntries(out);
}

/** int.TryParse: optional surrounding whitespace and sign, Int32 range. */
function tryParseInt(s: string): number | undefined {
  if (!/^\s*[+-]?\d+\s*$/.test(s)) return undefined;
  const n = Number(s.trim());
  return n >= -2147483648 && n <= 2147483647 ? n : undefined;
}

function getParam(params: Record<string, string>, key: string): string {
  const v = params[key];
  if (v === undefined) throw keyNotFound(key);
  return v;
}

export function registerBackupRoutes(router: Router, p: Portal): void {
  const B = '/api/2.0/backup';
  const C = 'ASC.Data.Backup.Controllers.BackupController';
  const me = (u: { user: User } | undefined): User => (u as { user: User }).user;

  /** DemandPermissionsBackupAsync: EditPortalSettings (owner and DocSpace admins). */
  const demandBackup = (u: User) => {
    if (!isPortalAdmin(u)) throw authorizingError().at('ASC.Core.Security.PermissionContext.DemandPermissionsAsync(IAction[] actions)');
  };
  /** TenantExtra.DemandAccessSpacePermissionAsync: dumps are for standalone servers only. */
  const demandAccessSpace = () => {
    if (!isStandalone(p)) throw securityError().at('ASC.Web.Studio.Utility.TenantExtra.DemandAccessSpacePermissionAsync()');
  };
  /** DemandPermissionsAutoBackupAsync: on the cloud, free backups or the wallet service are needed. */
  const demandAutoBackup = (u: User) => {
    demandBackup(u);
    if (isStandalone(p)) return;
    const plan = p.store.state.plan;
    if (plan.freeBackups === 0 && !plan.serviceEnabled) throw billingError().at('ASC.Data.Backup.Services.BackupService.DemandPermissionsAutoBackupAsync()');
  };
  /** BackupService.CheckAccessToFolderAsync<int|string>. */
  const checkFolder = (u: User, folderId: string) => {
    const asInt = tryParseInt(folderId);
    const folder = p.files.get(asInt ?? folderId);
    if (!folder) throw folderNotFound().at('ASC.Data.Backup.Services.BackupService.CheckAccessToFolderAsync[T](T folderId)');
    const systemFolder = [FT.VirtualRooms, FT.RoomTemplates, FT.Archive].includes(folder.folderType as 14 | 20 | 30);
    if (systemFolder || !p.files.canCreate(u, folder)) throw securityError().at('ASC.Data.Backup.Services.BackupService.CheckAccessToFolderAsync[T](T folderId)');
  };

  router.add('GET', `${B}/getbackupschedule`, { payment: true, where: `${C}.GetBackupSchedule(DumpDto dto)` }, (ctx, pr) => {
    const dump = bindDump(ctx);
    if (dump) demandAccessSpace();
    demandBackup(me(pr));
    sendSuccess(ctx, p.service.scheduleDto(dump));
  });

  router.add('POST', `${B}/createbackupschedule`, { payment: true, where: `${C}.CreateBackupSchedule(BackupScheduleDto inDto)` }, async (ctx, pr) => {
    const dto = await bindJsonBody<ScheduleBody>(ctx, BACKUP_SCHEDULE_DTO);
    const user = me(pr);
    const dump = dto.dump ?? false;
    if (dump) demandAccessSpace();
    const storageType = dto.storageType ?? ST.Documents;
    const storageParams = toDictionary(dto.storageParams);
    const backupsStored = dto.backupsStored ?? 1;
    if (!dto.cronParams) throw nullReference(); // inDto.CronParams.Period, no null check
    const cron = { period: dto.cronParams.period ?? 0, hour: dto.cronParams.hour ?? 0, day: dto.cronParams.day ?? 0 };
    if (backupsStored > 30 || backupsStored < 1) throw argumentError('backupStored must be 1 - 30');
    if (storageType === ST.Documents || storageType === ST.ThridpartyDocuments) checkFolder(user, getParam(storageParams, 'folderId'));

    // BackupService.CreateScheduleAsync
    demandBackup(user);
    demandAutoBackup(user);
    if (!isStandalone(p) && dump) throw argumentError('backup can not start as dump');
    const cronString = buildCron(cron);
    new CronExpression(cronString); // ValidateCronSettings: FormatException → 500
    if (dump) {
      if ('tenantId' in storageParams) throw argumentError('An item with the same key has already been added. Key: tenantId');
      storageParams.tenantId = String(p.tenantId);
    }
    let storageBasePath: string | null = null;
    if (storageType === ST.Documents || storageType === ST.ThridpartyDocuments) storageBasePath = getParam(storageParams, 'folderId');
    if (storageType === ST.Local) {
      if (!isStandalone(p)) throw plainException('Access denied').at('ASC.Data.Backup.Services.BackupService.CreateScheduleAsync(...)');
      storageBasePath = getParam(storageParams, 'filePath');
    }
    p.service.saveSchedule({
      tenantId: dump ? DUMP_TENANT : p.tenantId,
      storageType,
      storageBasePath,
      storageParams,
      cron: cronString,
      backupsStored,
      dump,
    });
    sendSuccess(ctx, true);
  });

  router.add('DELETE', `${B}/deletebackupschedule`, { payment: true, where: `${C}.DeleteBackupSchedule(DumpDto dto)` }, (ctx, pr) => {
    const dump = bindDump(ctx);
    if (dump) demandAccessSpace();
    demandBackup(me(pr));
    p.service.deleteSchedule(dump ? DUMP_TENANT : p.tenantId);
    // BackupController.DeleteBackupSchedule (3.7.1+): ScheduledBackupDeleted, the admin as user, the tenant as target.
    p.audit.log(AUDIT.ScheduledBackupDeleted, me(pr).id, String(p.tenantId));
    sendSuccess(ctx, true);
  });

  router.add('POST', `${B}/startbackup`, { where: `${C}.StartBackup(BackupDto inDto, TenantQuotaController quotaController)` }, async (ctx, pr) => {
    const dto = await bindJsonBody<BackupBody>(ctx, BACKUP_DTO);
    const user = me(pr);
    demandBackup(user);
    const dump = dto.dump ?? false;
    if (dump) demandAccessSpace();
    const storageType = dto.storageType ?? ST.Documents;
    const storageParams = toDictionary(dto.storageParams);
    const canParse = storageParams.folderId !== undefined && tryParseInt(storageParams.folderId) !== undefined;
    if ((storageType === ST.Documents && !canParse) || (storageType === ST.ThridpartyDocuments && canParse)) throw argumentError('wrong folder type');
    if (!isStandalone(p) && dump) throw argumentError('backup can`t start as dump');
    if (storageType === ST.Documents || storageType === ST.ThridpartyDocuments) checkFolder(user, getParam(storageParams, 'folderId'));
    if (storageType === ST.ThirdPartyConsumer && storageParams.subdir === undefined) storageParams.subdir = 'backup';
    const paid = p.service.chargeBackup(); // 402 TenantQuotaException when the free backups are used up

    // BackupService.StartBackupAsync
    let storageBasePath: string | null = null;
    if (storageType === ST.Documents || storageType === ST.ThridpartyDocuments) storageBasePath = getParam(storageParams, 'folderId');
    if (storageType === ST.Local) {
      if (!isStandalone(p)) throw plainException('Access denied').at('ASC.Data.Backup.Services.BackupService.StartBackupAsync(...)');
      storageBasePath = getParam(storageParams, 'filePath');
    }
    p.tasks.start({ dump, storageType, storageBasePath, storageParams, paid }, user.id);
    sendSuccess(ctx, p.tasks.progress(dump));
  });

  router.add('POST', `${B}/cancelbackup`, { where: `${C}.CancelBackupAsync()` }, (ctx, pr) => {
    demandBackup(me(pr));
    sendSuccess(ctx, p.tasks.cancel());
  });

  router.add('GET', `${B}/getbackupprogress`, { where: `${C}.GetBackupProgress(DumpDto dto)` }, (ctx, pr) => {
    const dump = bindDump(ctx);
    if (dump) demandAccessSpace();
    demandBackup(me(pr));
    sendSuccess(ctx, p.tasks.progress(dump));
  });

  router.add('GET', `${B}/getbackuphistory`, { payment: true, where: `${C}.GetBackupHistory(DumpDto dto)` }, (ctx, pr) => {
    const dump = bindDump(ctx);
    if (dump) demandAccessSpace();
    demandBackup(me(pr));
    sendSuccess(ctx, p.service.historyDto(dump));
  });

  router.add('DELETE', `${B}/deletebackup/{id:guid}`, { payment: true, where: `${C}.DeleteBackup(DeleteBackupDto inDto)` }, (ctx, pr) => {
    demandBackup(me(pr));
    const id = (ctx.params.id ?? '').replace(/[{}()-]/g, '').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
    const record = p.service.findRecord(id);
    if (!record) throw nullReference().at('ASC.Data.Backup.Services.BackupService.DeleteBackupAsync(Guid backupId)'); // BUG 80605
    if (record.tenantId === DUMP_TENANT) demandAccessSpace();
    else if (record.tenantId !== p.tenantId) return sendSuccess(ctx, true);
    p.service.markRemoved([record]);
    sendSuccess(ctx, true);
  });

  router.add('DELETE', `${B}/deletebackuphistory`, { payment: true, where: `${C}.DeleteBackupHistory(DumpDto dto)` }, (ctx, pr) => {
    const dump = bindDump(ctx);
    if (dump) demandAccessSpace();
    demandBackup(me(pr));
    p.service.markRemoved(p.service.records(dump ? DUMP_TENANT : p.tenantId));
    sendSuccess(ctx, true);
  });

  /** BackupsCountDto: `from`/`to` (default: this month) and `paid`, checked in the server's order. */
  const bindCountPeriod = (ctx: Ctx) => {
    const q = new QueryBinder(ctx);
    const fromQ = q.dateTime('from', 'From');
    const toQ = q.dateTime('to', 'To');
    const paid = q.bool('paid', 'Paid');
    q.done();
    const [defFrom, defTo] = p.service.currentMonthRange();
    const from = fromQ ?? defFrom;
    const to = toQ ?? defTo;
    if (from > to) throw argumentError('From date must be less than to date');
    return { from, to, paid };
  };

  router.add('GET', `${B}/getbackupscount`, { where: `${C}.GetBackupsCountAsync(BackupsCountDto dto)` }, (ctx, pr) => {
    const { from, to, paid } = bindCountPeriod(ctx);
    demandBackup(me(pr));
    sendSuccess(ctx, p.service.countBackups(p.tenantId, paid, from, to));
  });

  // 3.8 (develop): GetBackupsCountsAsync → BackupsCountResultDto {free, paid}, the backups of the
  // period split by who paid. A 3.7 portal has no such route (404); cloud only here.
  router.add('GET', `${B}/getbackupscountbypaid`, { where: `${C}.GetBackupsCountsAsync(BackupsCountDto dto)` }, (ctx, pr) => {
    if (isStandalone(p) || !p.store.state.countByPaid) return sendEmpty(ctx, 404);
    const { from, to } = bindCountPeriod(ctx); // `paid` is accepted, not read
    demandBackup(me(pr));
    sendSuccess(ctx, { free: p.service.countBackups(p.tenantId, false, from, to), paid: p.service.countBackups(p.tenantId, true, from, to) });
  });

  router.add('GET', `${B}/getservicestate`, { where: `${C}.GetBackupsServiceStateAsync()` }, (ctx, pr) => {
    demandBackup(me(pr));
    sendSuccess(ctx, { enabled: !isStandalone(p) && p.store.state.plan.serviceEnabled });
  });

  // No restore is ever running here; anonymous like the real action.
  router.add('GET', `${B}/getrestoreprogress`, { anonymous: true, where: `${C}.GetRestoreProgress(RestoreDto dto)` }, (ctx) => {
    sendSuccess(ctx, null);
  });
}
