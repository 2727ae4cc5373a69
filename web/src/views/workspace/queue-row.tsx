import type { ConversationView } from '../../api/types';
import { ChannelBadge } from '../../components/channel-badge';
import { WaitTimer } from '../../components/wait-timer';
import { useI18n } from '../../i18n';
import type { Lookups } from '../../lib/use-account';
import { useContactName } from '../../lib/use-contact-name';

export function QueueRow({
  conversation: c,
  position,
  now,
  since,
  lookups,
  active,
  takeable,
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
  takeable: boolean;
  taking: boolean;
  onOpen: () => void;
  onTake: () => void;
}) {
  const { t } = useI18n();
  const channel = lookups.channel(c.channelId);
  const team = lookups.team(c.teamId);
  const name = useContactName(c.contactId);
  return (
    <div className={`queue-row${active ? ' active' : ''}`} data-conversation={c.id}>
      <button
        type="button"
        className="row-main"
        onClick={onOpen}
        aria-current={active || undefined}
      >
        <span className="row-title">
          <span className="position">{position}.</span> {name}
        </span>
        <span className="row-meta">
          <ChannelBadge channel={channel} />
          {team && <span>{team.name}</span>}
          {c.language && <span className="lang">{c.language.toUpperCase()}</span>}
          <span>{t('queue.priority', { n: c.priority })}</span>
        </span>
      </button>
      <WaitTimer since={since} now={now} thresholds={lookups.thresholds(c.channelId)} />
      {takeable && (
        <button type="button" className="take" onClick={onTake} disabled={taking}>
          {taking ? t('queue.taking') : t('queue.take')}
        </button>
      )}
    </div>
  );
}
