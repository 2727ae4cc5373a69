import { useState } from 'react';
import type { ChannelView } from '../../api/types';
import { useI18n } from '../../i18n';
import { channelSla } from '../../lib/sla';
import { useReference } from '../../lib/use-account';
import { ChannelForm } from './channel-form';
import { ChannelHealth } from './channel-health';

export function ChannelsAdmin() {
  const { t } = useI18n();
  const { channels, teams } = useReference();
  const [editing, setEditing] = useState<ChannelView | 'new' | null>(null);
  const teamName = new Map(teams.map((x) => [x.id, x.name]));
  const seconds = (ms: number | undefined) => (ms ? `${ms / 1000} s` : '—');
  return (
    <section aria-labelledby="admin-title">
      <div className="section-head">
        <h1 id="admin-title">{t('admin.channels')}</h1>
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {t('channels.create')}
        </button>
      </div>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('channels.name')}</th>
            <th scope="col">{t('channels.kind')}</th>
            <th scope="col">{t('channels.priority')}</th>
            <th scope="col">{t('channels.defaultTeam')}</th>
            <th scope="col">{t('channels.sla')}</th>
            <th scope="col">{t('health.title')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {channels.map((c) => {
            const sla = channelSla(c);
            return (
              <tr key={c.id}>
                <th scope="row">{c.name}</th>
                <td>{t(`channelKind.${c.kind}`)}</td>
                <td>{c.priority}</td>
                <td>{c.defaultTeamId ? (teamName.get(c.defaultTeamId) ?? '?') : '—'}</td>
                <td>
                  {sla?.yellowMs || sla?.redMs
                    ? `${seconds(sla.yellowMs)} / ${seconds(sla.redMs)}`
                    : t('channels.slaInherited')}
                </td>
                <td>
                  <ChannelHealth channel={c} />
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() => setEditing(c)}
                    aria-label={t('common.editNamed', { name: c.name })}
                  >
                    {t('common.edit')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {editing && (
        <ChannelForm channel={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      )}
    </section>
  );
}
