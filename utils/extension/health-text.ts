import { formatDateTime } from './format';
import { t, type MessageKey } from './i18n';
import type { HealthRecord } from '../pure/messages/protocol';
import type { HealthState } from '../pure/health/states';

/** Badge keys of the states added for issue #9 (their own prefix); the others keep badge_<state>. */
const NEW_BADGES: Partial<Record<HealthState, MessageKey>> = {
  running: 'healthBadge_running',
  stalled: 'healthBadge_stalled',
  scheduled: 'healthBadge_scheduled',
  'no-file': 'badge_overdue',
  'turned-off': 'badge_off',
};

/** The catalog key of a state's text, e.g. health_signed_out or badge_signed_out. */
export const healthKey = (state: HealthState, kind: 'badge' | 'health') =>
  (kind === 'badge' && NEW_BADGES[state]) || (`${kind}_${state.replace(/-/g, '_')}` as MessageKey);

/** A health state in words, for the badge's tooltip and the pages alike. */
export const stateText = (state: HealthState) => t(healthKey(state, 'health'));

const when = (ms: number) => formatDateTime(new Date(ms));

/** The state's headline: a never-run schedule says when its first backup is. */
export function headline(record: Pick<HealthRecord, 'state' | 'firstRun'>): string {
  if (record.state === 'scheduled' && record.firstRun) return t('healthFirstBackup', when(record.firstRun));
  return stateText(record.state);
}

/**
 * What the record says about the last run and the schedule, in the order a page
 * shows it. Nothing from a failed check: its state is the failure itself.
 */
export function healthDetails(record: HealthRecord): string[] {
  if (record.failure) return [];
  const lines: string[] = [];
  const run = record.run;
  switch (record.state) {
    case 'failed':
      if (record.error) lines.push(t('lastRunError', record.error));
      else if (run?.outcome === 'failed') lines.push(t('healthFailedNoText'));
      break;
    case 'running':
    case 'stalled':
      if (run) lines.push(t('healthRunStarted', when(run.startedAt)));
      break;
    case 'no-file':
      if (run) lines.push(t('healthRunStarted', when(run.startedAt)));
      lines.push(t('healthNoFileWhy'));
      break;
    case 'unknown':
      if (run) lines.push(t('healthRunStarted', when(run.startedAt)));
      if (record.reason === 'progress-expired') lines.push(t('healthUnknownExpired'));
      if (record.reason === 'progress-unreadable') lines.push(t('healthUnknownUnreadable'));
      break;
    case 'overdue':
      if (record.missedSlot) lines.push(t('overdueSince', when(record.missedSlot)));
      if (record.missedCount && record.missedCount > 1) lines.push(t('healthMissedCount', String(record.missedCount)));
      break;
    case 'turned-off':
      if (record.turnedOff) lines.push(t('healthTurnedOffBy', [record.turnedOff.by ?? '—', when(record.turnedOff.at)]));
      break;
    case 'vanished':
      if (record.removedBy === 'portal') lines.push(t('healthRemovedByPortal'));
      break;
  }
  // The file of the last run that made one, wherever the state is now.
  if (run?.outcome === 'succeeded' && run.fileName && run.finishedAt && record.state !== 'failed') {
    lines.push(t('healthLastFile', [run.fileName, when(run.finishedAt)]));
  }
  return lines;
}
