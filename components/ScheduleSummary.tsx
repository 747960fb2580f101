import type { LoadedSchedule } from '@/utils/pure/messages/protocol';
import { formatDateTime, formatRelative } from '@/utils/extension/format';
import { t } from '@/utils/extension/i18n';
import { describeSchedule, lastBackup, nextBackup } from '@/utils/extension/schedule-describe';

/**
 * The schedule as a sentence, with the last and next backup. A region only when
 * `labelledBy` names it (two side by side); otherwise it is part of the page
 * around it (on the options page, a section already called "Automatic backup").
 */
export function ScheduleSummary({ loaded, now = new Date(), labelledBy }: { loaded: LoadedSchedule; now?: Date; labelledBy?: string }) {
  const { schedule, portal, target } = loaded;
  if (!schedule) {
    return (
      <section class="summary" aria-labelledby={labelledBy}>
        <p class="summary-off" data-testid="schedule-off">
          {t('autoBackupOff')}
        </p>
      </section>
    );
  }
  const sentence = describeSchedule(schedule, portal.timezone, target);
  const last = lastBackup(schedule);
  const next = nextBackup(schedule, portal.timezone, now);
  return (
    <section class="summary" aria-labelledby={labelledBy}>
      <p class="summary-sentence" data-testid="schedule-sentence">
        {t('portalTime', [sentence.when, sentence.portalZone])}
        {sentence.local && <>, {t('yourTime', sentence.local)}</>}
        {' · '}
        {sentence.storage}
        {' · '}
        {sentence.copies}
      </p>
      {target?.missing && (
        <p class="notice notice-warning" role="alert">
          {t('targetMissing')}
        </p>
      )}
      <dl class="facts">
        {/* lastBackupTime is when the last run started, not proof of a file: the health line says what came of it. */}
        <dt>{t('runLastStarted')}</dt>
        <dd data-testid="last-backup">
          {last ? (
            <>
              {formatRelative(last, now)} <span class="muted">· {formatDateTime(last)}</span>
            </>
          ) : (
            t('never')
          )}
        </dd>
        <dt>{t('nextBackup')}</dt>
        <dd data-testid="next-backup">
          {next ? (
            next.firstRunSoon || next.overdue ? (
              <>
                {t(next.overdue ? 'nextOverdue' : 'nextSoon')} <span class="muted">· {t('byTime', formatDateTime(next.expectedBy))}</span>
              </>
            ) : (
              <>
                {formatRelative(next.slot, now)} <span class="muted">· {formatDateTime(next.slot)}</span>
              </>
            )
          ) : (
            t('unknown')
          )}
        </dd>
      </dl>
    </section>
  );
}
