import { browser } from '#imports';
import { useState } from 'preact/hooks';
import { toFailure, type PortalFailure } from '@/utils/pure/docspace/failure';
import { t } from '@/utils/extension/i18n';
import { openPopupStart, type PopupStart, type PopupTarget } from '@/utils/pages/popup-start';
import { grantAndAdd } from '@/utils/pages/grant';
import { lastPortalItem, type Portal } from '@/utils/extension/portal-list';
import { LazyFailureNotice as FailureNotice } from './LazyFailureNotice';
import { HealthLine } from './HealthLine';
import { lazy } from './lazy';
import { PortalSchedule } from './PortalSchedule';
import { StorageRepairs } from './StorageRepairs';

const BackupNow = lazy(() => import('./BackupNow').then((m) => m.BackupNow));
const BackupHistory = lazy(() => import('./BackupHistory').then((m) => m.BackupHistory));
// Not part of the first paint: it reads every portal's record, and only with more than one portal.
const FleetGlance = lazy(() => import('./FleetGlance').then((m) => m.FleetGlance), { quiet: true });

/**
 * The popup, drawn from what `readPopupStart` found in storage (or the failure
 * to read it). The schedule and health then refresh from the background.
 */
export function PopupApp({ start: first }: { start: PopupStart | PortalFailure }) {
  const [start, setStart] = useState<PopupStart | null>('portals' in first ? first : null);
  const [portals, setPortals] = useState<Portal[] | null>(start?.portals ?? null);
  const [target, setTarget] = useState<PopupTarget | null>(start?.target ?? null);
  const [failure, setFailure] = useState<PortalFailure | null>('portals' in first ? null : first);
  // 'backup' starts a backup as it opens; 'choose' asks where first.
  const [panel, setPanel] = useState<'backup' | 'choose' | 'history' | null>(null);

  const load = async () => {
    try {
      const again = await openPopupStart(location.hash);
      setStart(again);
      setPortals(again.portals);
      setTarget(again.target);
      setFailure(null);
    } catch (e) {
      setFailure(toFailure(e));
    }
  };

  const pick = (origin: string) => {
    // What was read at opening is for the portal it was read for, and its request is spent:
    // another portal, or coming back to this one, reads afresh.
    setStart(null);
    setTarget({ origin, suggest: target?.suggest });
    void lastPortalItem.setValue(origin);
  };

  const addSuggested = async (origin: string) => {
    const result = await grantAndAdd(origin, '').catch(() => 'denied' as const);
    if (result === 'denied') return;
    setPortals(result);
    pick(origin);
    setTarget({ origin });
  };

  const current = portals?.find((p) => p.origin === target?.origin);

  return (
    <main class="popup">
      <header class="bar">
        <h1 class="title">{t('extName')}</h1>
        {portals && portals.length > 1 && (
          <select aria-label={t('choosePortal')} value={target?.origin ?? ''} onChange={(e) => pick(e.currentTarget.value)}>
            {portals.map((p) => (
              <option key={p.origin} value={p.origin}>
                {p.name}
              </option>
            ))}
          </select>
        )}
        <button type="button" class="icon-button" onClick={() => browser.runtime.openOptionsPage()} aria-label={t('openOptions')} title={t('openOptions')}>
          ⚙
        </button>
      </header>
      <StorageRepairs />
      {failure && <FailureNotice failure={failure} onRetry={load} />}
      {!portals && !failure && (
        <p class="muted" role="status">
          {t('loading')}
        </p>
      )}
      {target?.suggest && (
        <div class="notice notice-info">
          <p>{t('tabLooksLikePortal', new URL(target.suggest).host)}</p>
          <button type="button" class="button primary" onClick={() => void addSuggested(target.suggest!)}>
            {t('addThisPortal')}
          </button>
        </div>
      )}
      {portals && portals.length === 0 && !target?.suggest && (
        <div class="empty">
          <p>{t('noPortalsYet')}</p>
          <button type="button" class="button primary" onClick={() => browser.runtime.openOptionsPage()}>
            {t('addPortal')}
          </button>
        </div>
      )}
      {portals && current && portals.length > 1 && <FleetGlance portals={portals} current={current.origin} onPick={pick} />}
      {current && (
        <>
          <p class="portal-name" title={current.origin}>
            {portals && portals.length === 1 ? current.name : current.origin}
          </p>
          <HealthLine key={`h-${current.origin}`} origin={current.origin} initial={start?.health} />
          <PortalSchedule
            key={current.origin}
            origin={current.origin}
            cookieStoreId={target?.cookieStoreId}
            start={start ?? undefined}
            page="popup"
          />
          <div class="actions tabs" role="group">
            {/* An action, not a toggle: a second click (or a double click) never closes it nor starts another backup. */}
            <button type="button" class="button" onClick={() => setPanel('backup')}>
              {t('backupNow')}
            </button>
            <button type="button" class="button" aria-expanded={panel === 'history'} onClick={() => setPanel(panel === 'history' ? null : 'history')}>
              {t('historyHeading')}
            </button>
            {panel !== 'backup' && panel !== 'choose' && (
              <button type="button" class="link-button" onClick={() => setPanel('choose')}>
                {t('nowOtherStorage')}
              </button>
            )}
          </div>
          {(panel === 'backup' || panel === 'choose') && (
            <BackupNow key={`${panel}-${current.origin}`} origin={current.origin} cookieStoreId={target?.cookieStoreId} opening={panel === 'backup' ? 'start' : 'choose'} />
          )}
          {panel === 'history' && <BackupHistory key={`y-${current.origin}`} origin={current.origin} cookieStoreId={target?.cookieStoreId} />}
        </>
      )}
    </main>
  );
}
