// Online / away / offline. Going offline returns open conversations to the
// queue (DESIGN §2), so the server's answer, not the click, sets the state.
import { useState } from 'react';
import { api } from '../api/client';
import type { OperatorStatus, OperatorStatusAnswer, OperatorView } from '../api/types';
import { useI18n } from '../i18n';
import { describeError } from '../lib/errors';
import { updateMe } from '../state/session';
import { toast } from '../state/toasts';

const STATUSES: readonly OperatorStatus[] = ['online', 'away', 'offline'];

export function StatusSwitch({ operator }: { operator: OperatorView }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  async function change(status: OperatorStatus) {
    if (status === operator.status) return;
    setBusy(true);
    try {
      const res = await api.put<OperatorStatusAnswer>(`/operators/${operator.id}/status`, {
        status,
      });
      updateMe(res.operator);
    } catch (error) {
      toast('error', describeError(t, error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <fieldset className="status-switch" aria-busy={busy}>
      <legend className="visually-hidden">{t('status.label')}</legend>
      {STATUSES.map((s) => (
        <label key={s} className={`status-option status-${s}`}>
          <input
            type="radio"
            name="operator-status"
            value={s}
            checked={operator.status === s}
            disabled={busy}
            onChange={() => void change(s)}
          />
          <span>{t(`status.${s}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}
