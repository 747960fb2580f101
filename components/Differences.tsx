import { t } from '@/utils/extension/i18n';
import type { Difference } from '@/utils/pure/schedule/form';

/** What the portal stores where it differs from what was sent (a verified save that did not take). */
export function Differences({ differences }: { differences: Difference[] }) {
  return (
    <>
      <p class="notice-title">{t('mismatch')}</p>
      <ul>
        {differences.map((d) => (
          <li key={d.field}>{t('mismatchLine', [d.field, d.sent, d.stored])}</li>
        ))}
      </ul>
    </>
  );
}
