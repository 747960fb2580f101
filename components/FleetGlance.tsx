import { useEffect, useState } from 'preact/hooks';
import type { HealthRecord } from '@/utils/pure/messages/protocol';
import { needsAttention } from '@/utils/pure/fleet/overview';
import { healthItem } from '@/utils/extension/health-record';
import { getValues } from '@/utils/extension/storage-item';
import { stateText } from '@/utils/extension/health-text';
import { t } from '@/utils/extension/i18n';
import type { Portal } from '@/utils/extension/portal-list';

interface Props {
  portals: Portal[];
  current: string;
  onPick: (origin: string) => void;
}

/**
 * Every portal's health at a glance in the popup, from the records the background keeps: how many
 * need attention, and which (each one opens here). Shown only with more than one portal.
 */
export function FleetGlance({ portals, current, onPick }: Props) {
  const [records, setRecords] = useState<(HealthRecord | null)[] | null>(null);
  useEffect(() => {
    const items = portals.map((p) => healthItem(p.origin));
    const read = () => void getValues(items).then(setRecords, () => undefined);
    read();
    const stops = items.map((item) => item.watch(read));
    return () => stops.forEach((stop) => stop());
  }, [portals]);

  if (!records || portals.length < 2) return null;
  const attention = portals
    .map((portal, i) => ({ portal, record: records[i] ?? null }))
    .filter((e): e is { portal: Portal; record: HealthRecord } => !!e.record && needsAttention(e.record.state));
  return (
    <section class="fleet-glance" data-testid="fleet-glance">
      <p class="fleet-glance-title">{t('fleetNeedAttention', [String(attention.length), String(portals.length)])}</p>
      {attention.length > 0 && (
        <ul class="fleet-glance-list">
          {attention.map(({ portal, record }) => (
            <li key={portal.origin} data-origin={portal.origin} data-state={record.state}>
              <button type="button" class="link-button" aria-current={portal.origin === current ? 'true' : undefined} onClick={() => onPick(portal.origin)}>
                {portal.name}
              </button>{' '}
              <span class="muted">{stateText(record.state)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
