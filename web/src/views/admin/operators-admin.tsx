// Operators from invitation to departure: invite, edit, send a password link,
// deactivate and reactivate, delete someone who never worked.
import { useState } from 'react';
import { api } from '../../api/client';
import type { LinkDelivery, OperatorView } from '../../api/types';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { useMe, useReference } from '../../lib/use-account';
import { loadReference } from '../../state/reference';
import { toast } from '../../state/toasts';
import { OperatorForm } from './operator-form';
import { PasswordLinkDialog } from './password-link-dialog';

export function OperatorsAdmin() {
  const { t, lang } = useI18n();
  const me = useMe();
  const { operators, teams } = useReference();
  const [editing, setEditing] = useState<OperatorView | 'new' | null>(null);
  const [shown, setShown] = useState<{ name: string; link: LinkDelivery & { sent: false } } | null>(
    null,
  );
  const teamName = new Map(teams.map((x) => [x.id, x.name]));

  function announce(name: string, delivery: LinkDelivery) {
    if (delivery.sent) toast('success', t('operators.linkSent', { email: delivery.to }));
    else setShown({ name, link: delivery });
  }

  /** Runs a change; the server's refusal (last admin, history…) shows as a toast in my language. */
  async function act(run: () => Promise<unknown>, success?: string) {
    try {
      await run();
      await loadReference().catch(() => {});
      if (success) toast('success', success);
    } catch (err) {
      toast('error', describeError(t, err).message);
    }
  }

  const sendLink = (o: OperatorView) =>
    act(async () =>
      announce(o.name, await api.post<LinkDelivery>(`/operators/${o.id}/password-link`, { lang })),
    );
  const setActive = (o: OperatorView, active: boolean) => {
    if (!active && !window.confirm(t('operators.confirmDeactivate', { name: o.name }))) return;
    void act(
      () => api.patch(`/operators/${o.id}`, { active }),
      t(active ? 'operators.reactivated' : 'operators.deactivated', { name: o.name }),
    );
  };
  const remove = (o: OperatorView) => {
    if (!window.confirm(t('operators.confirmDelete', { name: o.name }))) return;
    void act(() => api.del(`/operators/${o.id}`), t('operators.deleted'));
  };

  const state = (o: OperatorView) =>
    !o.active
      ? t('operators.state.inactive')
      : o.invited
        ? t('operators.state.invited')
        : t('operators.state.active');

  return (
    <section aria-labelledby="admin-title">
      <div className="section-head">
        <h1 id="admin-title">{t('admin.operators')}</h1>
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {t('operators.invite')}
        </button>
      </div>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('operators.name')}</th>
            <th scope="col">{t('operators.email')}</th>
            <th scope="col">{t('operators.role')}</th>
            <th scope="col">{t('operators.state')}</th>
            <th scope="col">{t('operators.limit')}</th>
            <th scope="col">{t('operators.languages')}</th>
            <th scope="col">{t('operators.teams')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {operators.map((o) => (
            <tr key={o.id} className={o.active ? undefined : 'inactive'}>
              <th scope="row">{o.name}</th>
              <td>{o.email}</td>
              <td>{t(`role.${o.role}`)}</td>
              <td>{state(o)}</td>
              <td>{o.limit}</td>
              <td>{o.languages.join(', ') || '—'}</td>
              <td>{o.teamIds.map((id) => teamName.get(id) ?? '?').join(', ') || '—'}</td>
              <td className="row-actions">
                <button
                  type="button"
                  onClick={() => setEditing(o)}
                  aria-label={t('common.editNamed', { name: o.name })}
                >
                  {t('common.edit')}
                </button>
                {o.active && (
                  <button
                    type="button"
                    onClick={() => void sendLink(o)}
                    aria-label={t('operators.sendLinkNamed', { name: o.name })}
                  >
                    {t('operators.sendLink')}
                  </button>
                )}
                {o.id !== me.operator.id && (
                  <button
                    type="button"
                    onClick={() => setActive(o, !o.active)}
                    aria-label={t(
                      o.active ? 'operators.deactivateNamed' : 'operators.reactivateNamed',
                      { name: o.name },
                    )}
                  >
                    {t(o.active ? 'operators.deactivate' : 'operators.reactivate')}
                  </button>
                )}
                {o.id !== me.operator.id && (
                  <button
                    type="button"
                    className="danger-link"
                    onClick={() => remove(o)}
                    aria-label={t('operators.deleteNamed', { name: o.name })}
                  >
                    {t('common.delete')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <OperatorForm
          operator={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
          onInvited={(o) => o.invitation && announce(o.name, o.invitation)}
        />
      )}
      {shown && (
        <PasswordLinkDialog
          name={shown.name}
          delivery={shown.link}
          onClose={() => setShown(null)}
        />
      )}
    </section>
  );
}
