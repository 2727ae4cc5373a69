// Per-conversation report inputs (docs/metrics.md "Reports API"): one row per
// closed conversation in `conversation_metrics`, written in the transaction of
// every action that changes an input of a closed conversation (close, rate,
// re-categorise). Open conversations have no row: reports compute theirs live
// with the same SQL, since their messages still change with every send.
//
// The SQL reproduces src/domain/metrics/definitions.ts exactly (the
// per-conversation functions); test/reports/agreement.test.ts proves it on
// seeded data. Messages are ordered by seq, and only operator messages are
// replies: bot and system messages are left out before anything is counted.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../schema.js';

/** Columns of conversation_metrics, in the order `metricRowsSql` selects them. */
export const METRIC_COLUMNS = [
  'conversation_id',
  'account_id',
  'channel_id',
  'team_id',
  'operator_id',
  'category_id',
  'rating',
  'targeted',
  'created_at',
  'closed_at',
  'first_response_ms',
  'wait_ms',
  'duration_ms',
  'answered',
  'unanswered',
  'reaction_sum_ms',
  'reaction_count',
  'abandoned',
  'sl_decided',
] as const;

const ms = (later: string, earlier: string) =>
  `greatest(0, (extract(epoch FROM ${later}) - extract(epoch FROM ${earlier})) * 1000)::float8`;

/**
 * Metric rows for the conversations `c` matching `where` (a condition on the
 * conversations table aliased `c`).
 *
 * Messages are cut into segments by a running count `k` of operator messages:
 * segment k ≥ 1 starts with the k-th operator message and holds the client
 * messages up to the next one; segment 0 holds the client messages before any
 * operator reply. Then, as in definitions.ts:
 * - first response: the first operator message (segment 1) from queuedAt, or
 *   createdAt when never queued;
 * - answered: client messages in segments before the last (an operator message
 *   follows them); unanswered: those in the last segment;
 * - reaction: for each segment k ≥ 1 with client messages, from its first
 *   client message to the operator message opening segment k + 1;
 * - abandoned: closed by the contact, handed to operators, and no operator reply;
 * - sl_decided: the conversation counts in the service level (closed, and
 *   either answered or handed to operators); within T ⇔ first_response_ms ≤ T.
 */
export function metricRowsSql(where: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    WITH conv AS (
      SELECT c.* FROM conversations c WHERE ${where}
    ),
    ordered AS (
      SELECT m.conversation_id, m.seq, m.author_kind, m.created_at,
        count(*) FILTER (WHERE m.author_kind = 'operator') OVER (
          PARTITION BY m.conversation_id ORDER BY m.seq ROWS UNBOUNDED PRECEDING
        ) AS k
      FROM messages m JOIN conv ON conv.id = m.conversation_id
      WHERE m.author_kind IN ('contact', 'operator')
    ),
    segments AS (
      SELECT conversation_id, k,
        min(created_at) FILTER (WHERE author_kind = 'operator') AS operator_at,
        count(*) FILTER (WHERE author_kind = 'contact') AS contacts,
        (array_agg(created_at ORDER BY seq) FILTER (WHERE author_kind = 'contact'))[1] AS first_contact_at
      FROM ordered GROUP BY conversation_id, k
    ),
    paired AS (
      SELECT s.*,
        lead(operator_at) OVER (PARTITION BY conversation_id ORDER BY k) AS next_operator_at,
        max(k) OVER (PARTITION BY conversation_id) AS last_k
      FROM segments s
    ),
    per_conversation AS (
      SELECT conversation_id,
        min(operator_at) FILTER (WHERE k = 1) AS first_operator_at,
        coalesce(sum(contacts) FILTER (WHERE k < last_k), 0)::int AS answered,
        coalesce(sum(contacts) FILTER (WHERE k = last_k), 0)::int AS unanswered,
        coalesce(sum(${sql.raw(ms('next_operator_at', 'first_contact_at'))})
          FILTER (WHERE k >= 1 AND first_contact_at IS NOT NULL AND next_operator_at IS NOT NULL), 0)::float8
          AS reaction_sum_ms,
        count(*) FILTER (WHERE k >= 1 AND first_contact_at IS NOT NULL AND next_operator_at IS NOT NULL)::int
          AS reaction_count
      FROM paired GROUP BY conversation_id
    )
    SELECT conv.id AS conversation_id, conv.account_id, conv.channel_id, conv.team_id,
      conv.operator_id, conv.category_id, conv.rating, conv.targeted, conv.created_at, conv.closed_at,
      CASE WHEN p.first_operator_at IS NOT NULL
        THEN ${sql.raw(ms('p.first_operator_at', 'coalesce(conv.queued_at, conv.created_at)'))} END
        AS first_response_ms,
      CASE WHEN conv.queued_at IS NOT NULL AND conv.assigned_at IS NOT NULL
        THEN ${sql.raw(ms('conv.assigned_at', 'conv.queued_at'))} END AS wait_ms,
      CASE WHEN conv.closed_at IS NOT NULL
        THEN ${sql.raw(ms('conv.closed_at', 'conv.created_at'))} END AS duration_ms,
      coalesce(p.answered, 0) AS answered,
      coalesce(p.unanswered, 0) AS unanswered,
      coalesce(p.reaction_sum_ms, 0) AS reaction_sum_ms,
      coalesce(p.reaction_count, 0) AS reaction_count,
      (conv.closed_at IS NOT NULL AND conv.closed_by = 'contact'
        AND (conv.queued_at IS NOT NULL OR conv.assigned_at IS NOT NULL)
        AND p.first_operator_at IS NULL) AS abandoned,
      (conv.closed_at IS NOT NULL AND (p.first_operator_at IS NOT NULL
        OR conv.queued_at IS NOT NULL OR conv.assigned_at IS NOT NULL)) AS sl_decided
    FROM conv LEFT JOIN per_conversation p ON p.conversation_id = conv.id`;
}

const columnList = sql.raw(METRIC_COLUMNS.join(', '));
const updateList = sql.raw(
  METRIC_COLUMNS.filter((c) => c !== 'conversation_id')
    .map((c) => `${c} = excluded.${c}`)
    .join(', '),
);

/** Writes (or rewrites) the stored rows of the closed conversations matching `where`. */
export async function storeMetricRows(
  // biome-ignore lint/suspicious/noExplicitAny: also runs inside migration 006, before the schema type knows the table
  db: Kysely<any>,
  where: RawBuilder<unknown>,
): Promise<void> {
  await sql`
    INSERT INTO conversation_metrics (${columnList})
    ${metricRowsSql(sql`(${where}) AND c.state = 'closed'`)}
    ON CONFLICT (conversation_id) DO UPDATE SET ${updateList}`.execute(db);
}

/**
 * Called by every action that changes a report input of a conversation, in its
 * transaction: stores the row once the conversation is closed, rewrites it when
 * a closed one is rated or re-categorised; does nothing while it is open.
 */
export async function refreshConversationMetrics(
  db: Kysely<Database>,
  accountId: string,
  conversationId: string,
): Promise<void> {
  await storeMetricRows(db, sql`c.id = ${conversationId} AND c.account_id = ${accountId}`);
}
