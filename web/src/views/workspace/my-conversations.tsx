// My open conversations; each shows whether the client waits for my reply and
// for how long, in the same colours as the queue (DESIGN §3).
import { useMemo } from 'react';
import { ChannelBadge } from '../../components/channel-badge';
import { FlagBadge } from '../../components/flag-badge';
import { WaitTimer } from '../../components/wait-timer';
import { useI18n } from '../../i18n';
import { type MineItem, orderMine } from '../../lib/mine-order';
import { type Lookups, useLookups } from '../../lib/use-account';
import { useContactName } from '../../lib/use-contact-name';
import { openConversation } from '../../state/router';
import { useStore } from '../../state/store';
import { useNow } from '../../state/ticker';
import { clocks, mine, typing } from '../../state/workspace';
import { RowPreview, UnreadBadge } from './row-preview';

export function MyConversations({ current }: { current: string | null }) {
  const { t } = useI18n();
  const map = useStore(mine, (m) => m);
  const clockMap = useStore(clocks, (m) => m);
  const items = useMemo(() => orderMine(map.values(), clockMap), [map, clockMap]);
  const lookups = useLookups();
  const now = useNow();
  return (
    <section className="panel mine-panel" aria-labelledby="mine-title">
      <div className="panel-head">
        <h2 id="mine-title">{t('mine.title')}</h2>
        <span className="count">{items.length}</span>
      </div>
      {items.length === 0 ? (
        <p className="empty">{t('mine.empty')}</p>
      ) : (
        <ul className="mine-list">
          {items.map((item) => (
            <MineRow
              key={item.conversation.id}
              item={item}
              now={now}
              lookups={lookups}
              active={item.conversation.id === current}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function MineRow({
  item,
  now,
  lookups,
  active,
}: {
  item: MineItem;
  now: number;
  lookups: Lookups;
  active: boolean;
}) {
  const { t } = useI18n();
  const c = item.conversation;
  const name = useContactName(c.contactId);
  const isTyping = useStore(typing, (m) => m.has(c.id));
  return (
    <li
      className={`mine-row${active ? ' active' : ''}${c.flag ? ' flagged' : ''}`}
      data-conversation={c.id}
    >
      <button
        type="button"
        className="row-main"
        onClick={() => openConversation(c.id)}
        aria-current={active || undefined}
      >
        <span className="row-title">
          {name}
          <UnreadBadge conversationId={c.id} />
        </span>
        <RowPreview conversationId={c.id} />
        <span className="row-meta">
          <FlagBadge conversation={c} />
          <ChannelBadge channel={lookups.channel(c.channelId)} />
          {isTyping ? (
            <span className="typing-dot">{t('mine.typing')}</span>
          ) : (
            <span>{item.waitingSince === null ? t('mine.answered') : t('mine.clientWaits')}</span>
          )}
        </span>
      </button>
      {item.waitingSince !== null && (
        <WaitTimer
          since={item.waitingSince}
          now={now}
          thresholds={lookups.thresholds(c.channelId)}
          label={t('mine.clientWaits')}
        />
      )}
    </li>
  );
}
