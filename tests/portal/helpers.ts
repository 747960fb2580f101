// What the local portal's own tests share beyond the test client (test-client.ts):
// a portal whose scheduler ticks only when a test moves its clock, and request bodies.
import type { StartPortalOptions } from './server';
import { startTestPortal as startClientPortal, type Reply, type TestPortal as ClientTestPortal } from './test-client';

export { request, tempDir, type CallOptions, type Reply } from './test-client';
export { DEMO_PASSWORD as PASSWORD, EMAILS, type Role as RoleName } from './lib/accounts';

type Method = 'GET' | 'POST' | 'DELETE';
const METHODS: readonly string[] = ['GET', 'POST', 'DELETE'];

/**
 * The test client, whose `control` also takes the older `(method, path, body)` form that
 * answers the raw reply. Only utils/background/health.test.ts still calls it that way (it is
 * outside this round's tooling work); new code uses `control(path, body?, method?)` or `call()`.
 */
export interface TestPortal extends ClientTestPortal {
  control(path: string, body?: unknown, method?: string): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  control(method: Method, path: string, body?: unknown): Promise<Reply>;
}

/** Starts a portal for one test file; scheduler ticks come only from clock moves, manual backups take 1 s. */
export async function startTestPortal(opts: Partial<StartPortalOptions> = {}): Promise<TestPortal> {
  const portal = await startClientPortal({ backupSeconds: 1, tickMs: 3_600_000, ...opts });
  const control = portal.control;
  return Object.assign(portal, {
    control(first: string, second?: unknown, third?: unknown) {
      if (METHODS.includes(first) && typeof second === 'string') {
        return portal.call(`/__test__/${second}`, { method: first, body: third ?? (first === 'POST' ? {} : undefined) });
      }
      return control(first, second, third as string | undefined);
    },
  }) as TestPortal;
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
