import { useEffect, useState } from 'preact/hooks';
import { toFailure, type PortalFailure } from '@/utils/pure/docspace/failure';
import type { ScheduleDto } from '@/utils/pure/docspace/schemas';
import { firstDayOfWeek } from '@/utils/pure/docspace/week';
import type { LoadedSchedule, PortalInfo, ResponseOf } from '@/utils/pure/messages/protocol';
import { send } from '@/utils/pages/send';
import { t, uiLanguage } from '@/utils/extension/i18n';
import { describeSchedule, describeStorage, describeWhen } from '@/utils/extension/schedule-describe';
import { requestFromForm, storageFromForm, validateForm, type Difference, type ScheduleForm } from '@/utils/pure/schedule/form';
import { copyForm, isBlocking, sameMoment, type CarryNote, type HourMode } from '@/utils/pure/schedule/transfer';
import { FailureNotice } from './FailureNotice';
import { FolderPicker } from './FolderPicker';
import { TransferNotes } from './TransferNotes';
import { cronOf } from '@/utils/pure/schedule/cron';

type Options = ResponseOf<'storage.options'>;

type Result =
  | { kind: 'saved' }
  | { kind: 'conflict' }
  | { kind: 'mismatch'; differences: Difference[] }
  | { kind: 'failed'; failure: PortalFailure };

interface Target {
  loaded: LoadedSchedule | null;
  options: Options | null;
  failure: PortalFailure | null;
  roomFolderId: string;
  roomFolderTitle: string;
  picking: boolean;
  hourMode: HourMode;
  /** The user agreed to overwrite the schedule this portal had when it was read. */
  replace: boolean;
  result: Result | null;
}

const fresh = (): Target => ({
  loaded: null,
  options: null,
  failure: null,
  roomFolderId: '',
  roomFolderTitle: '',
  picking: false,
  hourMode: 'portal-hour',
  replace: false,
  result: null,
});


/** A safe piece of an id for a portal origin. */
const slug = (origin: string) => origin.replace(/[^a-z0-9]+/gi, '-');

interface Plan {
  form: ScheduleForm | null;
  notes: CarryNote[];
  /** Why this portal cannot be copied to yet (message texts). */
  problems: string[];
}

function planFor(source: LoadedSchedule & { schedule: ScheduleDto }, target: Target, firstWeekday: number): Plan {
  if (!target.loaded || !target.options) return { form: null, notes: [], problems: [t('transferNotRead')] };
  const { form, notes } = copyForm(
    source.schedule,
    source.portal.timezone,
    { standalone: target.loaded.portal.standalone, options: target.options, timezone: target.loaded.portal.timezone },
    { roomFolderId: target.roomFolderId, roomFolderTitle: target.roomFolderTitle, hourMode: target.hourMode },
    firstWeekday,
  );
  const problems: string[] = [];
  if (target.loaded.schedule && !target.replace) problems.push(t('transferReplaceNeeded'));
  for (const error of validateForm(form)) {
    if (error.field === 'folder' && form.storage === 'room') problems.push(t('errChooseRoom'));
  }
  return { form, notes, problems };
}

interface Props {
  /** The portal whose schedule is shown: the source. */
  source: string;
  portals: PortalInfo[];
}

