// The queue of the operator's teams (all teams for supervisors), in routing
// order, with live wait timers from the one shared ticker.
import { useMemo, useState } from 'react';
import { compareQueue } from '../../../../src/domain/routing/queue-order';
import { api } from '../../api/client';
import type { ConversationView } from '../../api/types';
import { VirtualList } from '../../components/virtual-list';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { useLookups, useMe } from '../../lib/use-account';
import { openConversation } from '../../state/router';
import { useStore } from '../../state/store';
import { useNow } from '../../state/ticker';
import { queue } from '../../state/workspace';
import { QueueRow } from './queue-row';

export const QUEUE_ROW_HEIGHT = 64;

export function waitingSince(c: ConversationView): number {
  return Date.parse(c.queuedAt ?? c.createdAt);
}

/** Queue order of DESIGN §2 through the routing domain's own comparator. */
export function sortForQueue(list: Iterable<ConversationView>): ConversationView[] {
  return [...list]
    .map((c) => ({ c, id: c.id, priority: c.priority, queuedAt: waitingSince(c) }))
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

  const canTake = (c: ConversationView): boolean => {
    const team = lookups.team(c.teamId);
    const mode = team ? team.mode : me.account.settings.routing.mode;
    return mode === 'manual';
  };

  async function take(c: ConversationView) {
    setTaking(c.id);
    setError(null);
    try {
      await api.post(`/conversations/${c.id}/take`);
      openConversation(c.id);
    } catch (err) {
      setError(describeError(t, err).message);
    } finally {
      setTaking(null);
    }
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
              takeable={canTake(c)}
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
