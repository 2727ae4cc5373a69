// Messages of any channel, private notes between them (by time), our unsent
// ones, and the client's live draft.
import { useLayoutEffect, useRef } from 'react';
import type { ConversationView, MessageView, NoteView } from '../../api/types';
import { AttachmentLink } from '../../components/attachment-link';
import { MessageText } from '../../components/message-text';
import { useI18n } from '../../i18n';
import { formatTime } from '../../lib/format';
import { discard, outbox, retry } from '../../state/outbox';
import { useStore } from '../../state/store';
import { typing } from '../../state/workspace';
import { NoteItem } from './notes';

type Entry = { kind: 'message'; message: MessageView } | { kind: 'note'; note: NoteView };

/** Messages in seq order, each note placed after the messages written before it. */
export function timeline(messages: readonly MessageView[], notes: readonly NoteView[]): Entry[] {
  const out: Entry[] = [];
  let n = 0;
  for (const message of messages) {
    while (n < notes.length && notes[n]!.createdAt < message.createdAt)
      out.push({ kind: 'note', note: notes[n++]! });
    out.push({ kind: 'message', message });
  }
  while (n < notes.length) out.push({ kind: 'note', note: notes[n++]! });
  return out;
}

export function MessageList({
  conversation,
  messages,
  notes = [],
  focusSeq = null,
}: {
  conversation: ConversationView;
  messages: readonly MessageView[];
  notes?: readonly NoteView[];
  /** A message to open at (from search): scrolled into view and marked, once it has loaded. */
  focusSeq?: number | null;
}) {
  const { t, lang } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const pending = useStore(outbox, (m) => m);
  const draft = useStore(typing, (m) => m.get(conversation.id) ?? null);
  const mine = [...pending.values()].filter((p) => p.conversationId === conversation.id);

  // Follow new messages only while the operator is at the bottom, so scrolling
  // up to read history is not interrupted.
  const focused = useRef<number | null>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    if (focusSeq !== null && focused.current !== focusSeq) {
      const target = el.querySelector<HTMLElement>(`[data-seq="${focusSeq}"]`);
      if (!target) return;
      focused.current = focusSeq;
      stick.current = false;
      target.scrollIntoView?.({ block: 'center' });
      target.focus({ preventScroll: true });
      return;
    }
    if (stick.current) el.scrollTop = el.scrollHeight;
  });

  const authorLabel = (m: MessageView): string => {
    if (m.author === 'contact') return m.authorName?.trim() || t('author.contact');
    if (m.author === 'operator') return m.authorName ?? t('author.operator');
    return t(`author.${m.author}`);
  };

  return (
    <div
      ref={box}
      className="messages"
      role="log"
      aria-live="polite"
      aria-label={t('conversation.messages')}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      {messages.length === 0 && <p className="empty">{t('conversation.noMessages')}</p>}
      {timeline(messages, notes).map((entry) => {
        if (entry.kind === 'note')
          return (
            <NoteItem
              key={entry.note.id}
              note={entry.note}
              whisper={
                entry.note.authorId !== conversation.operatorId && conversation.operatorId !== null
              }
            />
          );
        const m = entry.message;
        return (
          <article
            key={m.id}
            className={`message message-${m.author}${m.seq === focusSeq ? ' message-found' : ''}`}
            data-seq={m.seq}
            tabIndex={m.seq === focusSeq ? -1 : undefined}
            aria-current={m.seq === focusSeq ? 'true' : undefined}
          >
            <header>
              <span className="author">{authorLabel(m)}</span>
              <time dateTime={m.createdAt}>{formatTime(m.createdAt, lang)}</time>
            </header>
            {m.text && <MessageText text={m.text} />}
            {m.attachments.length > 0 && (
              <ul className="attachments">
                {m.attachments.map((a) => (
                  <li key={a.id}>
                    <AttachmentLink attachment={a} />
                  </li>
                ))}
              </ul>
            )}
          </article>
        );
      })}
      {mine.map((p) => (
        <article key={p.clientKey} className={`message message-operator pending-${p.status}`}>
          <header>
            <span className="author">{t('author.you')}</span>
            <span>{p.status === 'sending' ? t('outbox.sending') : t('outbox.failed')}</span>
          </header>
          {p.text && <MessageText text={p.text} />}
          {p.status === 'failed' && (
            <p className="inline-error" role="alert">
              {p.error?.message}{' '}
              <button type="button" className="link-button" onClick={() => void retry(p.clientKey)}>
                {t('outbox.retry')}
              </button>{' '}
              <button type="button" className="link-button" onClick={() => discard(p.clientKey)}>
                {t('outbox.discard')}
              </button>
            </p>
          )}
        </article>
      ))}
      {draft && (
        <div className="typing-preview" data-testid="typing-preview">
          <span className="typing-label">{t('typing.client')}</span>
          {draft.draft && <MessageText text={draft.draft} />}
        </div>
      )}
    </div>
  );
}
