import { useEffect, useState } from 'preact/hooks';
import { toFailure, type PortalFailure } from '@/utils/pure/docspace/failure';
import type { PortalInfo } from '@/utils/pure/messages/protocol';
import { send } from '@/utils/pages/send';
import { t } from '@/utils/extension/i18n';
import { AddPortalForm } from './AddPortalForm';
import { FailureNotice } from './FailureNotice';
import { PortalRow } from './PortalRow';
import { BackupHistory } from './BackupHistory';
import { BackupNow } from './BackupNow';
import { HealthLine } from './HealthLine';
import { Overview } from './Overview';
import { PortalSchedule } from './PortalSchedule';
import { CopySchedule } from './CopySchedule';
import { ExportImport } from './ExportImport';
import { Preferences } from './Preferences';
import { StorageRepairs } from './StorageRepairs';
import { ManagedNotice } from './ManagedNotice';
import { PortalListTransfer } from './PortalListTransfer';
import { portalsItem } from '@/utils/extension/portals-store';

export function OptionsApp() {
  const [portals, setPortals] = useState<PortalInfo[] | null>(null);
  const [failure, setFailure] = useState<PortalFailure | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  // Bumped after an import writes a draft, so the schedule remounts and shows it.
  const [scheduleRev, setScheduleRev] = useState(0);

  const load = () =>
    send({ type: 'portals.list' }).then(
      (list) => {
        setPortals(list);
        setFailure(null);
        setEditing((cur) => (cur && list.some((p) => p.origin === cur) ? cur : (list[0]?.origin ?? null)));
      },
      (e: unknown) => setFailure(toFailure(e)),
    );
  useEffect(() => void load(), []);
  // The background changes the list too (the organisation's policy, an import): follow it.
  useEffect(() => portalsItem.watch(() => void load()), []);

  const changed = (list: PortalInfo[]) => {
    setPortals(list);
    setEditing((cur) => (cur && list.some((p) => p.origin === cur) ? cur : (list[0]?.origin ?? null)));
  };

  return (
    <main class="options">
      <h1>{t('extName')}</h1>
      <StorageRepairs />
      {failure && <FailureNotice failure={failure} onRetry={load} />}
      {portals && portals.length > 0 && <Overview portals={portals} onOpen={setEditing} />}
      <section aria-labelledby="portals-heading">
        <h2 id="portals-heading">{t('portalsHeading')}</h2>
        {portals && <ManagedNotice portals={portals} onGranted={() => void load()} />}
        {portals && portals.length === 0 && <p class="muted">{t('noPortalsYet')}</p>}
        <ul class="portal-list">
          {portals?.map((p) => (
            <PortalRow key={p.origin} portal={p} onChange={changed} onEdit={setEditing} />
          ))}
        </ul>
        <AddPortalForm
          onAdded={(list, origin) => {
            setPortals(list);
            setEditing(origin);
          }}
        />
        {portals && <PortalListTransfer portals={portals} onChange={changed} />}
      </section>
      {editing && portals && (
        <section aria-labelledby="schedule-heading">
          <h2 id="schedule-heading">{t('scheduleHeading')}</h2>
          {portals.length > 1 && (
            <div class="field">
              <label for="schedule-portal">{t('choosePortal')}</label>
              <select id="schedule-portal" value={editing} onChange={(e) => setEditing(e.currentTarget.value)}>
                {portals.map((p) => (
                  <option key={p.origin} value={p.origin}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <HealthLine key={`h-${editing}`} origin={editing} />
          <PortalSchedule key={`${editing}#${scheduleRev}`} origin={editing} />
          {portals.length > 1 && <CopySchedule key={`c-${editing}`} source={editing} portals={portals} />}
          <ExportImport
            origin={editing}
            portals={portals}
            onImported={(origin) => {
              setEditing(origin);
              setScheduleRev((rev) => rev + 1);
            }}
          />
          <BackupNow key={`b-${editing}`} origin={editing} />
          <BackupHistory key={`y-${editing}`} origin={editing} />
        </section>
      )}
      <Preferences />
    </main>
  );
}
