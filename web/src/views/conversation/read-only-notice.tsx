// Shown instead of the composer when the conversation is not mine to answer;
// a waiting one can be taken ("Assign to me") in every distribution mode.
import { useState } from 'react';
import { api } from '../../api/client';
import type { ConversationAnswer, ConversationView } from '../../api/types';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { takeConversation, takeState } from '../../lib/take';
import { useLookups, useMe } from '../../lib/use-account';
import { openConversation } from '../../state/router';
import { useStore } from '../../state/store';
import { toast } from '../../state/toasts';
import { mine } from '../../state/workspace';
import type { DialogKind } from './conversation-header';

/** Channels where an operator can write first (the server checks the contact's address). */
const OUTBOUND = new Set(['email', 'telegram', 'api']);

export function ReadOnlyNotice({
  conversation: c,
  onDialog,
}: {
  conversation: ConversationView;
  onDialog?: (d: DialogKind) => void;
}) {
  const { t } = useI18n();
  const me = useMe();
  const lookups = useLookups();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const openCount = useStore(mine, (m) => m.size);
  const blocked = takeState(t, me, openCount).reason;

  async function take() {
    setBusy(true);
    setError(null);
    setError(await takeConversation(t, c));
    setBusy(false);
  }

  async function reopen() {
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<ConversationAnswer>(`/conversations/${c.id}/reopen`);
      toast('success', t('reopen.done'));
      openConversation(res.conversation.id);
    } catch (err) {
      setError(describeError(t, err).message);
      setBusy(false);
    }
  }

  const supervisor = me.operator.role !== 'operator';
  const canCategorise = c.state === 'closed' && (c.operatorId === me.operator.id || supervisor);
  const canReopen = c.state === 'closed' && OUTBOUND.has(lookups.channel(c.channelId)?.kind ?? '');
  let text = t('readonly.other', { name: lookups.operator(c.operatorId)?.name ?? '—' });
  if (c.state === 'closed')
    text = c.closedBy === 'contact' ? t('after.endedByClient') : t('readonly.closed');
  if (c.state === 'queued') text = t('readonly.queued');
  if (c.state === 'bot') text = t('readonly.bot');
  return (
    <div className="readonly-notice">
      <p>{text}</p>
      {c.state === 'queued' && (
        <>
          <button
            type="button"
            className="primary"
            onClick={() => void take()}
            disabled={busy || blocked !== null}
            title={blocked ?? t('take.assignToMe')}
          >
            {busy ? t('queue.taking') : t('take.assignToMe')}
          </button>
          {blocked && <span className="take-why">{blocked}</span>}
        </>
      )}
      {canCategorise && onDialog && (
        <button type="button" onClick={() => onDialog('close')}>
          {t('after.action')}
        </button>
      )}
      {canReopen && (
        <button type="button" className="primary" onClick={() => void reopen()} disabled={busy}>
          {t('reopen.action')}
        </button>
      )}
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
