// Supervisor's live monitor (issue 4 § Supervisor): operators with status and
// load, queues with counts and longest wait, today's service level, and
// assigning or reassigning any conversation.
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { formatShare } from '../../lib/report-format';
import { useMe } from '../../lib/use-account';
import { AssignTable } from './assign-table';
import { OperatorsTable } from './operators-table';
import { QueuesTable } from './queues-table';
import { useMonitor } from './use-monitor';

export function MonitorView() {
  const { t, lang } = useI18n();
  const me = useMe();
  const data = useMonitor();
  const sl = data.monitor?.serviceLevelToday;
  const targetS = Math.round(me.account.settings.serviceLevelTargetMs / 1000);
  return (
    <div className="page monitor">
      <h1>{t('monitor.title')}</h1>
      {data.error !== null && (
        <p className="inline-error" role="alert">
          {t('monitor.unavailable')} {describeError(t, data.error).message}
        </p>
      )}
      <div className="cards">
        <section className="card" aria-labelledby="sl-title">
          <h2 id="sl-title">{t('monitor.serviceLevel')}</h2>
          <p className="big-number">{formatShare(sl?.ratio ?? null, lang)}</p>
          <p className="hint">
            {sl
              ? t('monitor.serviceLevelDetail', { within: sl.within, total: sl.total, s: targetS })
              : t('common.loading')}
          </p>
        </section>
        <QueuesTable queues={data.monitor?.queues ?? []} fetchedAt={data.fetchedAt} />
      </div>
      <OperatorsTable
        operators={data.monitor?.operators ?? null}
        assigned={data.assigned}
        onChanged={data.refresh}
      />
      <AssignTable assigned={data.assigned} onChanged={data.refresh} />
    </div>
  );
}
