import type { QueueStat } from '../../api/types';
import { WaitTimer } from '../../components/wait-timer';
import { useI18n } from '../../i18n';
import { useLookups, useMe } from '../../lib/use-account';
import { useNow } from '../../state/ticker';

export function QueuesTable({ queues, fetchedAt }: { queues: QueueStat[]; fetchedAt: number }) {
  const { t } = useI18n();
  const lookups = useLookups();
  const me = useMe();
  const now = useNow();
  return (
    <section className="card wide" aria-labelledby="queues-title">
      <h2 id="queues-title">{t('monitor.queues')}</h2>
      {queues.length === 0 ? (
        <p className="empty">{t('queue.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('monitor.team')}</th>
              <th scope="col">{t('monitor.waiting')}</th>
              <th scope="col">{t('monitor.longestWait')}</th>
            </tr>
          </thead>
          <tbody>
            {queues.map((q) => (
              <tr key={q.teamId ?? 'none'}>
                <th scope="row">{lookups.team(q.teamId)?.name ?? t('monitor.noTeam')}</th>
                <td>{q.waiting}</td>
                <td>
                  {q.waiting > 0 ? (
                    <WaitTimer
                      since={fetchedAt - q.longestWaitMs}
                      now={Math.max(now, fetchedAt)}
                      thresholds={me.account.settings.sla}
                      label={t('monitor.longestWait')}
                    />
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
