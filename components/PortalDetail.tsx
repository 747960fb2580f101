import { useEffect, useRef, useState } from 'preact/hooks';
import type { PortalInfo } from '@/utils/pure/messages/protocol';
import { t } from '@/utils/extension/i18n';
import { OVERVIEW_HREF } from '@/utils/pages/route';
import { usePortal } from '@/utils/pages/use-portal';
import { BackupHistory } from './BackupHistory';
import { BackupNow } from './BackupNow';
import { CopySchedule } from './CopySchedule';
import { ExportImport, type ImportDone } from './ExportImport';
import { HealthLine } from './HealthLine';
import { PortalSchedule } from './PortalSchedule';

/**
 * One portal's detail view: its schedule, back up now, history, copy and export.
 * The schedule is loaded once here and shared; the parts that need the portal to
 * answer wait for that answer, so a portal that fails says so once, at the top.
 */
interface Props {
  portal: PortalInfo;
  portals: PortalInfo[];
  /** An import into this portal made from another portal's view, to show its outcome here. */
  imported?: ImportDone;
  /** A file was imported into another portal: the page opens that portal's view. */
  onImportedElsewhere: (done: ImportDone) => void;
}

export function PortalDetail({ portal, portals, imported, onImportedElsewhere }: Props) {
  const data = usePortal(portal.origin, { page: 'options' });
  // Bumped after an import writes a draft for this portal, so the editor opens with it.
  const [rev, setRev] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // The tab and the history list name the portal, so a bookmark or Back reads as the view it opens.
  useEffect(() => {
    const before = document.title;
    document.title = `${portal.name} · ${t('extName')}`;
    return () => void (document.title = before);
  }, [portal.name]);
  const ready = data.answered && !data.failure;

  return (
    <section aria-labelledby="schedule-heading" class="detail" data-testid="portal-detail" data-origin={portal.origin}>
      <p class="detail-back">
        <a href={OVERVIEW_HREF}>{t('detailBack')}</a>
      </p>
      <h2 id="schedule-heading" tabIndex={-1} ref={heading}>
        {portal.name}
      </h2>
      <p class="muted detail-origin">{portal.origin}</p>
      <HealthLine origin={portal.origin} />
      <PortalSchedule key={rev} origin={portal.origin} portal={data} />
      {ready && (
        <>
          <BackupNow origin={portal.origin} />
          <BackupHistory origin={portal.origin} />
          {portals.length > 1 && <CopySchedule source={portal.origin} loaded={data.loaded} portals={portals} />}
          <ExportImport
            origin={portal.origin}
            loaded={data.loaded}
            portals={portals}
            imported={imported}
            onImported={(origin, done) => (origin === portal.origin ? setRev((n) => n + 1) : onImportedElsewhere(done))}
          />
        </>
      )}
    </section>
  );
}

/** The hash names a portal that is not in the list (removed, or a stale link). */
export function UnknownPortal({ origin }: { origin: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section aria-labelledby="schedule-heading" class="detail" data-testid="portal-unknown">
      <h2 id="schedule-heading" tabIndex={-1} ref={heading}>
        {origin}
      </h2>
      <p class="notice notice-warning">{t('detailUnknown')}</p>
      <p class="detail-back">
        <a href={OVERVIEW_HREF}>{t('detailBack')}</a>
      </p>
    </section>
  );
}
