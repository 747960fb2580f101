// The backup progress queue (BackupWorker + BackupProgressItem): one task per
// tenant (and one for the dump); a finished task stays visible for 24 hours of
// portal time (the queue's cache lifetime, 60·60·24 s) unless the next start or a
// cancel replaces it first. Manual backups take `backupSeconds` of real time.
// Outcomes as BackupProgressItem.DoJob records them (run-outcomes.md): a success
// writes the record (createdOn = finish) and 5128/5125; a failure writes nothing
// to the database, leaves status 2 with the error and logs 5129/5126.
import { randomUUID } from 'node:crypto';
import { OWNER } from './accounts';
import { AUDIT, type AuditTrail } from './audit';
import { ST, DUMP_TENANT, type BackupService } from './backup-service';
import type { PortalCore } from './portal-core';

/** How long a finished task stays readable (DistributedTaskQueue registered with 60·60·24 s). */
export const PROGRESS_LIFETIME_MS = 24 * 3600_000;

/** Real time until a cancelled job's continuation publishes it again (a thread-pool hop on the server). */
const CANCEL_CONTINUATION_MS = 200;

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
  /** Portal time it finished (its progress expires a day later). */
  finishedPortal?: number;
  /** Who the job runs as: the owner for scheduled runs, the caller for manual ones. */
  userId: string;
  timer?: NodeJS.Timeout;
}

export class BackupTasks {
  private items: TaskItem[] = [];
  /** The test control `backup-failure`: the next `left` jobs fail with `message`. */
  private injected: { message: string; left: number } | null = null;
  /** Cancelled jobs not yet published again (a reset drops them). */
  private readonly continuations = new Set<NodeJS.Timeout>();

  constructor(
    private readonly core: PortalCore,
    private readonly service: BackupService,
    private readonly audit: AuditTrail,
  ) {}

  failNext(message: string, times: number): void {
    this.injected = { message, left: times };
  }

  clearFailures(): void {
    this.injected = null;
  }

  get pendingFailures(): { message: string; left: number } | null {
    return this.injected ? { ...this.injected } : null;
  }

  private find(dump: boolean): TaskItem | undefined {
    this.expire();
    return this.items.find((t) => t.dump === dump && (dump || t.tenantId === this.core.tenantId));
  }

  /** The queue's cache drops a finished task a day after it ended (on the portal clock). */
  private expire(): void {
    const now = this.core.clock.now();
    this.items = this.items.filter((t) => !(t.isCompleted && t.finishedPortal !== undefined && t.finishedPortal + PROGRESS_LIFETIME_MS <= now));
  }

  /** A new task for the tenant, not yet started or finished. */
  private add(req: BackupRequest, how: Pick<TaskItem, 'isScheduled' | 'status' | 'durationMs' | 'startedPortal' | 'userId'>): TaskItem {
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
  start(req: BackupRequest, userId: string = OWNER.id): Record<string, unknown> {
    const existing = this.find(req.dump);
    if (existing && !existing.isCompleted) return this.progressOf(existing);
    if (existing) this.remove(existing);
    const durationMs = Math.max(1, this.core.opts.backupSeconds * 1000);
    const item = this.add(req, { isScheduled: false, status: TASK.Created, durationMs, startedPortal: this.core.clock.now(), userId });
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
    const item = this.add(req, { isScheduled: true, status: TASK.Running, durationMs: 0, startedPortal: atPortal, userId: OWNER.id });
    // DoJob runs as the portal owner and logs the start of a scheduled run first.
    this.audit.log(AUDIT.ScheduledBackupStarted, item.userId, null, atPortal);
    this.finish(item, atPortal);
    return true;
  }

  /** BackupProgressItem.DoJob's outcome: a record and a link, or an error message. */
  private finish(item: TaskItem, at = this.core.clock.now()): void {
    if (!this.items.includes(item)) return; // cancelled meanwhile
    item.timer = undefined;
    const failure = this.failureOf(item);
    if (failure) {
      item.error = failure;
      this.audit.log(item.isScheduled ? AUDIT.ScheduledBackupFailed : AUDIT.BackupFailed, item.userId, null, at);
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
        createdAt: at,
      });
      item.link = this.service.publicLink(record);
      item.percentage = 100;
      this.audit.log(item.isScheduled ? AUDIT.ScheduledBackupCompleted : AUDIT.BackupCompleted, item.userId, null, at);
    }
    item.isCompleted = true;
    item.finishedPortal = at;
    // DistributedTaskQueue.OnCompleted: DoJob swallows its errors, so even a failure ends "Completed".
    item.status = TASK.Completed;
  }

  private failureOf(item: TaskItem): string | undefined {
    if (this.injected && this.injected.left > 0) {
      const { message } = this.injected;
      this.injected.left -= 1;
      if (this.injected.left === 0) this.injected = null;
      return message;
    }
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

  /**
   * CancelBackupAsync dequeues every backup task of the tenant, finished ones included. A job that
   * was still running then ends in DistributedTaskQueue's continuation (OnCompleted → PublishTask),
   * which writes it back to the cache: shortly after the cancel, its progress reads
   * `isCompleted: true, error: "", status: 3` (run-outcomes.md), until something replaces it.
   */
  cancel(): boolean {
    const mine = this.items.filter((t) => t.tenantId === this.core.tenantId);
    for (const t of mine) {
      const wasRunning = !t.isCompleted;
      if (wasRunning) this.audit.log(AUDIT.BackupCancelled, t.userId);
      this.remove(t);
      if (wasRunning) this.republishCancelled(t);
    }
    return mine.length > 0;
  }

  private republishCancelled(t: TaskItem): void {
    const timer = setTimeout(() => {
      this.continuations.delete(timer);
      // Another task (a new start) took the slot meanwhile: the cancelled one stays gone.
      if (this.items.some((o) => o.dump === t.dump && o.tenantId === t.tenantId)) return;
      this.items.push({ ...t, timer: undefined, isCompleted: true, status: TASK.Canceled, error: '', link: '', finishedPortal: this.core.clock.now() });
    }, CANCEL_CONTINUATION_MS);
    timer.unref();
    this.continuations.add(timer);
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
    this.expire();
    return this.items.map((t) => ({ ...this.progressOf(t), dump: t.dump, isScheduled: t.isScheduled, storageType: t.storageType }));
  }

  stopAll(): void {
    for (const t of this.items) if (t.timer) clearTimeout(t.timer);
    for (const c of this.continuations) clearTimeout(c);
    this.continuations.clear();
    this.items = [];
  }
}
