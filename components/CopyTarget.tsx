import type { ScheduleDto } from '@/utils/pure/docspace/schemas';
import type { LoadedSchedule } from '@/utils/pure/messages/protocol';
import { storageFromForm, type ScheduleForm } from '@/utils/pure/schedule/form';
import { sameMoment } from '@/utils/pure/schedule/transfer';
import { cronOf } from '@/utils/pure/schedule/cron';
import type { CopyPlan, CopyProblem, CopyResult as Result, CopyTarget as Target, SourceSchedule, StorageOptions as Options } from '@/utils/pure/schedule/copy-plan';
import { t, type MessageKey } from '@/utils/extension/i18n';
import { describeSchedule, describeStorage, describeWhen } from '@/utils/extension/schedule-describe';
import { FailureNotice } from './FailureNotice';
import { RoomChooser } from './RoomChooser';
import { TransferNotes } from './TransferNotes';
import { Differences } from './Differences';

/** A safe piece of an id for a portal origin. */
const slug = (origin: string) => origin.replace(/[^a-z0-9]+/gi, '-');

const PROBLEM_TEXT: Record<Exclude<CopyProblem, never>, MessageKey> = {
  'not-read': 'transferNotRead',
  'replace-needed': 'transferReplaceNeeded',
  'choose-room': 'errChooseRoom',
};

export function scheduleSentence(loaded: LoadedSchedule & { schedule: ScheduleDto }): string {
  const s = describeSchedule(loaded.schedule, loaded.portal.timezone, loaded.target);
  return `${t('portalTime', [s.when, s.portalZone])} · ${s.storage} · ${s.copies}`;
}

interface CardProps {
  origin: string;
  name: string;
  source: SourceSchedule;
  target: Target;
  plan: CopyPlan;
  showProblems: boolean;
  disabled: boolean;
  onChoose: (change: Partial<Target>) => void;
  onRetry: () => void;
}

/** One target portal: its zone, what it has now, where its backups go and how the copy went. */
export function CopyTargetCard({ origin, name, source, target, plan, showProblems, disabled, onChoose, onRetry }: CardProps) {
  const id = `copy-${slug(origin)}`;
  const { loaded, options, result } = target;
  const form = plan.form;
  const zone = loaded?.portal.timezone;
  const sourceCron = cronOf(source.schedule.cronParams);
  const moment = zone ? sameMoment(sourceCron, source.portal.timezone, zone) : null;
  const momentDiffers = !!moment && (moment.hour !== sourceCron.hour || moment.day !== sourceCron.day);
  const zonesDiffer = !!zone && zone !== source.portal.timezone;
  const problems = showProblems ? plan.problems.map((p) => t(PROBLEM_TEXT[p])) : [];

  return (
    <fieldset class="fieldset copy-target" data-origin={origin} data-testid="copy-target" aria-describedby={problems.length ? `${id}-problems` : undefined}>
      <legend>{name}</legend>
      {target.failure && <FailureNotice failure={target.failure} origin={origin} onRetry={onRetry} />}
      {!loaded && !target.failure && <p class="muted">{t('loading')}</p>}
      {loaded && form && (
        <>
          <p data-testid="copy-zone">{t('transferZone', loaded.portal.timezone)}</p>
          <p class="muted">
            {loaded.schedule ? t('transferCurrent', scheduleSentence({ ...loaded, schedule: loaded.schedule })) : t('transferCurrentOff')}
          </p>
          {loaded.schedule && (
            <div class="field checkbox">
              <label>
                <input type="checkbox" checked={target.replace} disabled={disabled} onChange={(e) => onChoose({ replace: e.currentTarget.checked })} />
                {t('transferReplace')}
              </label>
            </div>
          )}

          {form.storage === 'room' ? (
            <div class="field">
              <span class="label" id={`${id}-room-label`}>
                {t('backupRoom')}
              </span>
              <p class="chosen" id={`${id}-room-chosen`}>
                {target.roomFolderTitle || (target.roomFolderId ? `#${target.roomFolderId}` : t('noFolderChosen'))}
              </p>
              {target.roomMatched && <p class="hint">{t('detailCopyRoomSame')}</p>}
              <RoomChooser
                origin={origin}
                disabled={disabled}
                describedBy={`${id}-room-label ${id}-room-chosen`}
                onPick={(folderId, title) => onChoose({ roomFolderId: folderId, roomFolderTitle: title })}
              />
            </div>
          ) : (
            <p>{t('transferStorage', storageText(form, options))}</p>
          )}

          {zonesDiffer && (
            <fieldset class="fieldset">
              <legend>{t('transferHourLegend')}</legend>
              {momentDiffers ? (
                <div class="radios">
                  <label>
                    <input
                      type="radio"
                      name={`${id}-hour`}
                      checked={target.hourMode === 'portal-hour'}
                      disabled={disabled}
                      onChange={() => onChoose({ hourMode: 'portal-hour' })}
                    />
                    {t('transferHourPortal', t('portalTime', [describeWhen(sourceCron), zone]))}
                  </label>
                  <label>
                    <input
                      type="radio"
                      name={`${id}-hour`}
                      checked={target.hourMode === 'same-moment'}
                      disabled={disabled}
                      onChange={() => onChoose({ hourMode: 'same-moment' })}
                    />
                    {t('transferHourMoment', t('portalTime', [describeWhen(moment), zone]))}
                  </label>
                </div>
              ) : (
                <p class="hint">{moment ? t('transferHourPortal', t('portalTime', [describeWhen(sourceCron), zone])) : t('transferHourNoMoment')}</p>
              )}
            </fieldset>
          )}

          <TransferNotes notes={plan.notes.filter((n) => n.kind !== 'pick-room')} />
        </>
      )}
      {problems.length > 0 && (
        <ul class="field-error" id={`${id}-problems`} data-testid="copy-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div role="status" aria-live="polite" class="live">
        {result && <CopyResult origin={origin} result={result} />}
      </div>
    </fieldset>
  );
}

function CopyResult({ origin, result }: { origin: string; result: Result }) {
  switch (result.kind) {
    case 'saved':
      return (
        <p class="notice notice-ok" data-testid="copy-result" data-status="saved">
          {t('savedVerified')}
        </p>
      );
    case 'conflict':
      return (
        <p class="notice notice-warning" data-testid="copy-result" data-status="conflict">
          {t('transferConflict')}
        </p>
      );
    case 'mismatch':
      return (
        <div class="notice notice-error" data-testid="copy-result" data-status="mismatch">
          <Differences differences={result.differences} />
        </div>
      );
    case 'failed':
      return (
        <div data-testid="copy-result" data-status="failed">
          <FailureNotice failure={result.failure} origin={origin} />
        </div>
      );
  }
}

function storageText(form: ScheduleForm, options: Options | null): string {
  const { storageType, storageParams } = storageFromForm(form);
  const params = Object.fromEntries(storageParams.map((p) => [p.key, p.value]));
  const title =
    form.storage === 'thirdparty'
      ? options?.thirdParty?.title
      : form.storage === 'consumer'
        ? options?.storages.find((s) => s.id === form.module)?.title
        : undefined;
  return describeStorage(storageType, params, title ? { title } : undefined);
}
