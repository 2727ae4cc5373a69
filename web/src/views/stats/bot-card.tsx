// The bot's statistics (issue 17, docs/metrics.md "Bot"): per channel, how
// many conversations the bot resolved (containment) and handed over, time with
// the bot, and the articles it showed with the share that helped. Tables only:
// the charts are drawn elsewhere.
import type { BotArticles, BotReport } from '../../api/reports';
import { CsvLink } from '../../components/csv-link';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { formatSeconds, formatShare } from '../../lib/report-format';
import { useApi } from '../../lib/use-api';

type BotRow = BotReport['rows'][number];
type BotArticleRow = BotArticles['rows'][number];

export function BotCard({ query }: { query: string | null }) {
  const { t, lang } = useI18n();
  const report = useApi<{ rows: BotRow[] }>(query === null ? null : `/reports/bot?${query}`);
  const articles = useApi<{ rows: BotArticleRow[] }>(
    query === null ? null : `/reports/bot-articles?${query}`,
  );
  const rows = report.data?.rows ?? [];
  const top = articles.data?.rows ?? [];
  const error = report.error ?? articles.error;
  return (
    <section className="card wide" aria-labelledby="rep-bot-title" aria-busy={report.loading}>
      <div className="section-head">
        <h2 id="rep-bot-title">{t('botStats.title')}</h2>
        {query !== null && (
          <div className="section-tools">
            <CsvLink path="/reports/bot" query={query} label={t('botStats.title')} />
            <CsvLink path="/reports/bot-articles" query={query} label={t('botStats.articles')} />
          </div>
        )}
      </div>
      {error !== null && (
        <p className="inline-error" role="alert">
          {describeError(t, error).message}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('reports.channel')}</th>
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
              <th scope="row">{r.label ?? r.key}</th>
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
