import { browser } from '#imports';
import { useEffect, useState } from 'preact/hooks';
import type { PortalInfo } from '@/utils/pure/messages/protocol';
import { NO_POLICY, readPolicy, watchPolicy } from '@/utils/extension/managed-policy';
import { permissionPattern } from '@/utils/pure/portals/origin';
import { t } from '@/utils/extension/i18n';

/**
 * Portals the organisation added still need the host permission, which no
 * policy can grant: one click asks for all of them, and says why.
 */
export function ManagedNotice({ portals, onGranted }: { portals: PortalInfo[]; onGranted: () => void }) {
  const [policy, setPolicy] = useState(NO_POLICY);
  const [denied, setDenied] = useState(false);
  useEffect(() => {
    void readPolicy().then(setPolicy);
    return watchPolicy(() => void readPolicy().then(setPolicy));
  }, []);
  const waiting = portals.filter((p) => p.managed && !p.granted);

  const grant = async () => {
    setDenied(false);
    const origins = [...new Set(waiting.map((p) => permissionPattern(p.origin)))];
    if (await browser.permissions.request({ origins })) onGranted();
    else setDenied(true);
  };

  if (!waiting.length && !policy.problems.length) return null;
  return (
    <div class="notice notice-info" data-testid="managed-notice">
      {waiting.length > 0 && (
        <>
          <p class="notice-title">{t('fleetManagedAccess')}</p>
          <ul>
            {waiting.map((p) => (
              <li key={p.origin} class="portal-name">
                {p.name} ({new URL(p.origin).host})
              </li>
            ))}
          </ul>
          <div class="actions">
            <button type="button" class="button primary" onClick={() => void grant()}>
              {t('grantAccess')}
            </button>
          </div>
          {denied && (
            <p class="field-error" role="alert">
              {t('errPermissionDenied')}
            </p>
          )}
        </>
      )}
      {policy.problems.length > 0 && (
        <>
          <p class="notice-title">{t('fleetPolicyProblems')}</p>
          <ul>
            {policy.problems.map((p) => (
              <li key={p}>
                <code>{p}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
