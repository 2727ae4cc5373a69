import { useState } from 'react';
import type { OperatorView } from '../../api/types';
import { useI18n } from '../../i18n';
import { useReference } from '../../lib/use-account';
import { OperatorForm } from './operator-form';

export function OperatorsAdmin() {
  const { t } = useI18n();
  const { operators, teams } = useReference();
  const [editing, setEditing] = useState<OperatorView | 'new' | null>(null);
  const teamName = new Map(teams.map((x) => [x.id, x.name]));
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
            <tr key={o.id}>
              <th scope="row">{o.name}</th>
              <td>{o.email}</td>
              <td>{t(`role.${o.role}`)}</td>
              <td>{o.limit}</td>
              <td>{o.languages.join(', ') || '—'}</td>
              <td>{o.teamIds.map((id) => teamName.get(id) ?? '?').join(', ') || '—'}</td>
              <td>
                <button
                  type="button"
                  onClick={() => setEditing(o)}
                  aria-label={t('common.editNamed', { name: o.name })}
                >
                  {t('common.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <OperatorForm
          operator={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
    </section>
  );
}
