// The conversations behind a report figure (GET /reports/conversations): the
// client, channel, operator, date and time, wait, first response and outcome,
// each client opening the conversation in the workspace (closed ones read-only
// with their whole history). Durations and dates as every report shows them.
import type { DrillList as DrillBody } from '../../api/reports';
import { useI18n } from '../../i18n';
import { describeError } from '../../lib/errors';
import { DASH, formatDayTime, formatSeconds } from '../../lib/report-format';
import { useApi } from '../../lib/use-api';
import { openConversation } from '../../state/router';

export function DrillList({
  title,
  query,
  timeZone,
}: {
  title: string;
  /** Filters of /reports/conversations (period, ids, rating). */
  query: string;
  timeZone: string;
}) {
  const { t, lang } = useI18n();
  const list = useApi<DrillBody>(`/reports/conversations?${query}`);
  const rows = list.data?.rows ?? [];
  return (
    <div className="drill-list" aria-busy={list.loading}>
      <h3>{title}</h3>
      {list.error !== null && (
        <p className="inline-error" role="alert">
          {describeError(t, list.error).message}
        </p>
      )}
      {list.data && (
        <div className="table-scroll">
          <table className="report-table">
            <thead>
              <tr>
                <th scope="col">{t('drill.client')}</th>
                <th scope="col">{t('drill.channel')}</th>
                <th scope="col">{t('drill.operator')}</th>
                <th scope="col">{t('drill.createdAt')}</th>
                <th scope="col">{t('drill.wait')}</th>
                <th scope="col">{t('drill.firstResponse')}</th>
                <th scope="col">{t('drill.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const name = r.clientName ?? t('drill.anonymous');
                return (
                  <tr key={r.conversationId}>
                    <th scope="row">
                      <a
                        href={`/c/${r.conversationId}`}
                        aria-label={t('drill.open', { name })}
                        onClick={(e) => {
                          e.preventDefault();
                          openConversation(r.conversationId);
                        }}
                      >
                        {name}
                      </a>
                    </th>
                    <td>{r.channelName ?? DASH}</td>
                    <td>{r.operatorName ?? DASH}</td>
                    <td>
                      <time dateTime={r.createdAt}>
                        {formatDayTime(Date.parse(r.createdAt), lang, timeZone)}
                      </time>
                    </td>
                    <td className="num">{formatSeconds(r.waitS, lang)}</td>
                    <td className="num">{formatSeconds(r.firstResponseS, lang)}</td>
                    <td>{t(`drill.outcome.${r.outcome}`)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {list.data && list.data.total > rows.length && (
        <p className="hint">
          {t('reports.firstShown', { shown: rows.length, total: list.data.total })}
        </p>
      )}
    </div>
  );
}

/** The report's query narrowed for a drill-down: extra filters replace the report's own. */
export function drillQuery(query: string, extra: Record<string, string>): string {
  const q = new URLSearchParams(query);
  q.delete('format');
  q.delete('by');
  q.delete('slSeconds');
  q.delete('tz');
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}
