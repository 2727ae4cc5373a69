// Flagged conversations (issue 17; GET /reports/flags): how many a client
// message flagged as angry or urgent, and how fast an operator answered after
// the flag, by channel or period; by hour, day or week also as charts (flagged
// count, time to answer) over the viewer's zone, which the query sends as `tz`.
import { useState } from 'react';
import type { FlagReport } from '../../api/reports';
import { CsvLink } from '../../components/csv-link';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { formatPeriod, formatSeconds, formatShare, type TimeBucket } from '../../lib/report-format';
import { useReportTimeZone } from '../../lib/use-account';
import { useApi } from '../../lib/use-api';
import { ByPicker } from './by-picker';
import { FlagCharts } from './care-charts';

type FlagsBy = FlagReport['by'];
const BYS: readonly FlagsBy[] = ['channel', 'day', 'week', 'hour'];

type FlagRow = FlagReport['rows'][number];

export function FlagsCard({ query }: { query: string | null }) {
  const { t, lang } = useI18n();
  const [by, setBy] = useState<FlagsBy>('channel');
  const tz = useReportTimeZone();
  const full =
    query === null
      ? null
      : `${query}${query ? '&' : ''}${new URLSearchParams({ by, tz }).toString()}`;
  const report = useApi<{ by: FlagsBy; rows: FlagRow[] }>(
    full === null ? null : `/reports/flags?${full}`,
  );
  const rows = report.data?.by === by ? report.data.rows : [];
  const bucket: TimeBucket | null = by === 'channel' ? null : by;
  const timed = bucket ? rows.filter((r) => r.key !== null) : [];
  const label = (r: FlagRow) =>
    bucket && r.key !== null ? formatPeriod(Date.parse(r.key), bucket, lang, tz) : r.label;
  return (
    <section className="card wide" aria-labelledby="rep-flags-title" aria-busy={report.loading}>
      <div className="section-head">
        <h2 id="rep-flags-title">{t('flags.title')}</h2>
        <div className="section-tools">
          <ByPicker label={t('flags.by')} value={by} options={BYS} onChange={setBy} />
          {full !== null && <CsvLink path="/reports/flags" query={full} label={t('flags.title')} />}
        </div>
      </div>
      <p className="hint">{t('flags.hint')}</p>
      {report.error !== null && (
        <p className="inline-error" role="alert">
          {describeError(t, report.error).message}
        </p>
      )}
      {bucket && timed.length > 0 && (
        <FlagCharts
          rows={timed.map((r) => ({ ...r, time: Date.parse(r.key ?? '') }))}
          bucket={bucket}
          timeZone={tz}
        />
      )}
      <table className="report-table" data-testid="flags-table">
        <thead>
          <tr>
            <th scope="col">{t('flags.group')}</th>
            <th scope="col">{t('flags.conversations')}</th>
            <th scope="col">{t('flags.flagged')}</th>
            <th scope="col">{t('flags.share')}</th>
            <th scope="col">{t('flags.answered')}</th>
            <th scope="col">{t('flags.answerAvg')}</th>
            <th scope="col">{t('flags.answerMedian')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key ?? 'none'}>
              <th scope="row">{label(r)}</th>
              <td className="num">{r.conversations}</td>
              <td className="num">{r.flagged}</td>
              <td className="num">{formatShare(r.flaggedShare, lang)}</td>
              <td className="num">{r.answered}</td>
              <td className="num">{formatSeconds(r.answerAvgS, lang)}</td>
              <td className="num">{formatSeconds(r.answerMedianS, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.data && rows.length === 0 && <p className="empty">{t('flags.empty')}</p>}
    </section>
  );
}
