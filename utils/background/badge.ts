import { browser } from '#imports';
import type { HealthRecord } from '../pure/messages/protocol';
import { worst } from '../pure/health/rules';
import type { HealthState } from '../pure/health/states';
import { t } from '../extension/i18n';
import { healthKey, stateText } from '../extension/health-text';
import { portalsItem } from '../extension/portal-list';
import { healthItem } from '../extension/health-record';

const COLORS: Record<HealthState, string> = {
  healthy: '#1a7f37',
  off: '#6e7781',
  overdue: '#bf8700',
  failed: '#cf222e',
  vanished: '#cf222e',
  'signed-out': '#9a6700',
  'no-access': '#9a6700',
  unreachable: '#9a6700',
  unknown: '#6e7781',
  running: '#0969da',
  stalled: '#bf8700',
  'no-file': '#cf222e',
  scheduled: '#0969da',
  'turned-off': '#6e7781',
};


/**
 * The toolbar shows the current tab's portal, or the worst of all portals
 * when the tab is not one of them.
 */
export async function updateBadge(): Promise<void> {
  const portals = await portalsItem.getValue();
  const records = (await Promise.all(portals.map((p) => healthItem(p.origin).getValue()))).filter((r): r is HealthRecord => !!r);
  let tabOrigin: string | undefined;
  try {
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    tabOrigin = tab?.url ? new URL(tab.url).origin : undefined;
  } catch {
    tabOrigin = undefined;
  }
  const own = records.find((r) => r.origin === tabOrigin);
  const state = own?.state ?? worst(records.map((r) => r.state));
  if (!state) {
    await browser.action.setBadgeText({ text: '' });
    await browser.action.setTitle({ title: t('extName') });
    return;
  }
  const subject = own ? new URL(own.origin).host : t('allPortals');
  await browser.action.setBadgeText({ text: t(healthKey(state, 'badge')) });
  await browser.action.setBadgeBackgroundColor({ color: COLORS[state] });
  await browser.action.setTitle({ title: `${t('extName')} — ${subject}: ${stateText(state)}` });
}
