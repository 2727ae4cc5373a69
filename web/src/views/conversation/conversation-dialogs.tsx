import type { Contact, ConversationView } from '../../api/types';
import { BlockDialog } from './block-dialog';
import { CloseDialog } from './close-dialog';
import type { DialogKind } from './conversation-header';
import { NavigateDialog } from './navigate-dialog';
import { StartDialog } from './start-dialog';
import { TransferDialog } from './transfer-dialog';

export function ConversationDialogs({
  dialog,
  onDone,
  conversation,
  contact,
  onContact,
}: {
  dialog: DialogKind | null;
  onDone: () => void;
  conversation: ConversationView;
  contact: Contact | null;
  onContact: (c: Contact) => void;
}) {
  switch (dialog) {
    case 'transfer':
      return <TransferDialog conversation={conversation} onDone={onDone} />;
    case 'close':
      return <CloseDialog conversation={conversation} onDone={onDone} />;
    case 'navigate':
      return <NavigateDialog conversation={conversation} onDone={onDone} />;
    case 'start':
      return contact ? <StartDialog contact={contact} onDone={onDone} /> : null;
    case 'block':
      return contact ? (
        <BlockDialog contact={contact} onDone={onDone} onContact={onContact} />
      ) : null;
    default:
      return null;
  }
}
