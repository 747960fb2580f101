import { useEffect, useRef } from 'preact/hooks';
import type { PortalFailure } from '@/utils/pure/docspace/failure';
import type { ScheduleDto } from '@/utils/pure/docspace/schemas';
import type { LoadedSchedule } from '@/utils/pure/messages/protocol';
import type { Difference } from '@/utils/pure/schedule/form';
import { t } from '@/utils/extension/i18n';
import { FailureNotice } from './FailureNotice';
import { focusOnMount } from './focus';
import { ScheduleSummary } from './ScheduleSummary';
import { Differences } from './Differences';

export type Outcome =
  | { kind: 'mismatch'; differences: Difference[] }
  | { kind: 'conflict'; theirs: LoadedSchedule; off: boolean }
  | { kind: 'failed'; failure: PortalFailure };

interface Props {
  outcome: Outcome | null;
  /** The schedule the editor would store, for the conflict's "yours" side (null: off). */
  mine: ScheduleDto | null;
  confirmingOff: boolean;
  origin: string;
  onConfirmOff: () => void;
  onCancelOff: () => void;
  onKeepMine: () => void;
  onKeepTheirs: (theirs: LoadedSchedule) => void;
}

/**
 * What a save or a turn-off attempt says, just above the editor's footer. A new
 * notice is scrolled into view and takes the keyboard focus (the confirmation's
 * Cancel takes it itself), so it is never drawn off screen under a long form.
 */
export function EditorNotices({ outcome, mine, confirmingOff, origin, onConfirmOff, onCancelOff, onKeepMine, onKeepTheirs }: Props) {
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!outcome && !confirmingOff) return;
    const notice = root.current?.firstElementChild as HTMLElement | null | undefined;
    if (!notice) return;
    notice.scrollIntoView({ block: 'nearest' });
    if (!confirmingOff) notice.focus({ preventScroll: true });
  }, [outcome, confirmingOff]);

  return (
    <div class="editor-notices" ref={root}>
      {confirmingOff && (
        <div class="notice notice-warning" role="alertdialog" aria-label={t('confirmOffTitle')} data-testid="confirm-off-dialog">
          <p>{t('confirmOff')}</p>
          <div class="actions">
            <button type="button" class="button danger" onClick={onConfirmOff} data-testid="confirm-off">
              {t('confirmOffButton')}
            </button>
            <button type="button" class="button" onClick={onCancelOff} ref={focusOnMount}>
              {t('cancel')}
            </button>
          </div>
        </div>
      )}
      {outcome?.kind === 'failed' && (
        <div class="notice-frame" tabIndex={-1}>
          <FailureNotice failure={outcome.failure} origin={origin} />
        </div>
      )}
      {outcome?.kind === 'mismatch' && (
        <div class="notice notice-error" role="alert" tabIndex={-1}>
          <Differences differences={outcome.differences} />
        </div>
      )}
      {outcome?.kind === 'conflict' && (
        <div class="notice notice-warning conflict" role="alert" tabIndex={-1}>
          <p class="notice-title">{t('conflict')}</p>
          <div class="compare">
            <div>
              <p class="compare-title" id="conflict-theirs">
                {t('conflictTheirs')}
              </p>
              <ScheduleSummary loaded={outcome.theirs} labelledBy="conflict-theirs" />
            </div>
            <div>
              <p class="compare-title" id="conflict-yours">
                {t('conflictYours')}
              </p>
              <ScheduleSummary loaded={{ ...outcome.theirs, schedule: mine, target: undefined }} labelledBy="conflict-yours" />
            </div>
          </div>
          <div class="actions">
            <button type="button" class="button primary" onClick={onKeepMine}>
              {t('conflictKeepMine')}
            </button>
            <button type="button" class="button" onClick={() => onKeepTheirs(outcome.theirs)}>
              {t('conflictKeepTheirs')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
