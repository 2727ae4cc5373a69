// Conversations per category for one channel (GET /reports/categories-by-channel):
// a bar per category drawn in HTML, so the chart is its own accessible table.
import { useState } from 'react';
import type { CategoriesByChannel } from '../../api/reports';
import { CsvLink } from '../../components/csv-link';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { useReference } from '../../lib/use-account';
import { useApi } from '../../lib/use-api';

export function CategoriesCard({
  query,
  filterChannelId,
}: {
  query: string | null;
  filterChannelId: string;
}) {
  const { t } = useI18n();
  const ref = useReference();
  const [picked, setPicked] = useState('');
  // The channel filter, when set, is the natural first choice.
  const channelId = picked || filterChannelId || ref.channels[0]?.id || '';
  const full = query === null || !channelId ? null : withChannel(query, channelId);
  const report = useApi<CategoriesByChannel>(
    full === null ? null : `/reports/categories-by-channel?${full}`,
  );
  const rows = report.data?.channelId === channelId ? report.data.rows : [];
  const max = Math.max(1, ...rows.map((r) => r.conversations));
  const total = rows.reduce((n, r) => n + r.conversations, 0);
  return (
    <section className="card wide" aria-labelledby="rep-cat-title" aria-busy={report.loading}>
      <div className="section-head">
        <h2 id="rep-cat-title">{t('reports.categories')}</h2>
        <div className="section-tools">
          <label>
            <span>{t('reports.channel')}</span>
            <select value={channelId} onChange={(e) => setPicked(e.target.value)}>
              {ref.channels.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          {full !== null && (
            <CsvLink
              path="/reports/categories-by-channel"
              query={full}
              label={t('reports.categories')}
            />
          )}
        </div>
      </div>
      {report.error !== null && (
        <p className="inline-error" role="alert">
          {describeError(t, report.error).message}
        </p>
      )}
      <table className="bar-table">
        <thead>
          <tr>
            <th scope="col">{t('reports.col.category')}</th>
            <th scope="col">{t('reports.col.conversations')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('reports.col.share')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.categoryId ?? 'none'}>
              <th scope="row">{r.categoryName}</th>
              <td className="num">{r.conversations}</td>
              <td className="bar-cell">
                <span
                  className="hbar"
                  style={{ width: `${(r.conversations / max) * 100}%` }}
                  title={`${r.categoryName}: ${r.conversations}`}
                />
                <span className="visually-hidden">
                  {total > 0 ? `${Math.round((r.conversations / total) * 100)}%` : ''}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.data && rows.length === 0 && <p className="empty">{t('reports.noData')}</p>}
      {!channelId && <p className="empty">{t('reports.noChannels')}</p>}
    </section>
  );
}

function withChannel(query: string, channelId: string): string {
  const q = new URLSearchParams(query);
  q.set('channelId', channelId);
  return q.toString();
}
