// Quality audit for supervisors and admins (issue 6, DESIGN §5): scores per
// operator, failing dialogs for coaching, one dialog's detail and review, and
// review samples. Loaded on demand; /audit/<conversation id> opens a detail.
import { ReportPage } from '../../components/report-page';
import { useI18n } from '../../i18n';
import { AuditDetailCard } from './audit-detail';
import { FailingCard } from './failing-list';
import { OperatorScoresCard } from './operator-scores';
import { SampleCard } from './sample-card';
import '../../styles/reports.css';

export function AuditView({ conversationId }: { conversationId: string | null }) {
  const { t } = useI18n();
  return (
    <ReportPage title={t('audit.title')}>
      {(f) => (
        <>
          {conversationId && <AuditDetailCard conversationId={conversationId} />}
          <div className="audit-columns">
            <div className="audit-main">
              <OperatorScoresCard query={f.query} />
              <FailingCard query={f.query} />
            </div>
            <SampleCard query={f.query} current={conversationId} />
          </div>
        </>
      )}
    </ReportPage>
  );
}
