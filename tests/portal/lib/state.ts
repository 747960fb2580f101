// The portal's persistent state (<dataDir>/state.json): schedules, backup
// records, login sessions, cloud plan switches and the clock offset.
// Written atomically (temp file + rename) after every change.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredAuditEvent } from './audit';

/** A row of backup_schedule; tenantId -1 holds the server-wide dump schedule. */
export interface StoredSchedule {
  tenantId: number;
  storageType: number;
  storageBasePath: string | null;
  /** Insertion-ordered; serialized back as a dictionary. */
  storageParams: Record<string, string>;
  cron: string;
  backupsStored: number;
  /** UTC, "yyyy-MM-ddTHH:mm:ss"; never run = "0001-01-01T00:00:00". */
  lastBackupTime: string;
  dump: boolean;
}

/** A row of backup_backup. Removed rows stay (getbackupscount still counts them). */
export interface BackupRecord {
  id: string;
  tenantId: number;
  isScheduled: boolean;
  name: string;
  storageType: number;
  storageBasePath: string | null;
  storagePath: string;
  storageParams: Record<string, string>;
  /** UTC "yyyy-MM-ddTHH:mm:ss". */
  createdOn: string;
  /** UTC; "0001-01-01T00:00:00" unless temporary (DataStore: +1 day). */
  expiresOn: string;
  removed: boolean;
  paid: boolean;
}

export interface Session {
  token: string;
  userId: string;
  /** Epoch ms on the portal clock. */
  expires: number;
  loginEventId: number;
}

export interface Plan {
  /** false = tariff NotPaid: PaymentFilter answers 402 and the scheduler skips runs. */
  paid: boolean;
  /** Wallet "Backup" service (getservicestate.enabled); pays for backups beyond the free ones. */
  serviceEnabled: boolean;
  /** quota.CountFreeBackup: free backups per calendar month (UTC). */
  freeBackups: number;
  /** quota.Audit: without it the audit filter falls back to the last 20 events (SecurityController). */
  audit: boolean;
}

export interface PortalState {
  version: 1;
  schedules: StoredSchedule[];
  backups: BackupRecord[];
  sessions: Session[];
  plan: Plan;
  clockOffsetMs: number;
  thirdPartyConnected: boolean;
  /** Signs temporary-download links. */
  linkSecret: string;
  nextLoginEventId: number;
  /** The audit trail (./audit.ts). */
  audit: StoredAuditEvent[];
  nextAuditId: number;
  /** Cloud 3.8 answers getbackupscountbypaid; false plays a 3.7 portal (404). */
  countByPaid: boolean;
}

export function defaultPlan(): Plan {
  // Cloud default lets auto backup work: no free backups, but the wallet service is on.
  return { paid: true, serviceEnabled: true, freeBackups: 0, audit: true };
}

export function seedState(): PortalState {
  return {
    version: 1,
    schedules: [],
    backups: [],
    sessions: [],
    plan: defaultPlan(),
    clockOffsetMs: 0,
    thirdPartyConnected: true,
    linkSecret: randomBytes(16).toString('hex'),
    nextLoginEventId: 1,
    audit: [],
    nextAuditId: 1,
    countByPaid: true,
  };
}

export class StateFileError extends Error {}

export class StateStore {
  readonly file: string;
  state: PortalState;

  constructor(readonly dataDir: string) {
    this.file = join(dataDir, 'state.json');
    mkdirSync(dataDir, { recursive: true });
    this.state = existsSync(this.file) ? this.load() : seedState();
    if (!existsSync(this.file)) this.save();
  }

  private load(): PortalState {
    const text = readFileSync(this.file, 'utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new StateFileError(`The portal's state file ${this.file} is not valid JSON (${(e as Error).message}). Delete it or fix it.`);
    }
    const p = parsed as Partial<PortalState> | null;
    if (!p || typeof p !== 'object' || p.version !== 1 || !Array.isArray(p.schedules) || !Array.isArray(p.backups) || !Array.isArray(p.sessions)) {
      throw new StateFileError(`The portal's state file ${this.file} is not a portal state (expected version 1 with schedules, backups and sessions). Delete it or fix it.`);
    }
    const seed = seedState();
    return {
      ...seed,
      ...p,
      plan: { ...seed.plan, ...(p.plan ?? {}) },
    } as PortalState;
  }

  save(): void {
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state, null, 2));
    renameSync(tmp, this.file);
  }

  /** Back to the seed (reset control): sessions survive so signed-in clients keep working. */
  reset(): void {
    const keep = this.state.sessions;
    const nextLoginEventId = this.state.nextLoginEventId;
    this.state = { ...seedState(), sessions: keep, nextLoginEventId };
    this.save();
  }
}
