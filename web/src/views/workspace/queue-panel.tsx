// The queue of the operator's teams (all teams for supervisors), in routing
// order, with live wait timers from the one shared ticker, each row's last
// message, and "Take" (assign to me) in every distribution mode.
import { useMemo, useState } from 'react';
import { compareQueue } from '../../../../src/domain/routing/queue-order';
import type { ConversationView } from '../../api/types';
import { VirtualList } from '../../components/virtual-list';
import { useI18n } from '../../i18n';
import { takeConversation, takeState } from '../../lib/take';
import { useLookups, useMe } from '../../lib/use-account';
import { openConversation } from '../../state/router';
import { useStore } from '../../state/store';
import { useNow } from '../../state/ticker';
import { mine, queue } from '../../state/workspace';
import { QueueRow } from './queue-row';

export const QUEUE_ROW_HEIGHT = 84;

export function waitingSince(c: ConversationView): number {
  return Date.parse(c.queuedAt ?? c.createdAt);
}

/** Queue order of DESIGN §2 through the routing domain's own comparator. */
export function sortForQueue(list: Iterable<ConversationView>): ConversationView[] {
  return [...list]
    .map((c) => ({
      c,
      id: c.id,
      priority: c.priority,
      queuedAt: waitingSince(c),
      flagged: c.flag !== null,
    }))
    .sort(compareQueue)
    .map((x) => x.c);
}

export function QueuePanel({ current }: { current: string | null }) {
  const { t } = useI18n();
  const me = useMe();
  const lookups = useLookups();
  const map = useStore(queue, (q) => q);
  const items = useMemo(() => sortForQueue(map.values()), [map]);
  const now = useNow();
  const [taking, setTaking] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const openCount = useStore(mine, (m) => m.size);
  // Any queue I see, in every distribution mode; disabled with the reason at my limit.
  const takeable = takeState(t, me, openCount);

  async function take(c: ConversationView) {
    setTaking(c.id);
    setError(null);
    const refused = await takeConversation(t, c);
    setTaking(null);
    if (refused) setError(refused);
    else openConversation(c.id);
  }

  return (
    <section className="panel queue-panel" aria-labelledby="queue-title">
      <div className="panel-head">
        <h2 id="queue-title">{t('queue.title')}</h2>
        <span className="count">
          {items.length}
          <span className="visually-hidden"> {t('queue.count', { n: items.length })}</span>
        </span>
      </div>
      {error && (
        <p className="inline-error" role="alert">
          {error}
          <button
            type="button"
            className="icon-button"
            aria-label={t('common.dismiss')}
            onClick={() => setError(null)}
          >
            ×
          </button>
        </p>
      )}
      {items.length === 0 ? (
        <p className="empty">{t('queue.empty')}</p>
      ) : (
        <VirtualList
          className="queue-list"
          label={t('queue.title')}
          items={items}
          rowHeight={QUEUE_ROW_HEIGHT}
          getKey={(c) => c.id}
          renderRow={(c, index) => (
            <QueueRow
              conversation={c}
              position={index + 1}
              now={now}
              since={waitingSince(c)}
              lookups={lookups}
              active={c.id === current}
              takeBlocked={takeable.reason}
              taking={taking === c.id}
              onOpen={() => openConversation(c.id)}
              onTake={() => void take(c)}
            />
          )}
        />
      )}
    </section>
  );
}
