import type { Contact, ConversationView } from '../../api/types';
import { ChannelBadge } from '../../components/channel-badge';
import { useI18n } from '../../i18n';
import { useLookups } from '../../lib/use-account';
import { useContactName } from '../../lib/use-contact-name';
import { openConversation } from '../../state/router';
import { isSupervisor, session } from '../../state/session';
import { useStore } from '../../state/store';

export type DialogKind = 'transfer' | 'close' | 'navigate' | 'block' | 'start';

export function ConversationHeader({
  conversation: c,
  contact,
  isMine,
  onDialog,
  contactOpen,
  onToggleContact,
}: {
  conversation: ConversationView;
  contact: Contact | null;
  isMine: boolean;
  onDialog: (d: DialogKind) => void;
  contactOpen: boolean;
  onToggleContact: () => void;
}) {
  const { t } = useI18n();
  const lookups = useLookups();
  const channel = lookups.channel(c.channelId);
  const name = useContactName(c.contactId);
  const operator = lookups.operator(c.operatorId);
  // Supervisors reassign someone else's conversation, with a reason that operator sees.
  const supervises = useStore(session, (s) => s.phase === 'ready' && isSupervisor(s.me));
  const canMove = isMine || (supervises && c.state === 'assigned');
  return (
    <div className="conversation-head">
      <button
        type="button"
        className="icon-button back-button"
        aria-label={t('conversation.back')}
        onClick={() => openConversation(null)}
      >
        ←
      </button>
      <div className="conversation-title">
        <h2>{name}</h2>
        <span className="row-meta">
          <ChannelBadge channel={channel} />
          <span className={`state state-${c.state}`}>{t(`state.${c.state}`)}</span>
          {operator && <span>{t('conversation.operator', { name: operator.name })}</span>}
          {contact?.blocked && <span className="badge-danger">{t('contact.blocked')}</span>}
        </span>
      </div>
      <div className="toolbar" role="toolbar" aria-label={t('conversation.actions')}>
        {isMine && channel?.kind === 'widget' && (
          <button type="button" onClick={() => onDialog('navigate')}>
            {t('conversation.navigate')}
          </button>
        )}
        {canMove && (
          <button type="button" onClick={() => onDialog('transfer')} aria-keyshortcuts="Alt+T">
            {t('conversation.transfer')}
          </button>
        )}
        {contact && (
          <button type="button" onClick={() => onDialog('block')}>
            {contact.blocked ? t('contact.unblock') : t('contact.block')}
          </button>
        )}
        {isMine && (
          <button
            type="button"
            className="primary"
            onClick={() => onDialog('close')}
            aria-keyshortcuts="Alt+C"
          >
            {t('conversation.close')}
          </button>
        )}
        <button
          type="button"
          className="contact-toggle"
          aria-pressed={contactOpen}
          onClick={onToggleContact}
        >
          {t('contact.title')}
        </button>
      </div>
    </div>
  );
}
