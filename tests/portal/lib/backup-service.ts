// Backup schedules and records: the parts of BackupService / BackupRepository
// shared by the API routes, the progress worker and the scheduler.
import { createHmac, randomUUID } from 'node:crypto';
import { tenantQuotaError } from './errors';
import { parseCronParams } from './cron';
import { isStandalone, type PortalCore } from './portal-core';
import type { BackupRecord, StoredSchedule } from './state';
import { formatNaive, NEVER, parseUtc, utcToWall } from './timezone';

export const ST = { Documents: 0, ThridpartyDocuments: 1, CustomCloud: 2, Local: 3, DataStore: 4, ThirdPartyConsumer: 5 } as const;
export const DUMP_TENANT = -1;
const DAY_MS = 86400_000;
const LINK_EXPIRE_MINUTES = '1440';

export class BackupService {
  constructor(private readonly core: PortalCore) {}

  private get state() {
    return this.core.store.state;
  }

  /** BackupRepository.GetBackupScheduleAsync(tenantId, dump). */
  scheduleRow(tenantId: number, dump?: boolean): StoredSchedule | undefined {
    return this.state.schedules.find((s) => s.tenantId === tenantId && (dump === undefined || s.dump === dump));
  }

  /** ScheduleDto of GetScheduleAsync, or null when there is no row. */
  scheduleDto(dump: boolean): Record<string, unknown> | null {
    const row = this.scheduleRow(dump ? DUMP_TENANT : this.core.tenantId, dump);
    if (!row) return null;
    const storageParams: Record<string, string | null> = { ...row.storageParams };
    // Every type but ThirdPartyConsumer reports StorageBasePath as folderId (null for DataStore).
    if (row.storageType !== ST.ThirdPartyConsumer) storageParams.folderId = row.storageBasePath;
    const out: Record<string, unknown> = {
      storageType: row.storageType,
      storageParams,
      cronParams: parseCronParams(row.cron),
    };
    // BackupsStored.NullIfDefault() + WhenWritingNull: 0 is omitted.
    if (row.backupsStored !== 0) out.backupsStored = row.backupsStored;
    out.lastBackupTime = row.lastBackupTime;
    out.dump = row.dump;
    return out;
  }

  /** AddOrUpdateAsync copies every column, so lastBackupTime goes back to DateTime.MinValue. */
  saveSchedule(row: Omit<StoredSchedule, 'lastBackupTime'>): void {
    const s = this.state;
    s.schedules = s.schedules.filter((x) => x.tenantId !== row.tenantId);
    s.schedules.push({ ...row, lastBackupTime: NEVER });
    this.core.store.save();
  }

  deleteSchedule(tenantId: number): boolean {
    const s = this.state;
    const before = s.schedules.length;
    s.schedules = s.schedules.filter((x) => x.tenantId !== tenantId);
    this.core.store.save();
    return s.schedules.length !== before;
  }

  /** Records of a tenant that are not marked removed, in insertion order. */
  records(tenantId: number): BackupRecord[] {
    return this.state.backups.filter((b) => b.tenantId === tenantId && !b.removed);
  }

  findRecord(id: string): BackupRecord | undefined {
    return this.state.backups.find((b) => b.id.toLowerCase() === id.toLowerCase());
  }

  markRemoved(records: BackupRecord[]): void {
    for (const r of records) r.removed = true;
    this.core.store.save();
  }

  historyDto(dump: boolean): Array<Record<string, unknown>> {
    return this.records(dump ? DUMP_TENANT : this.core.tenantId)
      .filter((r) => this.storageExists(r))
      .map((r) => ({ id: r.id, fileName: r.name, storageType: r.storageType, createdOn: r.createdOn, expiresOn: r.expiresOn }));
  }

  /** GetBackupStorageAsync fails (and the record is skipped) for types it cannot open. */
  private storageExists(r: BackupRecord): boolean {
    if (r.storageType === ST.CustomCloud) return false;
    if (r.storageType === ST.ThirdPartyConsumer && !r.storageParams.module) return false;
    return true;
  }

  /** GetBackupsCount: counts removed rows too, split by the paid flag. */
  countBackups(tenantId: number, paid: boolean, from: number, to: number): number {
    return this.state.backups.filter((b) => {
      const t = parseUtc(b.createdOn);
      return b.tenantId === tenantId && b.paid === paid && t >= from && t <= to;
    }).length;
  }

