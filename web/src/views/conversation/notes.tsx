// Private notes inside a conversation: staff only, never sent to the client,
// styled apart from messages. A note's `@name` notifies that operator; a
// supervisor's note in someone else's conversation is a whisper.
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { NoteAnswer, NoteList, NoteView } from '../../api/types';
import { MessageText } from '../../components/message-text';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { formatTime } from '../../lib/format';
import { useLookups } from '../../lib/use-account';
import { useStore } from '../../state/store';
import { generation, onEvent } from '../../state/sync';
import { focusedNote } from '../../state/workday';

function withNote(list: readonly NoteView[], note: NoteView): NoteView[] {
  if (list.some((n) => n.id === note.id)) return list as NoteView[];
  return [...list, note].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export function useNotes(conversationId: string) {
  const gen = useStore(generation, (g) => g);
  const [notes, setNotes] = useState<NoteView[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `gen` reloads after a resync
  useEffect(() => {
    let live = true;
    api
      .get<NoteList>(`/conversations/${conversationId}/notes`)
      .then((r) => live && setNotes((s) => s.reduce(withNote, r.notes)))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [conversationId, gen]);
  useEffect(
    () =>
      onEvent((e) => {
        if (
          (e.type === 'note.created' || e.type === 'note.mentioned') &&
          e.payload.note.conversationId === conversationId
        ) {
          const note = e.payload.note;
          setNotes((s) => withNote(s, note));
        }
      }),
    [conversationId],
  );
  return { notes, added: (note: NoteView) => setNotes((s) => withNote(s, note)) };
}

export function NoteItem({ note, whisper }: { note: NoteView; whisper: boolean }) {
  const { t, lang } = useI18n();
  const lookups = useLookups();
  const focused = useStore(focusedNote, (id) => id === note.id);
  const names = note.mentions.map((id) => lookups.operator(id)?.name ?? '—');
  return (
    <article
      id={`note-${note.id}`}
      className={`message note${whisper ? ' whisper' : ''}${focused ? ' focused' : ''}`}
      data-testid="note"
      ref={(el) => {
        if (el && focused) el.scrollIntoView({ block: 'center' });
      }}
    >
      <header>
        <span className="author">{note.authorName ?? '—'}</span>
        <span className="note-badge">{whisper ? t('notes.whisper') : t('notes.badge')}</span>
        <time dateTime={note.createdAt}>{formatTime(note.createdAt, lang)}</time>
      </header>
      <MessageText text={note.text} />
      {names.length > 0 && (
        <p className="note-mentions">{t('notes.mentioned', { names: names.join(', ') })}</p>
      )}
    </article>
  );
}

export function NoteComposer({
  conversationId,
  onAdded,
}: {
  conversationId: string;
  onAdded: (note: NoteView) => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function add() {
    if (!text.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      const { note } = await api.post<NoteAnswer>(`/conversations/${conversationId}/notes`, {
        text,
      });
      onAdded(note);
      setText('');
    } catch (err) {
      setError(t('notes.failed', { error: describeError(t, err).message }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="composer note-composer">
      <div className="composer-row">
        <label className="visually-hidden" htmlFor={`note-${conversationId}`}>
          {t('notes.title')}
        </label>
        <textarea
          id={`note-${conversationId}`}
          rows={2}
          value={text}
          maxLength={5000}
          placeholder={t('notes.placeholder')}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void add();
            }
          }}
        />
        <div className="composer-buttons">
          <button
            type="button"
            className="note-button"
            onClick={() => void add()}
            disabled={busy || !text.trim()}
          >
            {busy ? t('notes.adding') : t('notes.add')}
          </button>
        </div>
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
