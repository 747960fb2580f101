import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/extension/i18n';
import { FolderPicker } from './FolderPicker';

interface Props {
  origin: string;
  cookieStoreId?: string;
  onPick: (folderId: string, title: string) => void;
  /** Ids of what describes the button (the chosen room, an error). */
  describedBy?: string;
  disabled?: boolean;
}

/** "Choose a room or folder…", which opens the portal's rooms; the focus comes back to it when they close. */
export function RoomChooser({ origin, cookieStoreId, onPick, describedBy, disabled }: Props) {
  const [picking, setPicking] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const wasPicking = useRef(false);
  useEffect(() => {
    if (wasPicking.current && !picking) button.current?.focus();
    wasPicking.current = picking;
  }, [picking]);
  if (picking) {
    return (
      <FolderPicker
        origin={origin}
        cookieStoreId={cookieStoreId}
        onClose={() => setPicking(false)}
        onPick={(id, title) => {
          onPick(id, title);
          setPicking(false);
        }}
      />
    );
  }
  return (
    <button type="button" class="button" ref={button} disabled={disabled} aria-describedby={describedBy || undefined} onClick={() => setPicking(true)}>
      {t('chooseFolder')}
    </button>
  );
}
