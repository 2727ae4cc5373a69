// Per-operator statistics (GET /reports/operators). Likes and dislikes open
// the list of those dialogs; each link opens the conversation in the workspace.
import { Fragment, useState } from 'react';
import type { OperatorReportRow, OperatorsReport } from '../../api/reports';
import { CsvLink } from '../../components/csv-link';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { formatSeconds, formatShare } from '../../lib/report-format';
import { useReportTimeZone } from '../../lib/use-account';
import { useApi } from '../../lib/use-api';
import { DrillList, drillQuery } from './drill-list';

type Open = { operatorId: string; rating: 'like' | 'dislike' } | null;

export function OperatorsReportCard({ query }: { query: string | null }) {
  const { t, lang } = useI18n();
  const tz = useReportTimeZone();
  const report = useApi<OperatorsReport>(query === null ? null : `/reports/operators?${query}`);
  const [open, setOpen] = useState<Open>(null);
  const rows = report.data?.rows ?? [];
  const toggle = (operatorId: string, rating: 'like' | 'dislike') =>
    setOpen((o) =>
      o?.operatorId === operatorId && o.rating === rating ? null : { operatorId, rating },
    );
  return (
    <section className="card wide" aria-labelledby="rep-ops-title" aria-busy={report.loading}>
      <div className="section-head">
        <h2 id="rep-ops-title">{t('reports.operators')}</h2>
        {query !== null && (
          <CsvLink path="/reports/operators" query={query} label={t('reports.operators')} />
        )}
      </div>
      {report.error !== null && (
        <p className="inline-error" role="alert">
          {describeError(t, report.error).message}
        </p>
      )}
      <div className="table-scroll">
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{t('reports.col.operator')}</th>
              <th scope="col">{t('reports.col.conversations')}</th>
              <th scope="col">{t('reports.col.firstResponseAvg')}</th>
              <th scope="col">{t('reports.col.firstResponseMedian')}</th>
              <th scope="col">{t('reports.col.answered')}</th>
              <th scope="col">{t('reports.col.unanswered')}</th>
              <th scope="col">{t('reports.col.reactionAvg')}</th>
              <th scope="col">{t('reports.col.durationAvg')}</th>
              <th scope="col">{t('reports.col.likes')}</th>
              <th scope="col">{t('reports.col.dislikes')}</th>
              <th scope="col">{t('reports.col.targeted')}</th>
              <th scope="col">{t('reports.col.nonTargeted')}</th>
              <th scope="col">{t('reports.col.auditScore')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <Fragment key={r.operatorId}>
                <tr>
                  <th scope="row">{r.operatorName}</th>
                  <td className="num">{r.conversations}</td>
                  <td className="num">{formatSeconds(r.firstResponseAvgS, lang)}</td>
                  <td className="num">{formatSeconds(r.firstResponseMedianS, lang)}</td>
                  <td className="num">{r.answeredClientMessages}</td>
                  <td className="num">{r.unansweredClientMessages}</td>
                  <td className="num">{formatSeconds(r.reactionAvgS, lang)}</td>
                  <td className="num">{formatSeconds(r.durationAvgS, lang)}</td>
                  <td className="num">
                    <RatingToggle row={r} rating="like" open={open} onToggle={toggle} />
                  </td>
                  <td className="num">
                    <RatingToggle row={r} rating="dislike" open={open} onToggle={toggle} />
                  </td>
                  <td className="num">{r.targeted}</td>
                  <td className="num">{r.nonTargeted}</td>
                  <td className="num">{formatShare(r.auditScore, lang)}</td>
                </tr>
                {open?.operatorId === r.operatorId && (
                  <tr className="detail-row">
                    <td colSpan={13} id={`rated-${r.operatorId}-${open.rating}`}>
                      <DrillList
                        title={t(
                          open.rating === 'like' ? 'reports.likedBy' : 'reports.dislikedBy',
                          { name: r.operatorName },
                        )}
                        query={drillQuery(query ?? '', {
                          operatorId: r.operatorId,
                          rating: open.rating,
                        })}
                        timeZone={tz}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      {report.data && rows.length === 0 && <p className="empty">{t('reports.noData')}</p>}
    </section>
  );
}

function RatingToggle({
  row,
  rating,
  open,
  onToggle,
}: {
  row: OperatorReportRow;
  rating: 'like' | 'dislike';
  open: Open;
  onToggle: (operatorId: string, rating: 'like' | 'dislike') => void;
}) {
  const { t } = useI18n();
  const count = rating === 'like' ? row.likes : row.dislikes;
  if (count === 0) return <>0</>;
  const expanded = open?.operatorId === row.operatorId && open.rating === rating;
  return (
    <button
      type="button"
      className="link-button"
      aria-expanded={expanded}
      aria-controls={expanded ? `rated-${row.operatorId}-${rating}` : undefined}
      aria-label={t(rating === 'like' ? 'reports.showLiked' : 'reports.showDisliked', {
        n: count,
        name: row.operatorName,
      })}
      onClick={() => onToggle(row.operatorId, rating)}
    >
      {count}
    </button>
  );
}
