import { browser } from '#imports';
import { getPrefs, prefsItem } from '../extension/prefs';
import { portalsItem } from '../extension/portal-list';
import { updateBadge } from './badge';
import { checkAll } from './health';
import { runCheckRound } from './check-round';
import { watchPolicy } from '../extension/managed-policy';

const ALARM = 'health-check';

async function scheduleAlarm() {
  const { checkHours } = await getPrefs();
  const minutes = checkHours * 60;
  const existing = await browser.alarms.get(ALARM);
  if (existing?.periodInMinutes === minutes) return;
  await browser.alarms.create(ALARM, { delayInMinutes: minutes, periodInMinutes: minutes });
}

// Never two rounds at once: a trigger while one runs joins it (check-round.ts).
function checkNow() {
  return runCheckRound(async () => {
    const records = await checkAll();
    await updateBadge();
    return records.length;
  });
}

// Event handlers fire and forget; a failed badge update must not become an unhandled rejection.
const quietly = (task: () => Promise<unknown>) => () => void task().catch(() => undefined);

/** Health checks: on a schedule (alarms), when the browser starts, and when portals change. */
export function startHealthChecks(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) quietly(checkNow)();
  });
  browser.runtime.onStartup.addListener(quietly(checkNow));
  browser.runtime.onInstalled.addListener(quietly(checkNow));
  prefsItem.watch(quietly(scheduleAlarm));
  // The organisation's policy may set the interval (utils/extension/managed-policy.ts).
  watchPolicy(quietly(scheduleAlarm));
  portalsItem.watch(quietly(updateBadge));
  browser.tabs.onActivated.addListener(quietly(updateBadge));
  browser.tabs.onUpdated.addListener((_id, change) => {
    if (change.url) quietly(updateBadge)();
  });
  quietly(scheduleAlarm)();
}
