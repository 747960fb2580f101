// What every part of a running portal shares: options, state, clock, files.
import type { PortalClock } from './clock';
import type { FileStore } from './files';
import type { SameSite } from './session-cookie';
import type { StateStore } from './state';

export type Mode = 'standalone' | 'cloud';

export interface PortalOptions {
  mode: Mode;
  timezone: string;
  testControls: boolean;
  latencyMs: number;
  backupSeconds: number;
  tickMs: number;
  /** `web:samesite` for the session cookie (undefined = Strict, as 3.7 without it). */
  sameSite?: SameSite;
  /** 3.8.0: `Partitioned` on a `SameSite=None; Secure` session cookie. */
  partitioned?: boolean;
  /** E-mails of users with an authenticator app (2FA): their sign-in stays pending (no session). */
  tfaUsers?: string[];
}

export interface PortalCore {
  opts: PortalOptions;
  store: StateStore;
  clock: PortalClock;
  files: FileStore;
  /** The tenant of this portal (each portal is its own single tenant). */
  tenantId: number;
  /** Tenant alias: the first part of backup file names. */
  alias: string;
}

export const isStandalone = (core: PortalCore) => core.opts.mode === 'standalone';
