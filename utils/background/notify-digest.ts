import { browser } from '#imports';
import type { HealthRecord } from '../pure/messages/protocol';
import { isBad } from '../pure/health/rules';
import { getPrefs } from '../extension/prefs';
import { t } from '../extension/i18n';
import { headline, healthDetails } from '../extension/health-text';
import { portalsItem } from '../extension/portal-list';

/**
 * Desktop notifications, grouped: portals that turn bad within a few seconds of
 * each other (a periodic check of every portal, "Refresh all") make one digest,
 * never one notification per portal per check.
 */

/** A change waits this long for others; the digest goes out once none came for that long… */
export const DIGEST_QUIET_MS = 2_000;
/** …or this long after the first, whichever is sooner. */
export const DIGEST_MAX_WAIT_MS = 10_000;
/** Portals named in a digest; the rest are counted. */
const LISTED = 5;

const pending = new Map<string, HealthRecord>();
let quiet: ReturnType<typeof setTimeout> | undefined;
let deadline: ReturnType<typeof setTimeout> | undefined;
let batches = 0;

/** Notes a checked portal; only a turn for the worse (a new bad state) is told. */
export function noteHealthChange(previous: HealthRecord | null, record: HealthRecord): void {
  // One that recovered before the digest went out: nothing to tell about it.
  if (!isBad(record.state)) pending.delete(record.origin);
  // A new failed run is news even when the last one failed too.
  if (!isBad(record.state) || (previous?.state === record.state && previous.run?.startedAt === record.run?.startedAt)) return;
  pending.set(record.origin, record);
  if (batches > 0) return;
  clearTimeout(quiet);
  quiet = setTimeout(() => void flushDigest(), DIGEST_QUIET_MS);
  deadline ??= setTimeout(() => void flushDigest(), DIGEST_MAX_WAIT_MS);
}

/** Runs `task` (checks of many portals) and tells what changed in one digest at its end. */
export async function inDigestBatch<T>(task: () => Promise<T>): Promise<T> {
  batches++;
  try {
    return await task();
  } finally {
    batches--;
    if (batches === 0) await flushDigest();
  }
}

/** Sends what is pending now: one notification for one portal, a digest for several. */
export async function flushDigest(): Promise<void> {
  clearTimeout(quiet);
  clearTimeout(deadline);
  quiet = deadline = undefined;
  if (!pending.size) return;
  const names = new Map((await portalsItem.getValue()).map((p) => [p.origin, p.name]));
  // A portal removed meanwhile is not told about.
  const records = [...pending.values()].filter((r) => names.has(r.origin));
  pending.clear();
  const prefs = await getPrefs();
  if (!records.length || !prefs.notify || !browser.notifications) return;
  const line = (r: HealthRecord) => `${names.get(r.origin) ?? new URL(r.origin).host}: ${headline(r)}`;
  const one = records.length === 1;
  // One portal: its first detail too (the portal's error, the missed slot); a digest names each in one line.
  const lines = one ? [line(records[0]!), ...healthDetails(records[0]!).slice(0, 1)] : records.slice(0, LISTED).map(line);
  if (records.length > LISTED) lines.push(t('fleetDigestMore', String(records.length - LISTED)));
  await browser.notifications
    .create(one ? `health:${records[0]!.origin}` : 'health-digest', {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: one ? t('extName') : t('fleetDigestTitle', String(records.length)),
      message: lines.join('\n'),
    })
    .catch(() => undefined);
}
