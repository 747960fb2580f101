import { t } from '@/utils/extension/i18n';
import { isBlocking, type CarryNote } from '@/utils/pure/schedule/transfer';

export function noteText(note: CarryNote): string {
  switch (note.kind) {
    case 'pick-room':
      return t('notePickRoom');
    case 'no-third-party':
      return t('noteNoThirdParty');
    case 'storage-not-set':
      return t('noteStorageNotSet', note.title);
    case 'storage-unknown':
      return t('noteStorageUnknown', note.module);
    case 'secrets-dropped':
      return t('noteSecretsDropped', note.names.join(', '));
    case 'dump-dropped':
      return t('noteDumpDropped');
    case 'room-found':
      return t('noteRoomFound', [note.id, note.title]);
    case 'zone-differs':
      return t('noteZoneDiffers', [note.from, note.to]);
  }
}

/** What did not carry over to a portal, or must be checked there. */
export function TransferNotes({ notes, id }: { notes: CarryNote[]; id?: string }) {
  if (!notes.length) return null;
  return (
    <ul class="transfer-notes" id={id}>
      {notes.map((note) => (
        <li key={note.kind} class={isBlocking(note) ? 'warning' : 'muted'} data-note={note.kind}>
          {noteText(note)}
        </li>
      ))}
    </ul>
  );
}
