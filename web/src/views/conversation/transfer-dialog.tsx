// Transfer to an operator (who must have room, unless a supervisor forces it)
// or back to a team's queue, with a note for the colleague.
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { ConversationView } from '../../api/types';
import { Dialog } from '../../components/dialog';
import { Field, FormError, fieldError } from '../../components/form';
import { useI18n } from '../../i18n';
import { assignableOperators } from '../../lib/assignable';
import { describeError, type ShownError } from '../../lib/errors';
import { useMe, useReference } from '../../lib/use-account';
import { openConversation } from '../../state/router';
import { isSupervisor } from '../../state/session';
import { toast } from '../../state/toasts';

export function TransferDialog({
  conversation,
  onDone,
}: {
  conversation: ConversationView;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const me = useMe();
  const { operators, teams } = useReference();
  const [target, setTarget] = useState<'operator' | 'team'>('operator');
  const [operatorId, setOperatorId] = useState('');
  const [teamId, setTeamId] = useState(conversation.teamId ?? teams[0]?.id ?? '');
  const [note, setNote] = useState('');
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  // Excluding the conversation's operator (a supervisor reassigns someone else's
  // conversation) and deactivated people, who can never take one.
  const others = assignableOperators(operators, [me.operator.id, conversation.operatorId]);
  const reassigning =
    conversation.operatorId !== null && conversation.operatorId !== me.operator.id;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post(`/conversations/${conversation.id}/transfer`, {
        ...(target === 'operator' ? { toOperatorId: operatorId } : { toTeamId: teamId }),
        ...(note.trim() ? { note: note.trim() } : {}),
        ...(force ? { force: true } : {}),
      });
      toast('success', t('transfer.done'));
      onDone();
      openConversation(null);
    } catch (err) {
      setError(describeError(t, err));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('transfer.title')} onClose={onDone}>
      <form onSubmit={submit} className="form">
        <FormError error={error} fields={['toOperatorId', 'toTeamId', 'note', 'force']} />
        <fieldset className="radio-row">
          <legend>{t('transfer.to')}</legend>
          <label>
            <input
              type="radio"
              name="transfer-target"
              checked={target === 'operator'}
              onChange={() => setTarget('operator')}
            />
            {t('transfer.toOperator')}
          </label>
          <label>
            <input
              type="radio"
              name="transfer-target"
              checked={target === 'team'}
              onChange={() => setTarget('team')}
            />
            {t('transfer.toTeam')}
          </label>
        </fieldset>
        {target === 'operator' ? (
          <Field label={t('transfer.operator')} error={fieldError(error, 'toOperatorId')}>
            {(p) => (
              <select
                {...p}
                required
                value={operatorId}
                onChange={(e) => setOperatorId(e.target.value)}
              >
                <option value="">{t('common.choose')}</option>
                {others.map((o) => (
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
            )}
          </Field>
        ) : (
          <Field label={t('transfer.team')} error={fieldError(error, 'toTeamId')}>
            {(p) => (
              <select {...p} required value={teamId} onChange={(e) => setTeamId(e.target.value)}>
                <option value="">{t('common.choose')}</option>
                {teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field
          label={reassigning ? t('assign.reason') : t('transfer.note')}
          error={fieldError(error, 'note')}
        >
          {(p) => (
            <textarea
              {...p}
              rows={3}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
          )}
        </Field>
        {isSupervisor(me) && target === 'operator' && (
          <label className="checkbox">
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
            {t('transfer.force')}
          </label>
        )}
        <div className="form-actions">
          <button type="button" onClick={onDone}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('transfer.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
