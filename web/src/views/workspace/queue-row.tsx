import type { ConversationView } from '../../api/types';
import { ChannelBadge } from '../../components/channel-badge';
import { FlagBadge } from '../../components/flag-badge';
import { WaitTimer } from '../../components/wait-timer';
import { useI18n } from '../../i18n';
import type { Lookups } from '../../lib/use-account';
import { useContactName } from '../../lib/use-contact-name';
import { RowPreview, UnreadBadge } from './row-preview';

export function QueueRow({
  conversation: c,
  position,
  now,
  since,
  lookups,
  active,
  takeBlocked,
  taking,
  onOpen,
  onTake,
}: {
  conversation: ConversationView;
  position: number;
  now: number;
  since: number;
  lookups: Lookups;
  active: boolean;
  /** Null: I can take it; else why not (the control is disabled and says so). */
  takeBlocked: string | null;
  taking: boolean;
  onOpen: () => void;
  onTake: () => void;
}) {
  const { t } = useI18n();
  const channel = lookups.channel(c.channelId);
  const team = lookups.team(c.teamId);
  const name = useContactName(c.contactId);
  return (
    <div
      className={`queue-row${active ? ' active' : ''}${c.flag ? ' flagged' : ''}`}
      data-conversation={c.id}
    >
      <button
        type="button"
        className="row-main"
        onClick={onOpen}
        aria-current={active || undefined}
      >
        <span className="row-title">
          <span className="position">{position}.</span> {name}
          <UnreadBadge conversationId={c.id} />
        </span>
        <RowPreview conversationId={c.id} />
        <span className="row-meta">
          <FlagBadge conversation={c} />
          <ChannelBadge channel={channel} />
          {team && <span>{team.name}</span>}
          {c.language && <span className="lang">{c.language.toUpperCase()}</span>}
          <span>{t('queue.priority', { n: c.priority })}</span>
        </span>
      </button>
      <WaitTimer since={since} now={now} thresholds={lookups.thresholds(c.channelId)} />
      <span className="take-cell">
        <button
          type="button"
          className="take"
          onClick={onTake}
          disabled={taking || takeBlocked !== null}
          title={takeBlocked ?? t('take.assignToMe')}
          aria-describedby={takeBlocked ? `take-why-${c.id}` : undefined}
        >
          {taking ? t('queue.taking') : t('queue.take')}
        </button>
        {takeBlocked && (
          <span className="take-why" id={`take-why-${c.id}`}>
            {takeBlocked}
          </span>
        )}
      </span>
    </div>
  );
}
