// The external bot's deliveries (docs/bot.md): claimed by any node with SKIP
// LOCKED, recorded after each attempt, settled when the bot answers, and
// turned into a hand-over when the bot has not answered by the deadline.
import { type Kysely, type Selectable, sql } from 'kysely';
import { type RetryPolicy, retryDelayMs } from '../../channels/backoff.js';
import type { BotDeliveriesTable, Database } from '../../store/schema.js';
import type { ActionContext } from '../context.js';
import { handOver } from './hand-over.js';

export type BotDeliveryRow = Selectable<BotDeliveriesTable>;

/**
 * Due deliveries, leased for `leaseMs` (a node that dies mid-post lets
 * another take them over). Each comes back once its deadline or retry time
 * arrives: a 'sent' one waits for the bot's answer until its deadline.
 */
export async function claimBotDeliveries(
  db: Kysely<Database>,
  input: { now: Date; limit: number; leaseMs: number },
): Promise<BotDeliveryRow[]> {
  // Every account's: one short statement, as claimDeliveries does for channel deliveries.
  const { rows } = await sql<BotDeliveryRow>`
    UPDATE bot_deliveries d SET next_attempt_at = ${new Date(input.now.getTime() + input.leaseMs)}
    FROM (
      SELECT id FROM bot_deliveries
      WHERE status IN ('pending', 'sent') AND next_attempt_at <= ${input.now}
      ORDER BY next_attempt_at LIMIT ${input.limit}
      FOR UPDATE SKIP LOCKED
    ) due
    WHERE d.id = due.id
    RETURNING d.*`.execute(db);
  return rows;
}

/** After a post: 'sent' waits for the answer until the deadline; a failure is retried before it. */
export async function recordBotAttempt(
  ctx: ActionContext,
  input: {
    delivery: BotDeliveryRow;
    outcome: { ok: true } | { ok: false; error: string };
    policy: RetryPolicy;
  },
) {
  const { delivery, outcome } = input;
  const attempts = delivery.attempts + 1;
  const deadline = new Date(delivery.deadline_at);
  const retryAt = new Date(ctx.now.getTime() + retryDelayMs(input.policy, attempts, ctx.random));
  const next = outcome.ok ? deadline : retryAt < deadline ? retryAt : deadline;
  await ctx.trx
    .updateTable('bot_deliveries')
    .set(
      outcome.ok
        ? { status: 'sent', attempts, next_attempt_at: deadline, last_error: null }
        : {
            attempts,
            next_attempt_at: next,
            last_error: outcome.error.slice(0, 500),
          },
    )
    .where('id', '=', delivery.id)
    .where('status', 'in', ['pending', 'sent'])
    .execute();
  return next;
}

/**
 * The deadline passed without an answer: the bot is slow or broken, and a
 * broken bot must never strand a client — the conversation goes to the queue.
 */
export async function expireBotDelivery(ctx: ActionContext, input: { delivery: BotDeliveryRow }) {
  const { delivery } = input;
  const updated = await ctx.trx
    .updateTable('bot_deliveries')
    .set({ status: 'failed' })
    .where('id', '=', delivery.id)
    .where('status', 'in', ['pending', 'sent'])
    .returning('id')
    .executeTakeFirst();
  if (!updated) return null;
  return handOver(ctx, {
    conversationId: delivery.conversation_id,
    reason: 'bot_failed',
    note: delivery.last_error
      ? `The bot failed: ${delivery.last_error}`
      : 'The bot did not answer in time.',
  });
}

/** The bot acted in the conversation: what waited for it is answered. */
export async function settleBotDeliveries(ctx: ActionContext, conversationId: string) {
  await ctx.trx
    .updateTable('bot_deliveries')
    .set({ status: 'answered' })
    .where('conversation_id', '=', conversationId)
    .where('account_id', '=', ctx.accountId)
    .where('status', 'in', ['pending', 'sent'])
    .execute();
}
