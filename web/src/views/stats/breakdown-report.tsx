// Conversations cut by channel, team, category or time bucket
// (GET /reports/breakdown), as a chart and a table.
import { useState } from 'react';
import {
  BREAKDOWNS,
  type BreakdownBy,
  type BreakdownReport,
  isTimeBucket,
} from '../../api/reports';
import { CsvLink } from '../../components/csv-link';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { formatSeconds, formatShare } from '../../lib/report-format';
import { useMe } from '../../lib/use-account';
import { useApi } from '../../lib/use-api';
import { BreakdownChart } from './breakdown-chart';

export function BreakdownCard({ query }: { query: string | null }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const [by, setBy] = useState<BreakdownBy>('day');
  const [slSeconds, setSlSeconds] = useState('');
  const sl = /^\d+$/.test(slSeconds) && Number(slSeconds) > 0 ? slSeconds : null;
  const full = query === null ? null : withParams(query, { by, slSeconds: sl });
  const report = useApi<BreakdownReport>(full === null ? null : `/reports/breakdown?${full}`);
  const rows = report.data?.by === by ? report.data.rows : [];
  // Buckets are cut in the account's zone unless `tz` says otherwise, so show them there.
  const tz = me.account.settings.workingHours?.timezone ?? 'UTC';
  const labels = rows.map((r) =>
    isTimeBucket(by) && r.key ? bucketLabel(r.key, by, lang, tz) : r.label,
  );
  return (
    <section className="card wide" aria-labelledby="rep-bd-title" aria-busy={report.loading}>
      <div className="section-head">
        <h2 id="rep-bd-title">{t('reports.breakdown')}</h2>
        <div className="section-tools">
          <label>
            <span>{t('reports.by')}</span>
            <select value={by} onChange={(e) => setBy(e.target.value as BreakdownBy)}>
              {BREAKDOWNS.map((b) => (
                <option key={b} value={b}>
                  {t(`reports.by.${b}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('reports.slSeconds')}</span>
            <input
              className="compact number"
              type="number"
              min={1}
              value={slSeconds}
              placeholder={String(report.data?.serviceLevelThresholdS ?? '')}
              onChange={(e) => setSlSeconds(e.target.value)}
            />
          </label>
          {full !== null && (
            <CsvLink path="/reports/breakdown" query={full} label={t('reports.breakdown')} />
          )}
        </div>
      </div>
      {report.error !== null && (
        <p className="inline-error" role="alert">
          {describeError(t, report.error).message}
        </p>
      )}
      {report.data && (
        <p className="hint">
          {t('reports.slExplained', { s: report.data.serviceLevelThresholdS })}
        </p>
      )}
      <BreakdownChart rows={rows} labels={labels} />
      <div className="table-scroll">
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{t(`reports.by.${by}`)}</th>
              <th scope="col">{t('reports.col.conversations')}</th>
              <th scope="col">{t('reports.col.waitAvg')}</th>
              <th scope="col">{t('reports.col.waitMedian')}</th>
              <th scope="col">{t('reports.col.firstResponseAvg')}</th>
              <th scope="col">{t('reports.col.serviceLevel')}</th>
              <th scope="col">{t('reports.col.withinThreshold')}</th>
              <th scope="col">{t('reports.col.abandoned')}</th>
              <th scope="col">{t('reports.col.targeted')}</th>
              <th scope="col">{t('reports.col.nonTargeted')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, k) => (
              <tr key={r.key ?? 'none'}>
                <th scope="row">{labels[k]}</th>
                <td className="num">{r.conversations}</td>
                <td className="num">{formatSeconds(r.waitAvgS)}</td>
                <td className="num">{formatSeconds(r.waitMedianS)}</td>
                <td className="num">{formatSeconds(r.firstResponseAvgS)}</td>
                <td className="num">{formatShare(r.serviceLevel)}</td>
                <td className="num">{r.answeredWithinThreshold}</td>
                <td className="num">{r.abandoned}</td>
                <td className="num">{r.targeted}</td>
                <td className="num">{r.nonTargeted}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.data && rows.length === 0 && <p className="empty">{t('reports.noData')}</p>}
    </section>
  );
}

function withParams(query: string, extra: Record<string, string | null>): string {
  const q = new URLSearchParams(query);
  for (const [k, v] of Object.entries(extra)) if (v !== null) q.set(k, v);
  return q.toString();
}

/** A bucket start in the zone the server cut it in: date and hour, date, or the week's first day. */
export function bucketLabel(iso: string, by: BreakdownBy, lang: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions =
    by === 'hour'
      ? { timeZone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }
      : { timeZone, month: 'short', day: 'numeric' };
  try {
    return date.toLocaleString(lang, opts);
  } catch {
    // An unknown zone name: fall back to UTC rather than fail the page.
    return date.toLocaleString(lang, { ...opts, timeZone: 'UTC' });
  }
}
