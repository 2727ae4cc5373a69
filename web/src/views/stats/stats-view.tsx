// Statistics for supervisors and admins (issue 6): filters, per-operator
// table, breakdown with chart, categories per channel. Loaded on demand.
import { ReportPage } from '../../components/report-page';
import { useI18n } from '../../i18n';
import { BotCard } from './bot-card';
import { BreakdownCard } from './breakdown-report';
import { CategoriesCard } from './categories-card';
import { FlagsCard } from './flags-card';
import { OperatorsReportCard } from './operators-report';
import '../../styles/reports.css';

export function StatsView() {
  const { t } = useI18n();
  return (
    <ReportPage title={t('reports.title')}>
      {(f) => (
        <>
          <OperatorsReportCard query={f.query} />
          <BreakdownCard query={f.query} />
          <CategoriesCard query={f.query} filterChannelId={f.filters.channelId} />
          <FlagsCard query={f.query} />
          <BotCard query={f.query} />
        </>
      )}
    </ReportPage>
  );
}
