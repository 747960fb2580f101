import { useEffect, useState } from 'preact/hooks';
import { t } from '@/utils/extension/i18n';
import { localItem } from '@/utils/extension/storage-item';
import type { StorageRepair } from '@/utils/pure/storage/registry';

const repairsItem = localItem<StorageRepair[]>('storageRepairs', []);

/** Says that stored data was damaged and repaired or reset (utils/pure/storage/registry.ts), until dismissed. */
export function StorageRepairs() {
  const [repairs, setRepairs] = useState<StorageRepair[]>([]);
  useEffect(() => {
    void repairsItem.getValue().then(setRepairs, () => undefined);
    return repairsItem.watch(setRepairs);
  }, []);
  if (!repairs.length) return null;
  return (
    <div class="notice notice-warning" role="status" data-testid="storage-repaired">
      <p class="notice-title">{t('robustRepaired')}</p>
      <details class="details">
        <summary>{t('showDetails')}</summary>
        <ul>
          {repairs.map((r) => (
            <li key={`${r.key}-${r.at}`}>
              {r.name} ({r.action}): <bdi>{r.key}</bdi>
            </li>
          ))}
        </ul>
      </details>
      <div class="actions">
        <button type="button" class="button" onClick={() => void repairsItem.removeValue().then(() => setRepairs([]))}>
          {t('robustDismiss')}
        </button>
      </div>
    </div>
  );
}
