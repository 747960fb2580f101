// What the local portal's own tests share beyond the test client (test-client.ts):
// a portal whose scheduler ticks only when a test moves its clock, and request bodies.
import type { StartPortalOptions } from './server';
import { startTestPortal as startClientPortal, type TestPortal as ClientTestPortal } from './test-client';

export { request, tempDir, type CallOptions, type Reply } from './test-client';
export { DEMO_PASSWORD as PASSWORD, EMAILS, type Role as RoleName } from './lib/accounts';

export type TestPortal = ClientTestPortal;

/** Starts a portal for one test file; scheduler ticks come only from clock moves, manual backups take 1 s. */
export function startTestPortal(opts: Partial<StartPortalOptions> = {}): Promise<TestPortal> {
  return startClientPortal({ backupSeconds: 1, tickMs: 3_600_000, ...opts });
}

/** A valid body for createbackupschedule, overridable per test. */
export function scheduleBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    storageType: 0,
    storageParams: [{ key: 'folderId', value: '101' }],
    backupsStored: 5,
    cronParams: { period: 0, hour: 2 },
    dump: false,
    ...over,
  };
}

export const B = '/api/2.0/backup';
