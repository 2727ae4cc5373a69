// An Offline or Away operator is told that no conversations will come, with a
// one-click way back Online.
import { useState } from 'react';
import { api } from '../../api/client';
import type { OperatorStatusAnswer } from '../../api/types';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { useMe } from '../../lib/use-account';
import { updateMe } from '../../state/session';
import { toast } from '../../state/toasts';

export function StatusBanner() {
  const { t } = useI18n();
  const me = useMe();
  const [busy, setBusy] = useState(false);
  const status = me.operator.status;
  if (status === 'online') return null;
  async function goOnline() {
    setBusy(true);
    try {
      const res = await api.put<OperatorStatusAnswer>(`/operators/${me.operator.id}/status`, {
        status: 'online',
      });
      updateMe(res.operator);
    } catch (error) {
      toast('error', describeError(t, error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className={`status-banner status-banner-${status}`} role="status">
      <p>{status === 'away' ? t('banner.away') : t('banner.offline')}</p>
      <button type="button" className="primary" onClick={() => void goOnline()} disabled={busy}>
        {t('banner.goOnline')}
      </button>
    </div>
  );
}
