import { firstDayOfWeek } from '@/utils/pure/docspace/week';
import type { LoadedSchedule, PortalInfo } from '@/utils/pure/messages/protocol';
import { planCopy, type SourceSchedule } from '@/utils/pure/schedule/copy-plan';
import { t, uiLanguage } from '@/utils/extension/i18n';
import { useCopy, type CopyStatus } from '@/utils/pages/use-copy';
import { CopyTargetCard, scheduleSentence } from './CopyTarget';

interface Props {
  /** The portal whose schedule is shown: the source. */
  source: string;
  /** Its schedule, as the page loaded it (null while loading). */
  loaded: LoadedSchedule | null;
  portals: PortalInfo[];
}

const statusText = (status: CopyStatus) => (typeof status === 'string' ? (status ? t(status) : '') : t('transferDone', [status.done, status.of]));

/** Copies the shown portal's schedule to other portals, re-choosing what belongs to one portal. */
export function CopySchedule({ source, loaded, portals }: Props) {
  const firstWeekday = firstDayOfWeek(uiLanguage());
  const schedule = loaded?.schedule ?? null;
  const sourceLoaded: SourceSchedule | null = loaded && schedule ? { ...loaded, schedule } : null;
  const { targets, copying, status, checked, toggle, choose, readTarget, copy } = useCopy(sourceLoaded, firstWeekday);
  const others = portals.filter((p) => p.origin !== source);
  const ticked = others.filter((p) => targets[p.origin]).map((p) => p.origin);

  return (
    // Open: in a portal's own view, copying is one of its tasks, not a hidden extra.
    <details class="transfer" data-testid="copy-schedule" open>
      <summary>{t('transferCopyHeading')}</summary>
      <p class="hint">{t('transferCopyIntro')}</p>
      {!loaded && <p class="muted">{t('loading')}</p>}
      {loaded && !schedule && <p class="muted">{t('transferCopyNoSource')}</p>}
      {sourceLoaded && (
        <>
          <p data-testid="copy-source">{t('transferCopySource', scheduleSentence(sourceLoaded))}</p>
          <fieldset class="fieldset">
            <legend>{t('transferCopyTargets')}</legend>
            {others.map((p) => (
              <div class="field checkbox" key={p.origin}>
                <label>
                  <input type="checkbox" checked={!!targets[p.origin]} disabled={copying} onChange={(e) => toggle(p.origin, e.currentTarget.checked)} />
                  {p.name}
                </label>
              </div>
            ))}
          </fieldset>
          {ticked.length > 0 && <p class="hint">{t('transferHourExplain')}</p>}
          {ticked.map((origin) => (
            <CopyTargetCard
              key={origin}
              origin={origin}
              name={portals.find((p) => p.origin === origin)?.name ?? origin}
              source={sourceLoaded}
              target={targets[origin]!}
              plan={planCopy(sourceLoaded, targets[origin]!, firstWeekday)}
              showProblems={checked}
              disabled={copying}
              onChoose={(change) => choose(origin, change)}
              onRetry={() => readTarget(origin)}
            />
          ))}
          <div class="actions">
            <button type="button" class="button primary" onClick={() => void copy(ticked)} disabled={copying}>
              {copying ? t('transferCopying') : t('transferCopyButton')}
            </button>
          </div>
          <div role="status" aria-live="polite" class="live" data-testid="copy-status">
            {status && <p>{statusText(status)}</p>}
          </div>
        </>
      )}
    </details>
  );
}
