// Audit scores per operator with pass / fail / n.a. per check (GET /audit/operators).

import { AUDIT_CHECKS } from '../../../../src/domain/audit/types';
import type { CheckCounts, OperatorAudits } from '../../api/reports';
import { CsvLink } from '../../components/csv-link';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { formatShare } from '../../lib/report-format';
import { useApi } from '../../lib/use-api';

export function OperatorScoresCard({ query }: { query: string | null }) {
  const { t, lang } = useI18n();
  const report = useApi<OperatorAudits>(query === null ? null : `/audit/operators?${query}`);
  const rows = report.data?.rows ?? [];
  return (
    <section className="card wide" aria-labelledby="audit-ops-title" aria-busy={report.loading}>
      <div className="section-head">
        <h2 id="audit-ops-title">{t('audit.scores')}</h2>
        {query !== null && (
          <CsvLink path="/audit/operators" query={query} label={t('audit.scores')} />
        )}
      </div>
      {report.error !== null && (
        <p className="inline-error" role="alert">
          {describeError(t, report.error).message}
        </p>
      )}
      <p className="hint">{t('audit.countsLegend')}</p>
      <div className="table-scroll">
        <table className="report-table audit-scores">
          <thead>
            <tr>
              <th scope="col">{t('reports.col.operator')}</th>
              <th scope="col">{t('audit.audited')}</th>
              <th scope="col">{t('audit.score')}</th>
              {AUDIT_CHECKS.map((c) => (
                <th scope="col" key={c}>
                  {t(`audit.check.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.operatorId}>
                <th scope="row">{r.operatorName}</th>
                <td className="num">{r.audited}</td>
                <td className="num">{formatShare(r.score, lang)}</td>
                {AUDIT_CHECKS.map((c) => (
                  <td key={c} className="num">
                    <Counts counts={r.checks[c]} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.data && rows.length === 0 && <p className="empty">{t('audit.none')}</p>}
    </section>
  );
}

/** The pass rate over applicable dialogs, with the three counts beneath. */
function Counts({ counts }: { counts: CheckCounts | undefined }) {
  const { t, lang } = useI18n();
  if (!counts) return <>—</>;
  const applicable = counts.pass + counts.fail;
  return (
    <span className="check-counts">
      <strong>{applicable > 0 ? formatShare(counts.pass / applicable, lang) : '—'}</strong>
      <small>
        <span className="visually-hidden">{t('audit.outcome.pass')} </span>
        <span className="ok">{counts.pass}</span>/
        <span className="visually-hidden">{t('audit.outcome.fail')} </span>
        <span className="bad">{counts.fail}</span>/
        <span className="visually-hidden">{t('audit.outcome.na')} </span>
        <span>{counts.na}</span>
      </small>
    </span>
  );
}
