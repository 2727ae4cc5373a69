// Shown instead of the composer when the conversation is not mine to answer.
import { useState } from 'react';
import { api } from '../../api/client';
import type { ConversationView } from '../../api/types';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { useLookups, useMe } from '../../lib/use-account';

export function ReadOnlyNotice({ conversation: c }: { conversation: ConversationView }) {
  const { t } = useI18n();
  const me = useMe();
  const lookups = useLookups();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const team = lookups.team(c.teamId);
  const manual = (team ? team.mode : me.account.settings.routing.mode) === 'manual';

  async function take() {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/conversations/${c.id}/take`);
    } catch (err) {
      setError(describeError(t, err).message);
    } finally {
      setBusy(false);
    }
  }

  let text = t('readonly.other', { name: lookups.operator(c.operatorId)?.name ?? '—' });
  if (c.state === 'closed') text = t('readonly.closed');
  if (c.state === 'queued') text = t('readonly.queued');
  if (c.state === 'bot') text = t('readonly.bot');
  return (
    <div className="readonly-notice">
      <p>{text}</p>
      {c.state === 'queued' && manual && (
        <button type="button" className="primary" onClick={() => void take()} disabled={busy}>
          {busy ? t('queue.taking') : t('queue.take')}
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
