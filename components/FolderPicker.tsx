import { useEffect, useRef, useState } from 'preact/hooks';
import { toFailure, type PortalFailure } from '@/utils/pure/docspace/failure';
import type { FolderContent } from '@/utils/pure/docspace/schemas';
import { send } from '@/utils/pages/send';
import { t } from '@/utils/extension/i18n';
import { FailureNotice } from './FailureNotice';

interface Props {
  origin: string;
  cookieStoreId?: string;
  onPick: (id: string, title: string) => void;
  onClose: () => void;
}

/** Browses the portal's rooms and their folders; picks one as the backup target. */
export function FolderPicker({ origin, cookieStoreId, onPick, onClose }: Props) {
  const [folderId, setFolderId] = useState<number | string | undefined>(undefined);
  const [content, setContent] = useState<FolderContent | null>(null);
  const [failure, setFailure] = useState<PortalFailure | null>(null);
  const [attempt, setAttempt] = useState(0);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    setContent(null);
    setFailure(null);
    send({ type: 'folders.list', origin, cookieStoreId, folderId })
      .then((c) => live && setContent(c))
      .catch((e: unknown) => live && setFailure(toFailure(e)));
    return () => {
      live = false;
    };
  }, [origin, cookieStoreId, folderId, attempt]);

  // Opening the picker or a folder replaces what had the focus: it moves to the
  // first folder shown, or to the first action when there is none.
  useEffect(() => {
    if (content) root.current?.querySelector<HTMLElement>('.folder, .actions .button')?.focus();
  }, [content]);

  const atRooms = folderId === undefined;
  const crumbs = (content?.pathParts ?? []).flatMap((p) => (typeof p === 'object' ? [p] : []));

  return (
    <div class="picker" role="group" aria-label={t('folderPickerLabel')} ref={root}>
      <nav class="crumbs" aria-label={t('folderPath')}>
        <button type="button" class="link" onClick={() => setFolderId(undefined)}>
          {t('rooms')}
        </button>
        {!atRooms &&
          crumbs.slice(1).map((c) => (
            <span key={String(c.id)}>
              {' / '}
              <button type="button" class="link" onClick={() => setFolderId(c.id)}>
                {c.title}
              </button>
            </span>
          ))}
      </nav>
      {failure && <FailureNotice failure={failure} origin={origin} onRetry={() => setAttempt(attempt + 1)} />}
      {!content && !failure && <p class="muted" role="status">{t('loading')}</p>}
      {content && (
        <ul class="folder-list">
          {content.folders.length === 0 && <li class="muted">{atRooms ? t('noRooms') : t('noSubfolders')}</li>}
          {content.folders.map((f) => (
            <li key={String(f.id)}>
              <button type="button" class="folder" onClick={() => setFolderId(f.id)}>
                {f.title}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="actions">
        {!atRooms && content?.current && (
          <button
            type="button"
            class="button primary"
            onClick={() => onPick(String(content.current!.id), content.current!.title)}
          >
            {t('chooseThisFolder', content.current.title)}
          </button>
        )}
        <button type="button" class="button" onClick={onClose}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
