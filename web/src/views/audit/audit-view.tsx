// Quality audit for supervisors and admins (issue 6, DESIGN §5): scores per
// operator, failing dialogs for coaching, one dialog's detail and review, and
// review samples. Loaded on demand; /audit/<conversation id> opens a detail.
import { useEffect } from 'react';
import { ReportFilterBar } from '../../components/report-filters';
import { useI18n } from '../../i18n';
import { useReportFilters } from '../../lib/use-report-filters';
import { loadReference } from '../../state/reference';
import { AuditDetailCard } from './audit-detail';
import { FailingCard } from './failing-list';
import { OperatorScoresCard } from './operator-scores';
import { SampleCard } from './sample-card';
import '../../styles/reports.css';

export function AuditView({ conversationId }: { conversationId: string | null }) {
  const { t } = useI18n();
  const f = useReportFilters();
  useEffect(() => {
    void loadReference().catch(() => {});
  }, []);
  return (
    <div className="page reports">
      <div className="section-head">
        <h1>{t('audit.title')}</h1>
        <button type="button" onClick={f.refresh}>
          {t('reports.refresh')}
        </button>
      </div>
      <ReportFilterBar value={f.filters} onChange={f.setFilters} invalidRange={f.invalidRange} />
      {conversationId && <AuditDetailCard conversationId={conversationId} />}
      <div className="audit-columns">
        <div className="audit-main">
          <OperatorScoresCard query={f.query} />
          <FailingCard query={f.query} />
        </div>
        <SampleCard query={f.query} current={conversationId} />
      </div>
    </div>
  );
}
