// The backup scheduler (BackupSchedulerService + Schedule.IsToBeProcessedAsync)
// on the portal clock: a tick at every 15-minute boundary of portal time; a
// schedule is due when cron.GetTimeAfter(last) <= now, both in portal wall time.
import { ST, type BackupService } from './backup-service';
import type { BackupTasks } from './backup-tasks';
import { CronExpression } from './cron';
import { DotNetError } from './errors';
import type { PortalCore } from './portal-core';
import type { StoredSchedule } from './state';
import { formatNaive, NEVER, parseUtc, utcToWall } from './timezone';

export const TICK_MS = 15 * 60_000;
/** A huge clock jump only replays this many ticks (about five years). */
const MAX_CATCH_UP = 200_000;

export interface TickReport {
  at: string;
  ran: Array<{ tenantId: number; dump: boolean; lastBackupTime: string; started: boolean }>;
  deleted: number[];
}

export class Scheduler {
  private lastBoundary: number;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly core: PortalCore,
    private readonly service: BackupService,
    private readonly tasks: BackupTasks,
  ) {
    this.lastBoundary = this.boundaryOf(core.clock.now());
  }

  private boundaryOf(ms: number): number {
    return Math.floor(ms / TICK_MS) * TICK_MS;
  }

  /** Like the hosted service: one pass at start-up, then on every boundary. */
  start(): void {
    this.tick(this.core.clock.now());
    this.timer = setInterval(() => this.catchUp(), this.core.opts.tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Runs a tick for every boundary crossed since the last one (also after a clock move). */
  catchUp(): TickReport[] {
    const boundary = this.boundaryOf(this.core.clock.now());
    if (boundary < this.lastBoundary) {
      this.lastBoundary = boundary; // the clock went back: wait for the next boundary
      return [];
    }
    if ((boundary - this.lastBoundary) / TICK_MS > MAX_CATCH_UP) this.lastBoundary = boundary - MAX_CATCH_UP * TICK_MS;
    const reports: TickReport[] = [];
    while (this.lastBoundary < boundary) {
      this.lastBoundary += TICK_MS;
      const r = this.tick(this.lastBoundary);
      if (r.ran.length > 0 || r.deleted.length > 0) reports.push(r);
    }
    return reports;
  }

  /** Schedule.IsToBeProcessedAsync at the instant `nowUtc`. */
  isDue(s: StoredSchedule, nowUtc: number): boolean {
    let cron: CronExpression;
    try {
      cron = new CronExpression(s.cron);
    } catch {
      return false;
    }
    const tz = this.core.opts.timezone;
    // Never run: midnight of the UTC date minus a second, read as if it were portal time.
    const last =
      s.lastBackupTime === NEVER ? Math.floor(nowUtc / 86400_000) * 86400_000 - 1000 : utcToWall(parseUtc(s.lastBackupTime), tz);
    const next = cron.getTimeAfter(last);
    return next !== null && next <= utcToWall(nowUtc, tz);
  }

  /** One ExecuteTaskAsync pass at `atUtc`, followed by the cleaner. */
  tick(atUtc: number): TickReport {
    const report: TickReport = { at: formatNaive(atUtc), ran: [], deleted: [] };
    const state = this.core.store.state;
    for (const s of [...state.schedules]) {
      if (!this.isDue(s, atUtc)) continue;
      if (!state.plan.paid) continue; // tariff Delay or worse: skipped, schedule kept
      let paid: boolean;
      try {
        paid = this.service.chargeBackup(atUtc);
      } catch (e) {
        if (!(e instanceof DotNetError)) throw e;
        // TenantQuota/Billing failure: the worker deletes the schedule and mails the admins.
        this.service.deleteSchedule(s.tenantId);
        report.deleted.push(s.tenantId);
        continue;
      }
      s.lastBackupTime = formatNaive(atUtc);
      this.core.store.save();
      const started = this.tasks.runScheduled(
        {
          dump: s.dump,
          storageType: s.storageType,
          storageBasePath: s.storageType === ST.ThirdPartyConsumer ? null : s.storageBasePath,
          storageParams: Object.fromEntries(Object.entries(s.storageParams).filter(([k]) => !(s.dump && k === 'tenantId'))),
          paid,
        },
        atUtc,
      );
      report.ran.push({ tenantId: s.tenantId, dump: s.dump, lastBackupTime: s.lastBackupTime, started });
    }
    this.service.runCleaner(atUtc);
    return report;
  }
}
