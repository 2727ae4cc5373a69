// The open conversation: header with actions, messages with the client's live
// draft, the composer (when it is mine) and the contact card.
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { useMe } from '../../lib/use-account';
import { onCommand } from '../../state/commands';
import { Composer } from './composer';
import { ContactCard } from './contact-card';
import { ConversationDialogs } from './conversation-dialogs';
import { ConversationHeader, type DialogKind } from './conversation-header';
import { MessageList } from './message-list';
import { ReadOnlyNotice } from './read-only-notice';
import { TransferNote } from './transfer-note';
import { useConversation } from './use-conversation';

export function ConversationPane({
  conversationId,
  seq = null,
}: {
  conversationId: string;
  seq?: number | null;
}) {
  const { t } = useI18n();
  const me = useMe();
  const state = useConversation(conversationId);
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const [showContact, setShowContact] = useState(false);
  const c = state.conversation;
  const isMine = c?.state === 'assigned' && c.operatorId === me.operator.id;

  useEffect(
    () =>
      onCommand((command) => {
        if (!isMine) return;
        if (command === 'close') setDialog('close');
        if (command === 'transfer') setDialog('transfer');
      }),
    [isMine],
  );

  if (state.error && !c)
    return (
      <p className="empty" role="alert">
        {state.error.message}
      </p>
    );
  if (!c)
    return (
      <p className="empty" role="status">
        {t('common.loading')}
      </p>
    );

  return (
    <div className={`conversation${showContact ? ' show-contact' : ''}`}>
      <div className="conversation-main">
        <ConversationHeader
          conversation={c}
          contact={state.contact}
          isMine={isMine}
          onDialog={setDialog}
          contactOpen={showContact}
          onToggleContact={() => setShowContact((v) => !v)}
        />
        <div className="conversation-body">
          <TransferNote conversationId={c.id} />
          <MessageList conversation={c} messages={state.messages} focusSeq={seq} />
        </div>
        {isMine ? (
          <Composer conversation={c} contact={state.contact} />
        ) : (
          <ReadOnlyNotice conversation={c} onDialog={setDialog} />
        )}
      </div>
      <ContactCard
        contact={state.contact}
        conversation={c}
        onClose={() => setShowContact(false)}
        onWriteFirst={() => setDialog('start')}
      />
      <ConversationDialogs
        dialog={dialog}
        onDone={() => setDialog(null)}
        conversation={c}
        contact={state.contact}
        onContact={state.setContact}
      />
    </div>
  );
}
