// Search box and results. Snippets arrive as plain-text segments; matches are
// <mark>, everything else a text node — a message with markup shows it as text.
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { SearchResult } from '../../api/types';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useLookups } from '../../lib/use-account';
import { openConversation } from '../../state/router';

type Hit = SearchResult['messages'][number];

export function SearchPanel() {
  const { t, lang } = useI18n();
  const lookups = useLookups();
  const [q, setQ] = useState('');
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(query: string, cursor: string | null) {
    setBusy(true);
    setError(null);
    try {
      const params = new URLSearchParams({ q: query });
      if (cursor) params.set('cursor', cursor);
      const page = await api.get<SearchResult>(`/search?${params}`);
      setResult((prev) =>
        cursor && prev
          ? { ...page, contacts: prev.contacts, messages: [...prev.messages, ...page.messages] }
          : page,
      );
    } catch (err) {
      setError(describeError(t, err).message);
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (q.trim()) void run(q.trim(), null);
  }

  const empty = result && result.messages.length === 0 && result.contacts.length === 0;
  return (
    <div className="search-panel">
      <form className="search-form" onSubmit={submit}>
        <label htmlFor="find-q" className="visually-hidden">
          {t('find.query')}
        </label>
        <input
          id="find-q"
          type="search"
          value={q}
          maxLength={200}
          placeholder={t('find.placeholder')}
          onChange={(e) => setQ(e.target.value)}
        />
        <button type="submit" className="primary" disabled={busy}>
          {t('find.submit')}
        </button>
      </form>
      <p className="hint">{t('find.hint')}</p>
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
      {empty && <p className="empty">{t('find.nothing')}</p>}
      {result && result.contacts.length > 0 && (
        <section aria-label={t('find.contacts')}>
          <h2>{t('find.contacts')}</h2>
          <ul className="find-list">
            {result.contacts.map((c) => (
              <li key={c.id}>
                <a
                  href={`/c/${c.conversationId}`}
                  onClick={(e) => {
                    e.preventDefault();
                    openConversation(c.conversationId);
                  }}
                >
                  {c.name ?? '—'}
                </a>{' '}
                <span className="muted">{[c.email, c.phone].filter(Boolean).join(' · ')}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {result && result.messages.length > 0 && (
        <section aria-label={t('find.messages')}>
          <h2>{t('find.messages')}</h2>
          <ul className="find-list">
            {result.messages.map((m) => (
              <li key={m.messageId} className="search-hit">
                <a
                  href={`/c/${m.conversation.id}?m=${m.seq}`}
                  onClick={(e) => {
                    e.preventDefault();
                    openConversation(m.conversation.id, m.seq);
                  }}
                >
                  <span className="hit-head">
                    <strong>{m.conversation.contactName ?? t('author.contact')}</strong>{' '}
                    <span className="muted">
                      {lookups.channel(m.conversation.channelId)?.name ?? ''} ·{' '}
                      {t(`author.${m.author}`)} · {formatDateTime(m.createdAt, lang)}
                    </span>
                  </span>
                  <Snippet hit={m} />
                </a>
              </li>
            ))}
          </ul>
          {result.nextCursor && (
            <button
              type="button"
              disabled={busy}
              onClick={() => void run(q.trim(), result.nextCursor)}
            >
              {t('find.more')}
            </button>
          )}
        </section>
      )}
    </div>
  );
}

function Snippet({ hit }: { hit: Hit }) {
  return (
    <span className="snippet">
      {hit.snippet.map((s, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: segments never reorder
        s.hit ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>,
      )}
    </span>
  );
}