  /** BackupPeriodHelper.GetCurrentMonthRange on the portal clock. */
  currentMonthRange(now = this.core.clock.now()): [number, number] {
    const d = new Date(now);
    return [Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1), now + 1000];
  }

  /**
   * CountFreeBackupChecker.CheckAppend with the wallet fallback. Returns whether
   * the backup is paid (a billing session); throws TenantQuotaException (402).
   */
  chargeBackup(now = this.core.clock.now()): boolean {
    if (isStandalone(this.core)) return false;
    const plan = this.state.plan;
    if (!plan.paid) return false; // NotPaid tenants are not checked
    const [from, to] = this.currentMonthRange(now);
    const used = this.countBackups(this.core.tenantId, false, from, to);
    if (used + 1 <= plan.freeBackups) return false;
    if (!plan.serviceEnabled) {
      throw tenantQuotaError(`The number of free backups should not exceed ${plan.freeBackups} within a month`);
    }
    return true;
  }

  /** "<alias>_yyyy-MM-dd_HH-mm-ss.tar.gz": server local time on standalone (here the portal zone), UTC on the cloud. */
  fileName(dump: boolean, atUtc: number): string {
    const t = isStandalone(this.core) ? utcToWall(atUtc, this.core.opts.timezone) : atUtc;
    const stamp = formatNaive(t).replace('T', '_').replace(/:/g, '-');
    return `${dump ? 'workspace' : this.core.alias}_${stamp}.tar.gz`;
  }

  addRecord(init: {
    id?: string;
    tenantId: number;
    isScheduled: boolean;
    name: string;
    storageType: number;
    storageBasePath: string | null;
    storageParams: Record<string, string>;
    paid: boolean;
    /** Portal time of creation; defaults to now. */
    createdAt?: number;
  }): BackupRecord {
    const now = init.createdAt ?? this.core.clock.now();
    const record: BackupRecord = {
      id: init.id ?? randomUUID(),
      tenantId: init.tenantId,
      isScheduled: init.isScheduled,
      name: init.name,
      storageType: init.storageType,
      storageBasePath: init.storageBasePath,
      storagePath: init.storageType === ST.Documents ? String(1000 + this.state.backups.length) : init.name,
      storageParams: init.storageParams,
      createdOn: formatNaive(now),
      expiresOn: init.storageType === ST.DataStore ? formatNaive(now + DAY_MS) : NEVER,
      removed: false,
      paid: init.paid,
    };
    this.state.backups.push(record);
    this.core.store.save();
    return record;
  }

  private sign(name: string): string {
    return createHmac('sha256', this.state.linkSecret).update(`${name}.${LINK_EXPIRE_MINUTES}`).digest('base64url').slice(0, 32);
  }

  /** BackupStorage.GetPublicLinkAsync: a pre-signed relative link for temporary copies, "" for rooms. */
  publicLink(r: BackupRecord): string {
    switch (r.storageType) {
      case ST.DataStore:
        return `/storage/backup/${r.tenantId === DUMP_TENANT ? 'root' : r.tenantId}/${encodeURIComponent(r.name)}?expire=${LINK_EXPIRE_MINUTES}&auth=${this.sign(r.name)}`;
      case ST.ThirdPartyConsumer: {
        const p = r.storageParams;
        const bucket = p.bucket || p.private_container || 'backup';
        const host = p.module === 's3' ? `${bucket}.s3.${p.region || 'us-east-1'}.amazonaws.com` : `storage.example-${p.module ?? 'cloud'}.com/${bucket}`;
        return `https://${host}/backup/${encodeURIComponent(r.name)}?X-Expires=86400&X-Signature=${this.sign(r.name)}`;
      }
      default:
        return '';
    }
  }

  /** The record a temporary download link points to, if the link is genuine and the copy still exists. */
  resolveDownload(name: string, auth: string | undefined): BackupRecord | undefined {
    if (!auth || auth !== this.sign(name)) return undefined;
    const now = this.core.clock.now();
    return this.state.backups.find((b) => b.name === name && !b.removed && b.storageType === ST.DataStore && parseUtc(b.expiresOn) > now);
  }

  /** BackupCleanerService: drop expired temporary copies and scheduled copies beyond backupsStored. */
  runCleaner(nowUtc: number): void {
    let changed = false;
    for (const b of this.state.backups) {
      if (!b.removed && b.expiresOn !== NEVER && parseUtc(b.expiresOn) <= nowUtc) {
        b.removed = true;
        changed = true;
      }
    }
    const tenants = new Set(this.state.backups.filter((b) => b.isScheduled && !b.removed).map((b) => b.tenantId));
    for (const tenantId of tenants) {
      const schedule = this.scheduleRow(tenantId);
      if (!schedule) continue;
      const scheduled = this.state.backups
        .filter((b) => b.tenantId === tenantId && b.isScheduled && !b.removed)
        .sort((a, b) => parseUtc(b.createdOn) - parseUtc(a.createdOn));
      for (const old of scheduled.slice(schedule.backupsStored)) {
        old.removed = true;
        changed = true;
      }
    }
    if (changed) this.core.store.save();
  }
}
