// Quality audit for supervisors and admins (issue 6, DESIGN §5): scores per
// operator, failing dialogs for coaching, one dialog's detail and review, and
// review samples, and how often reviewers agree with each check. Loaded on
// demand; /audit/<conversation id> opens a detail.
import { useState } from 'react';
import { ReportPage } from '../../components/report-page';
import { useI18n } from '../../i18n';
import { AgreementCard } from './agreement-card';
import { AuditDetailCard } from './audit-detail';
import { FailingCard } from './failing-list';
import { OperatorScoresCard } from './operator-scores';
import { SampleCard } from './sample-card';
import '../../styles/reports.css';
import '../../styles/audit.css';

export function AuditView({ conversationId }: { conversationId: string | null }) {
  const { t } = useI18n();
  // Bumped by each saved review: the agreement figures follow it.
  const [reviews, setReviews] = useState(0);
  return (
    <ReportPage title={t('audit.title')}>
      {(f) => (
        <>
          {conversationId && (
            <AuditDetailCard
              conversationId={conversationId}
              onReviewed={() => setReviews((n) => n + 1)}
            />
          )}
          <div className="audit-columns">
            <div className="audit-main">
              <OperatorScoresCard query={f.query} />
              <FailingCard query={f.query} />
            </div>
            <div className="audit-side">
              <AgreementCard query={f.query} refresh={reviews} />
              <SampleCard query={f.query} current={conversationId} />
            </div>
          </div>
        </>
      )}
    </ReportPage>
  );
}
