// The backup progress queue (BackupWorker + BackupProgressItem): one task per
// tenant (and one for the dump); a finished task stays visible until the next
// start or a cancel. Manual backups take `backupSeconds` of real time.
import { randomUUID } from 'node:crypto';
import { ST, DUMP_TENANT, type BackupService } from './backup-service';
import type { PortalCore } from './portal-core';

/** DistributedTaskStatus. */
export const TASK = { Created: 0, Running: 1, Completed: 2, Canceled: 3, Failted: 4 } as const;

export interface BackupRequest {
  dump: boolean;
  storageType: number;
  storageBasePath: string | null;
  storageParams: Record<string, string>;
  paid: boolean;
}

interface TaskItem extends BackupRequest {
  id: string;
  tenantId: number;
  isScheduled: boolean;
  status: number;
  percentage: number;
  isCompleted: boolean;
  error: string;
  warning: string;
  link: string;
  /** Real time the job started, and its length. */
  startedReal: number;
  durationMs: number;
  /** Portal time the job started (names the file). */
  startedPortal: number;
  timer?: NodeJS.Timeout;
}

export class BackupTasks {
  private items: TaskItem[] = [];

  constructor(
    private readonly core: PortalCore,
    private readonly service: BackupService,
  ) {}

  private find(dump: boolean): TaskItem | undefined {
    return this.items.find((t) => t.dump === dump && (dump || t.tenantId === this.core.tenantId));
  }

  /** A new task for the tenant, not yet started or finished. */
  private add(req: BackupRequest, how: Pick<TaskItem, 'isScheduled' | 'status' | 'durationMs' | 'startedPortal'>): TaskItem {
    const item: TaskItem = {
      ...req,
      ...how,
      id: randomUUID(),
      tenantId: this.core.tenantId,
      percentage: 0,
      isCompleted: false,
      error: '',
      warning: '',
      link: '',
      startedReal: Date.now(),
    };
    this.items.push(item);
    return item;
  }

  /** BackupWorker.StartBackupAsync: an unfinished task is returned as is, a finished one is replaced. */
  start(req: BackupRequest): Record<string, unknown> {
    const existing = this.find(req.dump);
    if (existing && !existing.isCompleted) return this.progressOf(existing);
    if (existing) this.remove(existing);
    const durationMs = Math.max(1, this.core.opts.backupSeconds * 1000);
    const item = this.add(req, { isScheduled: false, status: TASK.Created, durationMs, startedPortal: this.core.clock.now() });
    item.timer = setTimeout(() => this.finish(item), durationMs);
    item.timer.unref();
    return this.progressOf(item);
  }

  /**
   * A scheduled run (StartScheduledBackupAsync): skipped while another task for the
   * tenant is unfinished; otherwise done at once, leaving a completed task behind.
   */
  runScheduled(req: BackupRequest, atPortal: number): boolean {
    const existing = this.find(req.dump);
    if (existing && !existing.isCompleted) return false;
    if (existing) this.remove(existing);
    this.finish(this.add(req, { isScheduled: true, status: TASK.Running, durationMs: 0, startedPortal: atPortal }));
    return true;
  }

  /** BackupProgressItem.DoJob's outcome: a record and a link, or an error message. */
  private finish(item: TaskItem): void {
    if (!this.items.includes(item)) return; // cancelled meanwhile
    item.timer = undefined;
    const failure = this.failureOf(item);
    if (failure) {
      item.error = failure;
    } else {
      const record = this.service.addRecord({
        id: item.id,
        tenantId: item.dump ? DUMP_TENANT : item.tenantId,
        isScheduled: item.isScheduled,
        name: this.service.fileName(item.dump, item.startedPortal),
        storageType: item.storageType,
        storageBasePath: item.storageBasePath,
        storageParams: item.dump ? { ...item.storageParams, tenantId: String(item.tenantId) } : item.storageParams,
        paid: item.paid,
        createdAt: item.isScheduled ? item.startedPortal : undefined,
      });
      item.link = this.service.publicLink(record);
      item.percentage = 100;
    }
    item.isCompleted = true;
    // DistributedTaskQueue.OnCompleted: DoJob swallows its errors, so even a failure ends "Completed".
    item.status = TASK.Completed;
  }

  private failureOf(item: TaskItem): string | undefined {
    if (item.storageType === ST.CustomCloud) return 'Unknown storage type.';
    if (item.storageType === ST.ThirdPartyConsumer && item.storageParams.module === undefined) {
      return "The given key 'module' was not present in the dictionary.";
    }
    if (item.storageType < 0 || item.storageType > ST.ThirdPartyConsumer) return 'Unknown storage type.';
    return undefined;
  }

  private remove(item: TaskItem): void {
    if (item.timer) clearTimeout(item.timer);
    this.items = this.items.filter((t) => t !== item);
  }

  /** CancelBackupAsync dequeues every backup task of the tenant, finished ones included. */
  cancel(): boolean {
    const mine = this.items.filter((t) => t.tenantId === this.core.tenantId);
    for (const t of mine) this.remove(t);
    return mine.length > 0;
  }

  progress(dump: boolean): Record<string, unknown> | null {
    const item = this.find(dump);
    return item ? this.progressOf(item) : null;
  }

  /** BaseBackupProgressItem.ToBackupProgress: `error` and `link` are "" rather than absent. */
  private progressOf(item: TaskItem): Record<string, unknown> {
    if (!item.isCompleted) {
      const elapsed = Date.now() - item.startedReal;
      const createdPhase = Math.min(500, item.durationMs / 10);
      if (elapsed >= createdPhase) {
        item.status = TASK.Running;
        item.percentage = 0.9 * Math.min(100, (elapsed / item.durationMs) * 100);
      }
    }
    const out: Record<string, unknown> = {
      isCompleted: item.isCompleted,
      progress: Math.floor(item.percentage),
      error: item.error,
    };
    if (item.warning) out.warning = item.warning;
    out.link = item.link;
    out.tenantId = item.tenantId;
    out.backupProgressEnum = 0;
    out.status = item.status;
    out.taskId = item.id;
    return out;
  }

  /** For the test-control state dump. */
  snapshot(): Array<Record<string, unknown>> {
    return this.items.map((t) => ({ ...this.progressOf(t), dump: t.dump, isScheduled: t.isScheduled, storageType: t.storageType }));
  }

  stopAll(): void {
    for (const t of this.items) if (t.timer) clearTimeout(t.timer);
    this.items = [];
  }
}
