// Flagged conversations (issue 17; GET /reports/flags): how many a client
// message flagged as angry or urgent, and how fast an operator answered after
// the flag, by channel or period. A plain table: the charts are elsewhere.
import { useState } from 'react';
import type { FlagReport } from '../../api/reports';
import { CsvLink } from '../../components/csv-link';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { formatSeconds, formatShare } from '../../lib/report-format';
import { useApi } from '../../lib/use-api';

type FlagsBy = FlagReport['by'];
const BYS: readonly FlagsBy[] = ['channel', 'day', 'week', 'hour'];

type FlagRow = FlagReport['rows'][number];

export function FlagsCard({ query }: { query: string | null }) {
  const { t, lang } = useI18n();
  const [by, setBy] = useState<FlagsBy>('channel');
  const full = query === null ? null : `${query}${query ? '&' : ''}by=${by}`;
  const report = useApi<{ by: FlagsBy; rows: FlagRow[] }>(
    full === null ? null : `/reports/flags?${full}`,
  );
  const rows = report.data?.by === by ? report.data.rows : [];
  return (
    <section className="card wide" aria-labelledby="rep-flags-title" aria-busy={report.loading}>
      <div className="section-head">
        <h2 id="rep-flags-title">{t('flags.title')}</h2>
        <div className="section-tools">
          <label>
            <span>{t('flags.by')}</span>
            <select value={by} onChange={(e) => setBy(e.target.value as FlagsBy)}>
              {BYS.map((b) => (
                <option key={b} value={b}>
                  {t(`reports.by.${b}`)}
                </option>
              ))}
            </select>
          </label>
          {full !== null && <CsvLink path="/reports/flags" query={full} label={t('flags.title')} />}
        </div>
      </div>
      <p className="hint">{t('flags.hint')}</p>
      {report.error !== null && (
        <p className="inline-error" role="alert">
          {describeError(t, report.error).message}
        </p>
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
              <th scope="row">{r.label}</th>
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
