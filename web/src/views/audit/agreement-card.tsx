// How often reviewers agree with the automatic audit, per check
// (GET /audit/agreement over the page's filters): the figure a quality lead
// reads before trusting a check without re-reading its dialogs.
import { useEffect } from 'react';
import { AUDIT_CHECKS } from '../../../../src/domain/audit/types';
import type { AuditAgreement } from '../../api/reports';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { formatShare } from '../../lib/report-format';
import { useApi } from '../../lib/use-api';

/** `refresh` changes when a review is saved on the page, so the figures follow at once. */
export function AgreementCard({ query, refresh = 0 }: { query: string | null; refresh?: number }) {
  const { t, lang } = useI18n();
  const report = useApi<AuditAgreement>(query === null ? null : `/audit/agreement?${query}`);
  const { reload } = report;
  useEffect(() => {
    if (refresh > 0) reload();
  }, [refresh, reload]);
  const data = report.data;
  return (
    <section className="card" aria-labelledby="audit-agreement-title" aria-busy={report.loading}>
      <h2 id="audit-agreement-title">{t('audit.agreement')}</h2>
      {report.error !== null && (
        <p className="inline-error" role="alert">
          {describeError(t, report.error).message}
        </p>
      )}
      {data && data.reviewed === 0 && <p className="empty">{t('audit.agreementNone')}</p>}
      {data && data.reviewed > 0 && (
        <>
          <p>
            {t('audit.agreementSummary', {
              reviewed: data.reviewed,
              agreement: data.agreement === null ? '—' : formatShare(data.agreement, lang),
            })}
          </p>
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.check')}</th>
                <th scope="col">{t('audit.agreementShare')}</th>
                <th scope="col">{t('audit.agreementCount')}</th>
              </tr>
            </thead>
            <tbody>
              {AUDIT_CHECKS.map((check) => {
                const c = data.perCheck.find((x) => x.check === check);
                return (
                  <tr key={check}>
                    <th scope="row">{t(`audit.check.${check}`)}</th>
                    <td className="num">
                      {c && c.agreement !== null ? formatShare(c.agreement, lang) : '—'}
                    </td>
                    <td className="num">{c ? `${c.agree}/${c.total}` : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
