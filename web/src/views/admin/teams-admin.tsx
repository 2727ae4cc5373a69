import { useState } from 'react';
import type { TeamView } from '../../api/types';
import { useI18n } from '../../i18n';
import { useReference } from '../../lib/use-account';
import { TeamForm } from './team-form';

export function TeamsAdmin() {
  const { t } = useI18n();
  const { teams } = useReference();
  const [editing, setEditing] = useState<TeamView | 'new' | null>(null);
  return (
    <section aria-labelledby="admin-title">
      <div className="section-head">
        <h1 id="admin-title">{t('admin.teams')}</h1>
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {t('teams.create')}
        </button>
      </div>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('teams.name')}</th>
            <th scope="col">{t('teams.mode')}</th>
            <th scope="col">{t('teams.languageRouting')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {teams.map((team) => (
            <tr key={team.id}>
              <th scope="row">{team.name}</th>
              <td>{t(`mode.${team.mode}`)}</td>
              <td>
                {team.languageRouting
                  ? t('teams.languageOn', { s: team.languageTimeoutMs / 1000 })
                  : t('common.no')}
              </td>
              <td>
                <button
                  type="button"
                  onClick={() => setEditing(team)}
                  aria-label={t('common.editNamed', { name: team.name })}
                >
                  {t('common.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <TeamForm team={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      )}
    </section>
  );
}
