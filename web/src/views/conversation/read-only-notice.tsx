// Shown instead of the composer when the conversation is not mine to answer;
// a waiting one can be taken ("Assign to me") in every distribution mode.
import { useState } from 'react';
import type { ConversationView } from '../../api/types';
import { useI18n } from '../../i18n';
import { takeConversation, takeState } from '../../lib/take';
import { useLookups, useMe } from '../../lib/use-account';
import { useStore } from '../../state/store';
import { mine } from '../../state/workspace';

export function ReadOnlyNotice({ conversation: c }: { conversation: ConversationView }) {
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

  let text = t('readonly.other', { name: lookups.operator(c.operatorId)?.name ?? '—' });
  if (c.state === 'closed') text = t('readonly.closed');
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
      {error && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
