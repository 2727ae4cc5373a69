// The bot's statistics (issue 17, docs/metrics.md "Bot"): per channel or per
// period, conversations that started in front of a bot, how many it resolved
// (containment), how many it handed over, and how long clients spent with it;
// and the articles it showed most with the share that helped.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';

export interface BotReportFilter {
  accountId: string;
  from: Date;
  to: Date;
  channelId?: string | undefined;
}

export interface BotReportRow {
  key: string;
  label: string | null;
  conversations: number;
  resolved: number;
  handedOver: number;
  /** Closed by the client (or the system) while the bot still had it. */
  leftWithBot: number;
  botTimeAvgMs: number | null;
}

export type BotReportBy = 'channel' | 'day' | 'week';

/** Conversations created in [from, to) that started with a bot, grouped by channel or by local day/week. */
export async function botReport(
  db: Kysely<Database>,
  f: BotReportFilter,
  by: BotReportBy,
  tz: string,
): Promise<BotReportRow[]> {
  const key =
    by === 'channel'
      ? sql`c.channel_id::text`
      : sql`to_char(date_trunc(${by}, c.created_at AT TIME ZONE ${tz}), 'YYYY-MM-DD')`;
  const label = by === 'channel' ? sql`min(ch.name)` : sql`NULL::text`;
  const { rows } = await sql<BotReportRow>`
    SELECT ${key} AS key, ${label} AS label,
      count(*)::int AS conversations,
      count(*) FILTER (WHERE c.closed_by = 'bot')::int AS resolved,
      count(*) FILTER (WHERE c.handed_over_at IS NOT NULL)::int AS "handedOver",
      count(*) FILTER (WHERE c.state = 'closed' AND c.handed_over_at IS NULL
        AND c.closed_by IS DISTINCT FROM 'bot')::int AS "leftWithBot",
      avg(extract(epoch FROM (coalesce(c.handed_over_at, c.closed_at) - c.created_at)) * 1000)
        FILTER (WHERE coalesce(c.handed_over_at, c.closed_at) IS NOT NULL)::float8 AS "botTimeAvgMs"
    FROM conversations c JOIN channels ch ON ch.id = c.channel_id
    WHERE c.account_id = ${f.accountId} AND c.with_bot
      AND c.created_at >= ${f.from} AND c.created_at < ${f.to}
      ${f.channelId ? sql`AND c.channel_id = ${f.channelId}` : sql``}
    GROUP BY 1 ORDER BY 1`.execute(db);
  return rows;
}

export interface BotArticleRow {
  articleId: string;
  title: string;
  shown: number;
  helped: number;
  notHelped: number;
}

/** Articles the bot showed in [from, to), most shown first, with the clients' verdicts. */
export async function botArticles(
  db: Kysely<Database>,
  f: BotReportFilter,
  limit: number,
): Promise<BotArticleRow[]> {
  const { rows } = await sql<BotArticleRow>`
    SELECT s.article_id AS "articleId", a.title,
      count(*)::int AS shown,
      count(*) FILTER (WHERE s.helped)::int AS helped,
      count(*) FILTER (WHERE NOT s.helped)::int AS "notHelped"
    FROM bot_article_shows s JOIN articles a ON a.id = s.article_id
    WHERE s.account_id = ${f.accountId} AND s.shown_at >= ${f.from} AND s.shown_at < ${f.to}
      ${f.channelId ? sql`AND s.channel_id = ${f.channelId}` : sql``}
    GROUP BY s.article_id, a.title
    ORDER BY shown DESC, a.title LIMIT ${limit}`.execute(db);
  return rows;
}
