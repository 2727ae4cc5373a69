// The contact and their history across channels and past conversations.
// GET /contacts/:id is preferred; the conversations filter is the fallback.
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type {
  Contact,
  ContactCard as ContactCardAnswer,
  ConversationPage,
  ConversationView,
} from '../../api/types';
import { ChannelBadge } from '../../components/channel-badge';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useLookups } from '../../lib/use-account';
import { openConversation } from '../../state/router';
import { VisitorContextView } from './visitor-context';

/** The contact's conversations across channels. */
async function loadHistory(contactId: string): Promise<ConversationView[]> {
  try {
    return (await api.get<ContactCardAnswer>(`/contacts/${contactId}`)).conversations;
  } catch {
    const res = await api.get<ConversationPage>(`/conversations?contactId=${contactId}&limit=100`);
    return res.conversations;
  }
}

export function ContactCard({
  contact,
  conversation,
  onClose,
  onWriteFirst,
}: {
  contact: Contact | null;
  conversation: ConversationView;
  onClose: () => void;
  /** Start a conversation with this contact on another channel (write first). */
  onWriteFirst?: () => void;
}) {
  const { t, lang } = useI18n();
  const lookups = useLookups();
  const [history, setHistory] = useState<ConversationView[] | null>(null);
  const contactId = conversation.contactId;

  useEffect(() => {
    let live = true;
    loadHistory(contactId)
      .then((list) => {
        if (live) setHistory([...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
      })
      .catch(() => live && setHistory([]));
    return () => {
      live = false;
    };
  }, [contactId]);

  return (
    <aside className="contact-card" aria-labelledby="contact-title">
      <div className="panel-head">
        <h2 id="contact-title">{t('contact.title')}</h2>
        <button
          type="button"
          className="icon-button contact-close"
          aria-label={t('common.close')}
          onClick={onClose}
        >
          ×
        </button>
      </div>
      <dl className="contact-fields">
        <dt>{t('contact.name')}</dt>
        <dd>{contact?.name || '—'}</dd>
        <dt>{t('contact.email')}</dt>
        <dd>{contact?.email || '—'}</dd>
        {conversation.language && (
          <>
            <dt>{t('contact.language')}</dt>
            <dd>{conversation.language.toUpperCase()}</dd>
          </>
        )}
        {contact?.blocked && (
          <>
            <dt>{t('contact.status')}</dt>
            <dd className="badge-danger">{t('contact.blocked')}</dd>
          </>
        )}
      </dl>
      {conversation.visitorContext && (
        <VisitorContextView
          context={conversation.visitorContext}
          live={conversation.state !== 'closed'}
        />
      )}
      {onWriteFirst && contact && !contact.blocked && (
        <button type="button" className="link-button" onClick={onWriteFirst}>
          {t('start.action')}
        </button>
      )}
      <h3>{t('contact.history')}</h3>
      {history === null ? (
        <p className="empty">{t('common.loading')}</p>
      ) : history.length <= 1 ? (
        <p className="empty">{t('contact.noHistory')}</p>
      ) : (
        <ul className="history">
          {history.map((h) => (
            <li key={h.id}>
              <button
                type="button"
                className="row-main"
                aria-current={h.id === conversation.id || undefined}
                onClick={() => openConversation(h.id)}
              >
                <span className="row-title">{formatDateTime(h.createdAt, lang)}</span>
                <span className="row-meta">
                  <ChannelBadge channel={lookups.channel(h.channelId)} />
                  <span className={`state state-${h.state}`}>{t(`state.${h.state}`)}</span>
                  {h.id === conversation.id && <span>{t('contact.current')}</span>}
                </span>
                {h.visitorContext && (
                  <span className="row-page" title={h.visitorContext.url}>
                    {h.visitorContext.title || h.visitorContext.url}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
