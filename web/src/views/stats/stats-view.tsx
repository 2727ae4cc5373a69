// Statistics for supervisors and admins (issue 6): filters, per-operator
// table, breakdown with chart, categories per channel. Loaded on demand.
import { useEffect } from 'react';
import { ReportFilterBar } from '../../components/report-filters';
import { useI18n } from '../../i18n';
import { useReportFilters } from '../../lib/use-report-filters';
import { loadReference } from '../../state/reference';
import { BreakdownCard } from './breakdown-report';
import { CategoriesCard } from './categories-card';
import { OperatorsReportCard } from './operators-report';
import '../../styles/reports.css';

export function StatsView() {
  const { t } = useI18n();
  const f = useReportFilters();
  useEffect(() => {
    void loadReference().catch(() => {});
  }, []);
  return (
    <div className="page reports">
      <div className="section-head">
        <h1>{t('reports.title')}</h1>
        <button type="button" onClick={f.refresh}>
          {t('reports.refresh')}
        </button>
      </div>
      <ReportFilterBar value={f.filters} onChange={f.setFilters} invalidRange={f.invalidRange} />
      <OperatorsReportCard query={f.query} />
      <BreakdownCard query={f.query} />
      <CategoriesCard query={f.query} filterChannelId={f.filters.channelId} />
    </div>
  );
}
