import { useEffect, useRef, useState } from 'preact/hooks';
import { toFailure, type PortalFailure } from '@/utils/pure/docspace/failure';
import type { PortalInfo, ResponseOf } from '@/utils/pure/messages/protocol';
import { send } from '@/utils/pages/send';
import { whenSeen } from '@/utils/pages/when-seen';
import { MAX_NAME_LENGTH } from '@/utils/pure/portals/origin';
import { t } from '@/utils/extension/i18n';
import { portalHash } from '@/utils/pure/fleet/overview';
import { FailureNotice } from './FailureNotice';
import { focusOnMount, useConfirmation } from './focus';

interface Props {
  portal: PortalInfo;
  onChange: (list: PortalInfo[]) => void;
  /** Also told when the portal's detail link is followed (the page routes on the hash). */
  onEdit?: (origin: string) => void;
  /**
   * Ask who is signed in only once the row is near the screen. A list of hundreds of portals would
   * otherwise send one request to each on opening, competing with a "Refresh all" clicked at once.
   */
  askWhenSeen?: boolean;
}

/** One managed portal: who the user is there, rename, remove. */
export function PortalRow({ portal, onChange, onEdit, askWhenSeen = false }: Props) {
  const [status, setStatus] = useState<ResponseOf<'portal.status'> | null>(null);
  const [failure, setFailure] = useState<PortalFailure | null>(null);
  const [name, setName] = useState(portal.name);
  const [nameFailure, setNameFailure] = useState<string | PortalFailure | null>(null);
  const confirmRemove = useConfirmation<true>();

  const check = () => {
    setFailure(null);
    send({ type: 'portal.status', origin: portal.origin }).then(setStatus, (e: unknown) =>
      setFailure(toFailure(e)),
    );
  };
  const row = useRef<HTMLLIElement>(null);
  const [seen, setSeen] = useState(!askWhenSeen);
  useEffect(() => (seen || !row.current ? undefined : whenSeen(row.current, () => setSeen(true))), [seen]);
  useEffect(() => (seen ? check() : undefined), [seen, portal.origin, portal.granted]);

  const rename = () => {
    const next = name.trim();
    if (next.length > MAX_NAME_LENGTH) return setNameFailure(t('robustNameTooLong'));
    setNameFailure(null);
    if (next && next !== portal.name) void send({ type: 'portals.rename', origin: portal.origin, name: next }).then(onChange, (e: unknown) => setNameFailure(toFailure(e)));
  };

  return (
    <li class="portal-row" data-origin={portal.origin} ref={row}>
      <div class="portal-row-main">
        <label class="sr-only" for={`name-${portal.origin}`}>
          {t('portalName')}
        </label>
        <input
          id={`name-${portal.origin}`}
          class="portal-title"
          value={name}
          aria-invalid={nameFailure ? true : undefined}
          aria-describedby={[nameFailure ? `name-error-${portal.origin}` : '', portal.managed ? `managed-${portal.origin}` : ''].filter(Boolean).join(' ') || undefined}
          onInput={(e) => setName(e.currentTarget.value)}
          onBlur={rename}
          onKeyDown={(e) => e.key === 'Enter' && rename()}
          readOnly={portal.locked}
        />
        {typeof nameFailure === 'string' && (
          <p class="field-error" id={`name-error-${portal.origin}`} role="alert">
            {nameFailure}
          </p>
        )}
        {nameFailure && typeof nameFailure !== 'string' && <FailureNotice failure={nameFailure} origin={portal.origin} />}
        {portal.managed && (
          <span class="badge ok" id={`managed-${portal.origin}`} title={t('fleetManagedPortal')}>
            {t('fleetManaged')}
          </span>
        )}
        <a href={portal.origin} target="_blank" rel="noreferrer" class="muted">
          {portal.origin}
        </a>
      </div>
      <div class="portal-row-status" role="status">
        {status?.signedIn && status.user && (
          <p>
            {t('signedInAs', status.user.displayName)}{' '}
            <span class={`badge ${status.user.isAdmin ? 'ok' : 'warn'}`}>
              {status.user.isOwner ? t('roleOwner') : status.user.isAdmin ? t('roleAdmin') : t('roleNotAdmin')}
            </span>
          </p>
        )}
        {status && !status.signedIn && (
          <p>
            {t('notSignedIn')}{' '}
            <a class="button" href={`${portal.origin}/`} target="_blank" rel="noreferrer">
              {t('signIn')}
            </a>
          </p>
        )}
        {failure && <FailureNotice failure={failure} origin={portal.origin} onRetry={check} />}
      </div>
      <div class="actions">
        <a class="button" href={portalHash(portal.origin)} onClick={() => onEdit?.(portal.origin)}>
          {t('editSchedule')}
        </a>
        {portal.locked ? null : !confirmRemove.asking ? (
          <button type="button" class="button danger" onClick={() => confirmRemove.ask(true)} ref={confirmRemove.returnFocus(true)}>
            {t('remove')}
          </button>
        ) : (
          <span role="alertdialog" aria-label={t('removeConfirm', portal.name)}>
            {t('removeConfirm', portal.name)}{' '}
            <button type="button" class="button danger" onClick={() => void send({ type: 'portals.remove', origin: portal.origin }).then(onChange, (e: unknown) => setFailure(toFailure(e)))}>
              {t('remove')}
            </button>
            <button type="button" class="button" onClick={confirmRemove.cancel} ref={focusOnMount}>
              {t('cancel')}
            </button>
          </span>
        )}
      </div>
    </li>
  );
}
