// The open conversation: header with actions, messages and private notes with
// the client's live draft, the composer or a private note (when it is mine; a
// supervisor's whisper or a mentioned operator's note otherwise) and the contact card.
import { useEffect, useRef, useState } from 'react';
import { dialogOpen } from '../../components/dialog';
import { useI18n } from '../../i18n';
import { useMe } from '../../lib/use-account';
import { onCommand } from '../../state/commands';
import { isSupervisor } from '../../state/session';
import { Composer } from './composer';
import { ContactCard } from './contact-card';
import { ConversationDialogs } from './conversation-dialogs';
import { ConversationHeader, type DialogKind } from './conversation-header';
import { MessageList } from './message-list';
import { NoteComposer, useNotes } from './notes';
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
  const [writing, setWriting] = useState<'reply' | 'note'>('reply');
  const { notes, added } = useNotes(conversationId);
  const pane = useRef<HTMLDivElement>(null);
  useContactDrawer(pane, showContact, () => setShowContact(false));
  const c = state.conversation;
  const isMine = c?.state === 'assigned' && c.operatorId === me.operator.id;
  // A supervisor whispers into any conversation; a mentioned operator answers the note.
  const mayNote =
    !isMine && (isSupervisor(me) || notes.some((n) => n.mentions.includes(me.operator.id)));

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
    <div ref={pane} className={`conversation${showContact ? ' show-contact' : ''}`}>
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
          <MessageList conversation={c} messages={state.messages} notes={notes} focusSeq={seq} />
        </div>
        {isMine ? (
          <>
            <fieldset className="composer-tabs" aria-label={t('notes.title')}>
              {(['reply', 'note'] as const).map((kind) => (
                <button
                  key={kind}
                  type="button"
                  aria-pressed={writing === kind}
                  className={`composer-tab composer-tab-${kind}`}
                  onClick={() => setWriting(kind)}
                >
                  {kind === 'reply' ? t('notes.tabReply') : t('notes.tabNote')}
                </button>
              ))}
            </fieldset>
            {writing === 'reply' ? (
              <Composer conversation={c} contact={state.contact} />
            ) : (
              <NoteComposer conversationId={c.id} onAdded={added} />
            )}
          </>
        ) : (
          <>
            <ReadOnlyNotice conversation={c} onDialog={setDialog} />
            {mayNote && <NoteComposer conversationId={c.id} onAdded={added} />}
          </>
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

/**
 * The contact card is a drawer on narrow screens: Escape or a click outside it
 * closes it, and focus goes back to the button that opened it. A dialog open
 * over it keeps its Escape for itself.
 */
function useContactDrawer(
  pane: { current: HTMLDivElement | null },
  open: boolean,
  close: () => void,
) {
  useEffect(() => {
    if (!open) return;
    const root = pane.current;
    const toggle = () => root?.querySelector<HTMLElement>('.contact-toggle');
    // The toggle counts as inside: its own click closes the drawer.
    const inside = (t: EventTarget | null) =>
      t instanceof Node &&
      [root?.querySelector('.contact-card'), toggle()].some((el) => el?.contains(t));
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || dialogOpen()) return;
      close();
      toggle()?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (!dialogOpen() && !inside(e.target)) close();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [pane, open, close]);
}
