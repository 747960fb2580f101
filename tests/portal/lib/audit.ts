// The audit trail (MessageService + AuditEventsRepository) as far as backups
// need it. Event ids and texts from common/ASC.Core.Common/Messaging/MessageAction.cs;
// the DTO shape from web/ASC.Web.Api/ApiModels/ResponseDto/AuditEventDto.cs;
// the read rules from web/ASC.Web.Api/Api/SecurityController.cs
// (GetAuditEventsByFilter / GetLastAuditEvents). Events are kept in state.json.
import { displayName, findUserById, OWNER } from './accounts';
import type { PortalCore } from './portal-core';
import { formatApiDateTime } from './timezone';

export const AUDIT = {
  BackupCompleted: 5125,
  BackupFailed: 5126,
  ScheduledBackupStarted: 5127,
  ScheduledBackupCompleted: 5128,
  ScheduledBackupFailed: 5129,
  ScheduledBackupDeleted: 5130,
  BackupCancelled: 5131,
} as const;

/** The English action texts the server localizes (AuditReportResource). */
const ACTION_TEXT: Record<number, string> = {
  5125: 'Backup completed',
  5126: 'Backup failed',
  5127: 'Scheduled backup started',
  5128: 'Scheduled backup completed',
  5129: 'Scheduled backup failed',
  5130: 'Scheduled backup deleted',
  5131: 'Backup cancelled',
};

export interface StoredAuditEvent {
  id: number;
  /** Portal clock, epoch ms. */
  at: number;
  userId: string;
  actionId: number;
  /** The target's text (the tenant id for 5130), or null: job events carry none. */
  target: string | null;
}

/** GetLastAuditEvents: the last 20, whatever the filters. */
export const LAST_EVENTS = 20;

export interface AuditFilter {
  actionId?: number;
  userId?: string;
  from?: number;
  to?: number;
  count: number;
  startIndex: number;
}

export class AuditTrail {
  constructor(private readonly core: PortalCore) {}

  private get events(): StoredAuditEvent[] {
    const s = this.core.store.state;
    s.audit ??= [];
    return s.audit;
  }

  /** MessageService.SendAsync: written at once here (the real one is asynchronous). */
  log(actionId: number, userId: string = OWNER.id, target: string | null = null, at = this.core.clock.now()): void {
    const s = this.core.store.state;
    const id = (s.nextAuditId ??= 1);
    s.nextAuditId = id + 1;
    this.events.push({ id, at, userId, actionId, target });
    this.core.store.save();
  }

  /** Newest first (ORDER BY date DESC), then the filters, then startIndex/count. */
  filter(f: AuditFilter): Array<Record<string, unknown>> {
    return this.newestFirst()
      .filter((e) => (f.actionId === undefined || e.actionId === f.actionId) && (f.userId === undefined || e.userId.toLowerCase() === f.userId.toLowerCase()))
      .filter((e) => (f.from === undefined || e.at >= f.from) && (f.to === undefined || e.at <= f.to))
      .slice(f.startIndex, f.startIndex + f.count)
      .map((e) => this.dto(e));
  }

  last(): Array<Record<string, unknown>> {
    return this.newestFirst()
      .slice(0, LAST_EVENTS)
      .map((e) => this.dto(e));
  }

  private newestFirst(): StoredAuditEvent[] {
    return [...this.events].sort((a, b) => b.at - a.at || b.id - a.id);
  }

  /** AuditEventDto: `date` in the portal's offset, `action` the localized text; match on actionId. */
  private dto(e: StoredAuditEvent): Record<string, unknown> {
    const user = findUserById(e.userId);
    return {
      id: e.id,
      date: formatApiDateTime(e.at, this.core.opts.timezone),
      user: user ? displayName(user) : 'System',
      userId: e.userId,
      action: ACTION_TEXT[e.actionId] ?? String(e.actionId),
      actionId: e.actionId,
      ip: e.target === null ? null : '127.0.0.1',
      country: null,
      city: null,
      browser: null,
      platform: null,
      page: null,
      actionType: e.actionId === AUDIT.ScheduledBackupDeleted ? 'Delete' : 'Send',
      product: 'Settings',
      location: 'Backup',
      target: e.target,
      entries: [],
      context: null,
    };
  }
}

/** The `action` query: a MessageAction number or its name (enum binding accepts both). */
export function parseAction(value: string): number | undefined {
  const t = value.trim();
  if (/^\d+$/.test(t)) return Number(t);
  const key = Object.keys(AUDIT).find((k) => k.toLowerCase() === t.toLowerCase()) as keyof typeof AUDIT | undefined;
  return key ? AUDIT[key] : undefined;
}
