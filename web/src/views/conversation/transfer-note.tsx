// The note a colleague left when transferring this conversation.
import { MessageText } from '../../components/message-text';
import { useI18n } from '../../i18n';
import { useLookups } from '../../lib/use-account';
import { useStore } from '../../state/store';
import { transferNotes } from '../../state/workspace';

export function TransferNote({ conversationId }: { conversationId: string }) {
  const { t } = useI18n();
  const lookups = useLookups();
  const note = useStore(transferNotes, (m) => m.get(conversationId) ?? null);
  if (!note) return null;
  const from = lookups.operator(note.fromOperatorId)?.name ?? t('author.operator');
  return (
    <aside className="transfer-note" aria-label={t('transfer.noteFrom', { name: from })}>
      <strong>{t('transfer.noteFrom', { name: from })}</strong> <MessageText text={note.note} />
    </aside>
  );
}
