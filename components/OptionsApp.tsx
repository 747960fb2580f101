import { useEffect, useRef, useState } from 'preact/hooks';
import { toFailure, type PortalFailure } from '@/utils/pure/docspace/failure';
import type { PortalInfo } from '@/utils/pure/messages/protocol';
import { send } from '@/utils/pages/send';
import { t } from '@/utils/extension/i18n';
import { go, useRoute } from '@/utils/pages/route';
import { portalHash } from '@/utils/pure/fleet/overview';
import { AddPortalForm } from './AddPortalForm';
import { FailureNotice } from './FailureNotice';
import { PortalRow } from './PortalRow';
import { Overview } from './Overview';
import { Preferences } from './Preferences';
import { StorageRepairs } from './StorageRepairs';
import { ManagedNotice } from './ManagedNotice';
import { PortalListTransfer } from './PortalListTransfer';
import { lazy } from './lazy';
import type { ImportDone } from './ExportImport';
import { portalsItem } from '@/utils/extension/portal-list';

// A portal's view (schedule editor, copy, export, history) loads when one is opened, not with the overview.
const PortalDetail = lazy(() => import('./PortalDetail').then((m) => m.PortalDetail));
const UnknownPortal = lazy(() => import('./PortalDetail').then((m) => m.UnknownPortal));

/**
 * The settings page: the overview of every portal (with adding, importing,
 * removing and preferences), or one portal's detail view, as the URL hash says.
 */
export function OptionsApp() {
  const [portals, setPortals] = useState<PortalInfo[] | null>(null);
  const [failure, setFailure] = useState<PortalFailure | null>(null);
  const route = useRoute();
  const title = useRef<HTMLHeadingElement>(null);
  // A file imported from one portal's view into another: that view opens and shows how it went.
  const [imported, setImported] = useState<ImportDone | null>(null);

  const load = () =>
    send({ type: 'portals.list' }).then(
      (list) => {
        setPortals(list);
        setFailure(null);
      },
      (e: unknown) => setFailure(toFailure(e)),
    );
  useEffect(() => void load(), []);
  // The background changes the list too (the organisation's policy, an import): follow it.
  useEffect(() => portalsItem.watch(() => void load()), []);

  // Back to the overview from a detail view: the focus was on what is gone, it goes to the page's title.
  const wasDetail = useRef(false);
  useEffect(() => {
    if (route.view === 'overview' && wasDetail.current) title.current?.focus();
    wasDetail.current = route.view === 'portal';
  }, [route.view]);

  const shownOrigin = route.view === 'portal' ? route.origin : null;
  // Said once, where it happened: leaving that view forgets it.
  useEffect(() => {
    if (imported && shownOrigin !== imported.into) setImported(null);
  }, [shownOrigin]);

  const open = (origin: string) => go(portalHash(origin));
  const shown = route.view === 'portal' ? portals?.find((p) => p.origin === route.origin) : undefined;

  return (
    <main class="options">
      <h1 tabIndex={-1} ref={title}>
        {t('extName')}
      </h1>
      <StorageRepairs />
      {failure && <FailureNotice failure={failure} onRetry={load} />}
      {route.view === 'portal' && portals && (shown ? (
          <PortalDetail
            key={shown.origin}
            portal={shown}
            portals={portals}
            imported={imported?.into === shown.origin ? imported : undefined}
            onImportedElsewhere={(done) => {
              setImported(done);
              open(done.into);
            }}
          />
        ) : (
          <UnknownPortal origin={route.origin} />
        ))}
      {route.view === 'overview' && (
        <>
          {portals && portals.length > 0 && <Overview portals={portals} onOpen={open} />}
          <section aria-labelledby="portals-heading">
            <h2 id="portals-heading">{t('portalsHeading')}</h2>
            {portals && <ManagedNotice portals={portals} onGranted={() => void load()} />}
            {portals && portals.length === 0 && <p class="muted">{t('noPortalsYet')}</p>}
            <ul class="portal-list">
              {portals?.map((p) => (
                <PortalRow key={p.origin} portal={p} onChange={setPortals} onEdit={open} askWhenSeen={portals.length > 20} />
              ))}
            </ul>
            <AddPortalForm onAdded={(list) => setPortals(list)} />
            {portals && <PortalListTransfer portals={portals} onChange={setPortals} />}
          </section>
          <Preferences />
        </>
      )}
    </main>
  );
}
