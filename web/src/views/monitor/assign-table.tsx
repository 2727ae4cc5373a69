// Every waiting and active conversation, with "assign to" for supervisors.
// Windowed like the queue, since a supervisor sees every team's backlog.
// One optional reason above the list goes with a reassign: the previous
// operator sees it (POST /conversations/:id/assign with `reason`).
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { ConversationView } from '../../api/types';
import { FlagBadge } from '../../components/flag-badge';
import { VirtualList } from '../../components/virtual-list';
import { WaitTimer } from '../../components/wait-timer';
import { useI18n } from '../../i18n';
import { assignableOperators } from '../../lib/assignable';
import { describeError } from '../../lib/errors';
import { useLookups, useReference } from '../../lib/use-account';
import { useContactName } from '../../lib/use-contact-name';
import { openConversation } from '../../state/router';
import { useStore } from '../../state/store';
import { useNow } from '../../state/ticker';
import { toast } from '../../state/toasts';
import { queue } from '../../state/workspace';
import { sortForQueue, waitingSince } from '../workspace/queue-panel';

const ROW = 48;
const MAX_HEIGHT = 480;
/** As the API accepts (src/http/routes/conversation-actions.ts). */
const REASON_MAX = 2000;

export function AssignTable({
  assigned,
  onChanged,
}: {
  assigned: ConversationView[];
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const queued = useStore(queue, (q) => q);
  const items = useMemo(() => [...sortForQueue(queued.values()), ...assigned], [queued, assigned]);
  const now = useNow();
  const [busy, setBusy] = useState<string | null>(null);
  const [reason, setReason] = useState('');

  async function assign(c: ConversationView, operatorId: string) {
    setBusy(c.id);
    // A waiting conversation has no previous operator to read a reason.
    const why = c.state === 'queued' ? '' : reason.trim();
    try {
      await api.post(
        `/conversations/${c.id}/assign`,
        why ? { operatorId, reason: why } : { operatorId },
      );
      toast('success', t('monitor.assigned'));
      if (why) setReason('');
      onChanged();
    } catch (error) {
      toast('error', describeError(t, error).message);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card wide" aria-labelledby="assign-title">
      <h2 id="assign-title">{t('monitor.conversations')}</h2>
      {items.length === 0 ? (
        <p className="empty">{t('monitor.noConversations')}</p>
      ) : (
        <>
          <label className="assign-reason">
            {t('monitor.reassignReason')}
            <input
              type="text"
              value={reason}
              maxLength={REASON_MAX}
              placeholder={t('monitor.reassignReasonHint')}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          <div className="assign-row assign-head" aria-hidden="true">
            <span>{t('contact.title')}</span>
            <span>{t('contact.channel')}</span>
            <span>{t('monitor.team')}</span>
            <span>{t('monitor.status')}</span>
            <span>{t('monitor.waitOrOperator')}</span>
            <span />
          </div>
          <VirtualList
            className="assign-list"
            style={{ height: Math.min(MAX_HEIGHT, items.length * ROW + 2) }}
            label={t('monitor.conversations')}
            items={items}
            rowHeight={ROW}
            getKey={(c) => c.id}
            renderRow={(c) => (
              <AssignRow conversation={c} now={now} busy={busy === c.id} onAssign={assign} />
            )}
          />
        </>
      )}
    </section>
  );
}

function AssignRow({
  conversation: c,
  now,
  busy,
  onAssign,
}: {
  conversation: ConversationView;
  now: number;
  busy: boolean;
  onAssign: (c: ConversationView, operatorId: string) => void;
}) {
  const { t } = useI18n();
  const lookups = useLookups();
  const { operators } = useReference();
  const name = useContactName(c.contactId);
  return (
    <div className={`assign-row${c.flag ? ' flagged' : ''}`} data-conversation={c.id}>
      <span className="assign-who">
        <button type="button" className="link-button" onClick={() => openConversation(c.id)}>
          {name}
        </button>
        <FlagBadge conversation={c} />
      </span>
      <span>{lookups.channel(c.channelId)?.name}</span>
      <span>{lookups.team(c.teamId)?.name ?? t('monitor.noTeam')}</span>
      <span className={`state state-${c.state}`}>{t(`state.${c.state}`)}</span>
      {c.state === 'queued' ? (
        <WaitTimer since={waitingSince(c)} now={now} thresholds={lookups.thresholds(c.channelId)} />
      ) : (
        <span>{lookups.operator(c.operatorId)?.name ?? '—'}</span>
      )}
      <select
        className="compact"
        value=""
        disabled={busy}
        aria-label={t('monitor.assignTo', { name })}
        onChange={(e) => e.target.value && onAssign(c, e.target.value)}
      >
        <option value="">
          {c.state === 'queued' ? t('monitor.assign') : t('monitor.reassign')}
        </option>
        {assignableOperators(operators, [c.operatorId]).map((o) => (
          <option key={o.id} value={o.id}>
            {t('transfer.operatorOption', {
              name: o.name,
              status: t(`status.${o.status}`),
              open: o.openCount,
              limit: o.limit,
            })}
          </option>
        ))}
      </select>
    </div>
  );
}
