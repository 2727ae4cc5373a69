// The operator's screen: my conversations and the queue on the left, the open
// conversation on the right.
import { useI18n } from '../../i18n';
import { ConversationPane } from '../conversation/conversation-pane';
import { MyConversations } from './my-conversations';
import { QueuePanel } from './queue-panel';
import { StatusBanner } from './status-banner';

export function Workspace({
  conversationId,
  seq = null,
}: {
  conversationId: string | null;
  /** Open at this message (a search result). */
  seq?: number | null;
}) {
  const { t } = useI18n();
  return (
    <div className={`workspace${conversationId ? ' has-open' : ''}`}>
      <aside className="sidebar" aria-label={t('workspace.lists')}>
        <StatusBanner />
        <MyConversations current={conversationId} />
        <QueuePanel current={conversationId} />
      </aside>
      <section className="conversation-area" aria-label={t('conversation.label')}>
        {conversationId ? (
          <ConversationPane key={conversationId} conversationId={conversationId} seq={seq} />
        ) : (
          <div className="empty-state">
            <h2>{t('workspace.pickTitle')}</h2>
            <p>{t('workspace.pickHint')}</p>
          </div>
        )}
      </section>
    </div>
  );
}