/** Copies the shown portal's schedule to other portals, re-choosing what belongs to one portal. */
export function CopySchedule({ source, portals }: Props) {
  const firstWeekday = firstDayOfWeek(uiLanguage());
  const [loaded, setLoaded] = useState<LoadedSchedule | null>(null);
  const [failure, setFailure] = useState<PortalFailure | null>(null);
  const [targets, setTargets] = useState<Record<string, Target>>({});
  const [checked, setChecked] = useState(false);
  const [copying, setCopying] = useState(false);
  const [status, setStatus] = useState('');
  const others = portals.filter((p) => p.origin !== source);
  const nameOf = (origin: string) => portals.find((p) => p.origin === origin)?.name ?? origin;

  const readSource = () => {
    setFailure(null);
    send({ type: 'schedule.load', origin: source }).then(setLoaded, (e: unknown) => setFailure(toFailure(e)));
  };
  useEffect(readSource, [source]);

  const patch = (origin: string, change: Partial<Target>) =>
    setTargets((all) => (all[origin] ? { ...all, [origin]: { ...all[origin], ...change } } : all));

  /** Reads a target's schedule (for its fingerprint and zone) and its storages. */
  const readTarget = (origin: string) => {
    patch(origin, { loaded: null, options: null, failure: null });
    Promise.all([send({ type: 'schedule.load', origin }), send({ type: 'storage.options', origin })]).then(
      ([schedule, options]) => patch(origin, { loaded: schedule, options, replace: false }),
      (e: unknown) => patch(origin, { failure: toFailure(e) }),
    );
  };

  const toggle = (origin: string, on: boolean) => {
    setStatus('');
    setTargets((all) => {
      const next = { ...all };
      if (on) next[origin] = fresh();
      else delete next[origin];
      return next;
    });
    if (on) readTarget(origin);
  };

  /** Any change to a target's choices makes its earlier result stale. */
  const choose = (origin: string, change: Partial<Target>) => {
    setStatus('');
    patch(origin, { ...change, result: null });
  };

  const schedule = loaded?.schedule ?? null;
  const sourceLoaded = loaded && schedule ? { ...loaded, schedule } : null;
  const ticked = others.filter((p) => targets[p.origin]).map((p) => p.origin);

  const copy = async () => {
    if (!sourceLoaded) return;
    setChecked(true);
    if (!ticked.length) {
      setStatus(t('transferChooseTargets'));
      return;
    }
    const pending = ticked.filter((o) => targets[o]?.result?.kind !== 'saved');
    if (!pending.length) {
      setStatus(t('transferAlreadyCopied'));
      return;
    }
    const plans = pending.map((origin) => ({ origin, target: targets[origin]!, plan: planFor(sourceLoaded, targets[origin]!, firstWeekday) }));
    if (plans.some(({ plan }) => plan.problems.length || plan.notes.some(isBlocking))) {
      setStatus(t('transferFixTargets'));
      return;
    }
    setCopying(true);
    setStatus(t('transferCopying'));
    // Each portal on its own: one failing never stops the others.
    const outcomes = await Promise.all(
      plans.map(async ({ origin, target, plan }): Promise<boolean> => {
        const loadedTarget = target.loaded!;
        try {
          const result = await send({
            type: 'schedule.save',
            origin,
            request: requestFromForm(plan.form!, loadedTarget.portal.standalone),
            expected: loadedTarget.fingerprint,
            force: false,
          });
          // What this copy wrote may be replaced again without asking; what someone
          // else wrote meanwhile (a conflict) must be confirmed first.
          if (result.status === 'saved') patch(origin, { loaded: result.loaded, replace: true, result: { kind: 'saved' } });
          else if (result.status === 'conflict') patch(origin, { loaded: result.loaded, replace: false, result: { kind: 'conflict' } });
          else patch(origin, { loaded: result.loaded, replace: true, result: { kind: 'mismatch', differences: result.differences } });
          return result.status === 'saved';
        } catch (e) {
          patch(origin, { result: { kind: 'failed', failure: toFailure(e) } });
          return false;
        }
      }),
    );
    setCopying(false);
    const saved = outcomes.filter(Boolean).length + (ticked.length - pending.length);
    setStatus(t('transferDone', [saved, ticked.length]));
  };

  return (
    <details class="transfer" data-testid="copy-schedule">
      <summary>{t('transferCopyHeading')}</summary>
      <p class="hint">{t('transferCopyIntro')}</p>
      {failure && <FailureNotice failure={failure} origin={source} onRetry={readSource} />}
      {!loaded && !failure && <p class="muted">{t('loading')}</p>}
      {loaded && !schedule && <p class="muted">{t('transferCopyNoSource')}</p>}
      {sourceLoaded && (
        <>
          <p data-testid="copy-source">{t('transferCopySource', sentence(sourceLoaded))}</p>
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
            <TargetCard
              key={origin}
              origin={origin}
              name={nameOf(origin)}
              source={sourceLoaded}
              target={targets[origin]!}
              plan={planFor(sourceLoaded, targets[origin]!, firstWeekday)}
              showProblems={checked}
              disabled={copying}
              onChoose={(change) => choose(origin, change)}
              onRetry={() => readTarget(origin)}
            />
          ))}
          <div class="actions">
            <button type="button" class="button primary" onClick={() => void copy()} disabled={copying}>
              {copying ? t('transferCopying') : t('transferCopyButton')}
            </button>
          </div>
          <div role="status" aria-live="polite" class="live" data-testid="copy-status">
            {status && <p>{status}</p>}
          </div>
        </>
      )}
    </details>
  );
}

