// Conversations cut by channel, team, category or time bucket
// (GET /reports/breakdown), as a chart and a table.
import { Fragment, useState } from 'react';
import {
  BREAKDOWNS,
  type BreakdownBy,
  type BreakdownReport,
  isTimeBucket,
} from '../../api/reports';
import { CsvLink } from '../../components/csv-link';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import {
  formatCount,
  formatPeriod,
  formatSeconds,
  formatShare,
  type TimeBucket,
} from '../../lib/report-format';
import { thresholdsFor } from '../../lib/sla';
import { useMe, useReference, useReportTimeZone } from '../../lib/use-account';
import { useApi } from '../../lib/use-api';
import { BreakdownCharts } from './breakdown-chart';
import { ByPicker } from './by-picker';
import { DrillList, drillQuery } from './drill-list';

export function BreakdownCard({ query }: { query: string | null }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const ref = useReference();
  const [by, setBy] = useState<BreakdownBy>('day');
  const [slSeconds, setSlSeconds] = useState('');
  const [opened, setOpened] = useState<string | null>(null);
  const sl = /^\d+$/.test(slSeconds) && Number(slSeconds) > 0 ? slSeconds : null;
  // Buckets are cut in the viewer's zone (`tz`) and labelled there.
  const tz = useReportTimeZone();
  const full = query === null ? null : withParams(query, { by, slSeconds: sl, tz });
  const report = useApi<BreakdownReport>(full === null ? null : `/reports/breakdown?${full}`);
  const rows = report.data?.by === by ? report.data.rows : [];
  const bucket: TimeBucket | null = isTimeBucket(by) ? (by as TimeBucket) : null;
  const labels = rows.map((r) =>
    bucket && r.key ? formatPeriod(Date.parse(r.key), bucket, lang, tz) : r.label,
  );
  // The SLA colours of the filtered channel, else the account's.
  const channelId = query === null ? null : new URLSearchParams(query).get('channelId');
  const sla = thresholdsFor(
    me.account.settings,
    ref.channels.find((c) => c.id === channelId),
  );
  return (
    <section className="card wide" aria-labelledby="rep-bd-title" aria-busy={report.loading}>
      <div className="section-head">
        <h2 id="rep-bd-title">{t('reports.breakdown')}</h2>
        <div className="section-tools">
          <ByPicker label={t('reports.by')} value={by} options={BREAKDOWNS} onChange={setBy} />
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
      {bucket ? (
        rows.length > 0 && (
          <BreakdownCharts
            rows={rows}
            bucket={bucket}
            timeZone={tz}
            thresholdS={report.data?.serviceLevelThresholdS ?? 20}
            sla={sla}
          />
        )
      ) : (
        <p className="hint">{t('chart.categoricalHint')}</p>
      )}
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
            {rows.map((r, k) => {
              const drill =
                query !== null && report.data ? drillFilters(by, r.key, report.data) : null;
              const id = `drill-${by}-${r.key ?? 'none'}`;
              const isOpen = drill !== null && opened === id;
              return (
                <Fragment key={r.key ?? 'none'}>
                  <tr>
                    <th scope="row">{labels[k]}</th>
                    <td className="num">
                      {drill && r.conversations > 0 ? (
                        <button
                          type="button"
                          className="link-button"
                          aria-expanded={isOpen}
                          aria-controls={isOpen ? id : undefined}
                          aria-label={t('reports.showConversations', {
                            n: formatCount(r.conversations, lang),
                            label: labels[k] ?? '',
                          })}
                          onClick={() => setOpened(isOpen ? null : id)}
                        >
                          {formatCount(r.conversations, lang)}
                        </button>
                      ) : (
                        formatCount(r.conversations, lang)
                      )}
                    </td>
                    <td className="num">{formatSeconds(r.waitAvgS, lang)}</td>
                    <td className="num">{formatSeconds(r.waitMedianS, lang)}</td>
                    <td className="num">{formatSeconds(r.firstResponseAvgS, lang)}</td>
                    <td className="num">{formatShare(r.serviceLevel, lang)}</td>
                    <td className="num">{r.answeredWithinThreshold}</td>
                    <td className="num">{r.abandoned}</td>
                    <td className="num">{r.targeted}</td>
                    <td className="num">{r.nonTargeted}</td>
                  </tr>
                  {isOpen && drill && (
                    <tr className="detail-row">
                      <td colSpan={10} id={id}>
                        <DrillList
                          title={t('reports.conversationsOf', { label: labels[k] ?? '' })}
                          query={drillQuery(query ?? '', drill)}
                          timeZone={tz}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
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

const BUCKET_MS = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 } as const;

/**
 * The drill-down filters of one breakdown row: its period for a time bucket
 * (within the report's own period), its channel or team; null where the list
 * cannot be narrowed the same way (categories, "not set").
 */
function drillFilters(
  by: BreakdownBy,
  key: string | null,
  report: BreakdownReport,
): Record<string, string> | null {
  if (key === null) return null;
  if (by === 'channel') return { channelId: key };
  if (by === 'team') return { teamId: key };
  if (by === 'category') return null;
  const start = Math.max(Date.parse(key), Date.parse(report.from));
  const end = Math.min(Date.parse(key) + BUCKET_MS[by], Date.parse(report.to));
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}
