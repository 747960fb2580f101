import { browser } from '#imports';
import { useEffect, useState } from 'preact/hooks';
import type { PortalFailure } from '@/utils/pure/docspace/failure';
import { t } from '@/utils/extension/i18n';
import { permissionPattern } from '@/utils/pure/portals/origin';
import { CopyableDetails } from './CopyableDetails';
import { MAX_RETRY_AFTER_SEC } from '@/utils/pure/docspace/bounds';
import { readPolicy } from '@/utils/extension/managed-policy';

interface Props {
  failure: PortalFailure;
  origin?: string;
  onRetry?: () => void;
}

/** The title and body shown for a failure (exported for the fault matrix test). */
export function describeFailure(failure: PortalFailure): { title: string; body?: string } {
  switch (failure.kind) {
    case 'signed-out':
      return { title: t('errSignedOut'), body: t('errSignedOutBody') };
    case 'forbidden':
      return { title: t('errForbidden'), body: t('errForbiddenBody') };
    case 'payment':
      return { title: t('errPayment'), body: failure.message };
    case 'not-found':
      return { title: t('errNotFound'), body: failure.message };
    case 'rejected':
      return { title: t('errRejected'), body: failure.message };
    case 'rate-limited':
      return { title: t('errRateLimited') };
    case 'server':
      return {
        title: failure.html ? t('errHtmlPage', String(failure.status)) : t('errServer', String(failure.status)),
        body: failure.message ?? t('errServerBody'),
      };
    case 'timeout':
      return { title: t('errTimeout', String(failure.seconds)), body: t('errTimeoutBody') };
    case 'offline':
      return { title: navigator.onLine === false ? t('errOffline') : t('errUnreachable'), body: t('errUnreachableBody') };
    case 'unexpected':
      return { title: t('errUnexpected'), body: t('errUnexpectedBody') };
    case 'no-permission':
      return { title: t('errNoPermission'), body: t('errNoPermissionBody') };
    case 'not-added':
      return { title: t('errNotAdded') };
    case 'internal':
      return { title: t('errInternal'), body: failure.message };
    case 'redirected':
      return { title: t('robustRedirected'), body: t('robustRedirectedBody') };
    case 'unreadable':
      return { title: t('robustUnreadable'), body: t('errUnexpectedBody') };
  }
}

/** One clear message and the next step for every way a portal call fails. */
export function FailureNotice({ failure, origin, onRetry }: Props) {
  const { title, body } = describeFailure(failure);
  const [wait, setWait] = useState(failure.kind === 'rate-limited' ? Math.min(failure.retryAfterSec ?? 5, MAX_RETRY_AFTER_SEC) : 0);
  // A portal the organisation added: say so, since the user never asked for it.
  const [managed, setManaged] = useState(false);
  useEffect(() => {
    if (failure.kind === 'no-permission' && origin) void readPolicy().then((p) => setManaged(p.portals.some((m) => m.origin === origin)));
  }, [failure.kind, origin]);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait(wait - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const details = failure.kind === 'unexpected' || failure.kind === 'unreadable' ? failure.details : null;

  const grant = async () => {
    if (!origin) return;
    if (await browser.permissions.request({ origins: [permissionPattern(origin)] })) onRetry?.();
  };

  return (
    <div class="notice notice-error" role="alert" data-failure={failure.kind}>
      <p class="notice-title">{title}</p>
      {managed && <p class="notice-body">{t('fleetManagedPortal')}</p>}
      {body && <p class="notice-body">{body}</p>}
      {failure.kind === 'rate-limited' && wait > 0 && <p class="notice-body">{t('errRateLimitedWait', String(wait))}</p>}
      {failure.kind === 'unreadable' && failure.known && failure.known.length > 0 && (
        <>
          <p class="notice-body">{t('robustUnreadableKnown')}</p>
          <ul class="known" data-testid="unreadable-known">
            {failure.known.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
      {details !== null && <CopyableDetails text={details} />}
      <div class="actions">
        {failure.kind === 'signed-out' && origin && (
          <a class="button primary" href={`${origin}/`} target="_blank" rel="noreferrer">
            {t('signIn')}
          </a>
        )}
        {failure.kind === 'no-permission' && origin && (
          <button type="button" class="button primary" onClick={grant}>
            {t('grantAccess')}
          </button>
        )}
        {failure.kind === 'not-added' && (
          <button type="button" class="button" onClick={() => browser.runtime.openOptionsPage()}>
            {t('openOptions')}
          </button>
        )}
        {onRetry && (
          <button type="button" class="button" onClick={onRetry} disabled={wait > 0}>
            {t('retry')}
          </button>
        )}
      </div>
    </div>
  );
}
