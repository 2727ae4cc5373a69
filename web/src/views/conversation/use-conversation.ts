// One conversation as the open view needs it: the conversation, its contact
// and messages, kept current by events and by acks of our own sends.
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type {
  Contact,
  ConversationDetail,
  ConversationView,
  MessageList,
  MessageView,
  StoredEvent,
} from '../../api/types';
import { useI18n } from '../../i18n';
import { describeError, type ShownError } from '../../lib/errors';
import { onDelivered } from '../../state/outbox';
import { useStore } from '../../state/store';
import { generation, onEvent } from '../../state/sync';
import { rememberContact } from '../../state/workspace';

export interface ConversationState {
  conversation: ConversationView | null;
  contact: Contact | null;
  messages: MessageView[];
  error: ShownError | null;
}

const PAGE = 1000;

export async function loadMessages(id: string): Promise<MessageView[]> {
  const all: MessageView[] = [];
  for (;;) {
    const after = all.at(-1)?.seq ?? 0;
    const { messages } = await api.get<MessageList>(
      `/conversations/${id}/messages?afterSeq=${after}&limit=${PAGE}`,
    );
    all.push(...messages);
    if (messages.length < PAGE) return all;
  }
}

export function mergeMessages(list: readonly MessageView[], added: MessageView): MessageView[] {
  if (list.some((m) => m.seq === added.seq)) return list as MessageView[];
  return [...list, added].sort((a, b) => a.seq - b.seq);
}

export function useConversation(id: string): ConversationState & { setContact(c: Contact): void } {
  const { t } = useI18n();
  const gen = useStore(generation, (g) => g);
  const [state, setState] = useState<ConversationState>({
    conversation: null,
    contact: null,
    messages: [],
    error: null,
  });

  // `gen` reloads after a resync; `t` only formats errors and must not refetch.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    let live = true;
    Promise.all([api.get<ConversationDetail>(`/conversations/${id}`), loadMessages(id)])
      .then(([detail, messages]) => {
        if (!live) return;
        if (detail.contact) rememberContact(detail.contact);
        setState((s) => ({
          conversation: detail.conversation,
          contact: detail.contact,
          // Messages that arrived by event while loading are kept.
          messages: s.messages.reduce(mergeMessages, messages),
          error: null,
        }));
      })
      .catch((error) => live && setState((s) => ({ ...s, error: describeError(t, error) })));
    return () => {
      live = false;
    };
  }, [id, gen]);

  useEffect(() => {
    const apply = (e: StoredEvent) => {
      if (e.type === 'message.created' && e.payload.message.conversationId === id) {
        const m = e.payload.message;
        setState((s) => ({ ...s, messages: mergeMessages(s.messages, m) }));
      } else if (e.type === 'visitor.context' && e.payload.conversationId === id) {
        const context = e.payload.context;
        setState((s) =>
          s.conversation
            ? { ...s, conversation: { ...s.conversation, visitorContext: context } }
            : s,
        );
      } else if ('conversation' in e.payload && e.payload.conversation.id === id) {
        const c = e.payload.conversation;
        setState((s) => ({ ...s, conversation: c }));
      } else if (e.type === 'contact.updated') {
        const p = e.payload;
        setState((s) =>
          s.contact?.id === p.contactId
            ? {
                ...s,
                contact: { id: p.contactId, name: p.name, email: p.email, blocked: p.blocked },
              }
            : s,
        );
      }
    };
    const offEvents = onEvent(apply);
    const offDelivered = onDelivered((m) => {
      if (m.conversationId === id)
        setState((s) => ({ ...s, messages: mergeMessages(s.messages, m) }));
    });
    return () => {
      offEvents();
      offDelivered();
    };
  }, [id]);

  return {
    ...state,
    setContact: (contact) => setState((s) => ({ ...s, contact })),
  };
}
