// The bot's statistics (issue 17, docs/metrics.md "Bot"): per channel, how
// many conversations the bot resolved (containment) and handed over, time with
// the bot, and the articles it showed with the share that helped. By day or
// week the figures are also charted (containment, resolved and handed over)
// in the viewer's zone, which the query sends as `tz`.
import { useState } from 'react';
import type { BotArticles, BotReport } from '../../api/reports';
import { CsvLink } from '../../components/csv-link';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import {
  formatPeriod,
  formatSeconds,
  formatShare,
  localDayStart,
  type TimeBucket,
} from '../../lib/report-format';
import { useReportTimeZone } from '../../lib/use-account';
import { useApi } from '../../lib/use-api';
import { ByPicker } from './by-picker';
import { BotCharts } from './care-charts';

type BotBy = 'channel' | 'day' | 'week';
const BYS: readonly BotBy[] = ['channel', 'day', 'week'];

type BotRow = BotReport['rows'][number];
type BotArticleRow = BotArticles['rows'][number];

export function BotCard({ query }: { query: string | null }) {
  const { t, lang } = useI18n();
  const [by, setBy] = useState<BotBy>('channel');
  const tz = useReportTimeZone();
  const full =
    query === null
      ? null
      : `${query}${query ? '&' : ''}${new URLSearchParams({ by, tz }).toString()}`;
  const report = useApi<{ by: BotBy; rows: BotRow[] }>(
    full === null ? null : `/reports/bot?${full}`,
  );
  const articles = useApi<{ rows: BotArticleRow[] }>(
    query === null ? null : `/reports/bot-articles?${query}`,
  );
  const rows = report.data?.by === by ? report.data.rows : [];
  const bucket: TimeBucket | null = by === 'channel' ? null : by;
  const timed = bucket
    ? rows
        .map((r) => ({ ...r, time: localDayStart(r.key, tz) }))
        .filter((r) => Number.isFinite(r.time))
    : [];
  const label = (r: BotRow) => {
    const start = bucket ? localDayStart(r.key, tz) : Number.NaN;
    return bucket && Number.isFinite(start)
      ? formatPeriod(start, bucket, lang, tz)
      : (r.label ?? r.key);
  };
  const top = articles.data?.rows ?? [];
  const error = report.error ?? articles.error;
  return (
    <section className="card wide" aria-labelledby="rep-bot-title" aria-busy={report.loading}>
      <div className="section-head">
        <h2 id="rep-bot-title">{t('botStats.title')}</h2>
        <div className="section-tools">
          <ByPicker label={t('botStats.by')} value={by} options={BYS} onChange={setBy} />
          {full !== null && query !== null && (
            <>
              <CsvLink path="/reports/bot" query={full} label={t('botStats.title')} />
              <CsvLink path="/reports/bot-articles" query={query} label={t('botStats.articles')} />
            </>
          )}
        </div>
      </div>
      {error !== null && (
        <p className="inline-error" role="alert">
          {describeError(t, error).message}
        </p>
      )}
      {bucket && timed.length > 0 && <BotCharts rows={timed} bucket={bucket} timeZone={tz} />}
      <table>
        <thead>
          <tr>
            <th scope="col">{t(`reports.by.${by}`)}</th>
            <th scope="col">{t('botStats.conversations')}</th>
            <th scope="col">{t('botStats.resolved')}</th>
            <th scope="col">{t('botStats.handedOver')}</th>
            <th scope="col">{t('botStats.containment')}</th>
            <th scope="col">{t('botStats.time')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{label(r)}</th>
              <td className="num">{r.conversations}</td>
              <td className="num">{r.resolvedByBot}</td>
              <td className="num">{r.handedOver}</td>
              <td className="num">{formatShare(r.containmentRate, lang)}</td>
              <td className="num">{formatSeconds(r.botTimeAvgS, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.data && rows.length === 0 && <p className="empty">{t('reports.noData')}</p>}
      <h3>{t('botStats.articles')}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('articles.title')}</th>
            <th scope="col">{t('botStats.shown')}</th>
            <th scope="col">{t('botStats.helped')}</th>
            <th scope="col">{t('botStats.helpedRate')}</th>
          </tr>
        </thead>
        <tbody>
          {top.map((a) => (
            <tr key={a.articleId}>
              <th scope="row">{a.title}</th>
              <td className="num">{a.shown}</td>
              <td className="num">{a.helped}</td>
              <td className="num">{formatShare(a.helpedRate, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {articles.data && top.length === 0 && <p className="empty">{t('reports.noData')}</p>}
    </section>
  );
}
