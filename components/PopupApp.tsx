import { browser } from '#imports';
import { useEffect, useState } from 'preact/hooks';
import { toFailure, type PortalFailure } from '@/utils/docspace/failure';
import type { PortalInfo } from '@/utils/messages/protocol';
import { send } from '@/utils/messages/send';
import { t } from '@/utils/i18n';
import { looksLikeDocSpace } from '@/utils/portals/looks-like-docspace';
import { parsePortalOrigin } from '@/utils/portals/origin';
import { lastPortalItem } from '@/utils/portals/store';
import { grantAndAdd } from './AddPortalForm';
import { FailureNotice } from './FailureNotice';
import { HealthLine } from './HealthLine';
import { lazy } from './lazy';
import { PortalSchedule } from './PortalSchedule';

const BackupNow = lazy(() => import('./BackupNow').then((m) => m.BackupNow));
const BackupHistory = lazy(() => import('./BackupHistory').then((m) => m.BackupHistory));

interface Target {
  origin: string | null;
  store?: string;
  /** The active tab looks like a portal the user has not added. */
  suggest?: string;
}

async function activeTab(): Promise<{ url?: URL; store?: string }> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    const store = (tab as { cookieStoreId?: string } | undefined)?.cookieStoreId;
    return { url: tab?.url ? new URL(tab.url) : undefined, store };
  } catch {
    return {};
  }
}

/** `#portal=<origin>`, else the active tab's portal, else the last one used. */
async function choosePortal(portals: PortalInfo[]): Promise<Target> {
  const known = (origin: string | null | undefined) => !!origin && portals.some((p) => p.origin === origin);
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('portal');
  if (fromHash && known(fromHash)) return { origin: fromHash };
  const tab = await activeTab();
  let suggest: string | undefined;
  if (tab.url && /^https?:$/.test(tab.url.protocol)) {
    if (known(tab.url.origin)) return { origin: tab.url.origin, store: tab.store };
    const parsed = parsePortalOrigin(tab.url.origin);
    if (parsed.ok && looksLikeDocSpace(tab.url)) suggest = parsed.origin;
  }
  const last = await lastPortalItem.getValue();
  return { origin: known(last) ? last : (portals[0]?.origin ?? null), suggest };
}

export function PopupApp() {
  const [portals, setPortals] = useState<PortalInfo[] | null>(null);
  const [target, setTarget] = useState<Target | null>(null);
  const [failure, setFailure] = useState<PortalFailure | null>(null);
  const [panel, setPanel] = useState<'backup' | 'history' | null>(null);

  const load = async () => {
    try {
      const list = await send({ type: 'portals.list' });
      setPortals(list);
      setTarget(await choosePortal(list));
      setFailure(null);
    } catch (e) {
      setFailure(toFailure(e));
    }
  };

  useEffect(() => {
    void load();
  }, []);

  const pick = (origin: string) => {
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
      {current && (
        <>
          <p class="portal-name" title={current.origin}>
            {portals && portals.length === 1 ? current.name : current.origin}
          </p>
          <HealthLine key={`h-${current.origin}`} origin={current.origin} />
          <PortalSchedule key={current.origin} origin={current.origin} store={target?.store} />
          <div class="actions tabs" role="group">
            <button type="button" class="button" aria-expanded={panel === 'backup'} onClick={() => setPanel(panel === 'backup' ? null : 'backup')}>
              {t('backupNow')}
            </button>
            <button type="button" class="button" aria-expanded={panel === 'history'} onClick={() => setPanel(panel === 'history' ? null : 'history')}>
              {t('historyHeading')}
            </button>
          </div>
          {panel === 'backup' && <BackupNow key={`b-${current.origin}`} origin={current.origin} store={target?.store} />}
          {panel === 'history' && <BackupHistory key={`y-${current.origin}`} origin={current.origin} store={target?.store} />}
        </>
      )}
    </main>
  );
}