function sentence(loaded: LoadedSchedule & { schedule: ScheduleDto }): string {
  const s = describeSchedule(loaded.schedule, loaded.portal.timezone, loaded.target);
  return `${t('portalTime', [s.when, s.portalZone])} · ${s.storage} · ${s.copies}`;
}

interface CardProps {
  origin: string;
  name: string;
  source: LoadedSchedule & { schedule: ScheduleDto };
  target: Target;
  plan: Plan;
  showProblems: boolean;
  disabled: boolean;
  onChoose: (change: Partial<Target>) => void;
  onRetry: () => void;
}

/** One target portal: its zone, what it has now, where its backups go and how the copy went. */
function TargetCard({ origin, name, source, target, plan, showProblems, disabled, onChoose, onRetry }: CardProps) {
  const id = `copy-${slug(origin)}`;
  const { loaded, options, result } = target;
  const form = plan.form;
  const zone = loaded?.portal.timezone;
  const sourceCron = cronOf(source.schedule.cronParams);
  const moment = zone ? sameMoment(sourceCron, source.portal.timezone, zone) : null;
  const momentDiffers = !!moment && (moment.hour !== sourceCron.hour || moment.day !== sourceCron.day);
  const zonesDiffer = !!zone && zone !== source.portal.timezone;
  const problems = showProblems ? plan.problems : [];

  return (
    <fieldset class="fieldset copy-target" data-origin={origin} data-testid="copy-target" aria-describedby={problems.length ? `${id}-problems` : undefined}>
      <legend>{name}</legend>
      {target.failure && <FailureNotice failure={target.failure} origin={origin} onRetry={onRetry} />}
      {!loaded && !target.failure && <p class="muted">{t('loading')}</p>}
      {loaded && form && (
        <>
          <p data-testid="copy-zone">{t('transferZone', loaded.portal.timezone)}</p>
          <p class="muted">
            {loaded.schedule ? t('transferCurrent', sentence({ ...loaded, schedule: loaded.schedule })) : t('transferCurrentOff')}
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
              {!target.picking && (
                <button
                  type="button"
                  class="button"
                  disabled={disabled}
                  aria-describedby={`${id}-room-label ${id}-room-chosen`}
                  onClick={() => onChoose({ picking: true })}
                >
                  {t('chooseFolder')}
                </button>
              )}
              {target.picking && (
                <FolderPicker
                  origin={origin}
                  onClose={() => onChoose({ picking: false })}
                  onPick={(folderId, title) => onChoose({ roomFolderId: folderId, roomFolderTitle: title, picking: false })}
                />
              )}
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
          <p class="notice-title">{t('mismatch')}</p>
          <ul>
            {result.differences.map((d) => (
              <li key={d.field}>{t('mismatchLine', [d.field, d.sent, d.stored])}</li>
            ))}
          </ul>
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
