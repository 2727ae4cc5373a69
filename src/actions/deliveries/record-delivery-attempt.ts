import { isExhausted, type RetryPolicy, retryDelayMs } from '../../channels/backoff.js';
import type { DeliveryErrorKind, DeliveryRow } from '../../store/schema.js';
import { recordThread } from '../channels/threads.js';
import type { ActionContext } from '../context.js';
import { deliveryEvent } from './delivery-event.js';

/** What the receiver answered (webhooks, the API channel); null when it did not answer. */
export interface AttemptAnswer {
  status: number;
  excerpt: string;
}

export type AttemptOutcome =
  | { ok: true; externalId: string | null; response?: AttemptAnswer | null }
  | {
      ok: false;
      response?: AttemptAnswer | null;
      kind: DeliveryErrorKind;
      error: string;
      retryAfterMs?: number;
      /** Parts that did go out before the failure; the retry starts after them. */
      partsSent?: number;
    };

/**
 * The result of one delivery attempt: sent; failed with a retry scheduled
 * (temporary errors, with back-off); or dead — permanent errors, revoked
 * credentials and exhausted retries go to the dead-letter list an admin can
 * retry. Operators see every change through `delivery.updated`.
 */
export async function recordDeliveryAttempt(
  ctx: ActionContext,
  input: { deliveryId: string; outcome: AttemptOutcome; policy: RetryPolicy },
): Promise<DeliveryRow | null> {
  const current = await ctx.trx
    .selectFrom('deliveries')
    .selectAll()
    .where('id', '=', input.deliveryId)
    .where('account_id', '=', ctx.accountId)
    .forUpdate()
    .executeTakeFirst();
  // Already settled (a slower node's late result, or an admin acted): keep it.
  if (!current || ['sent', 'dead', 'discarded'].includes(current.status)) return null;
  const o = input.outcome;
  const answer = {
    response_status: o.response?.status ?? null,
    response_excerpt: o.response?.excerpt ?? null,
  };
  let patch: Partial<DeliveryRow>;
  if (o.ok) {
    patch = { status: 'sent', sent_at: ctx.now, external_id: o.externalId, last_error: null };
  } else {
    const giveUp = o.kind !== 'temporary' || isExhausted(input.policy, current.attempts);
    const delay = retryDelayMs(input.policy, current.attempts, ctx.random, o.retryAfterMs);
    patch = {
      status: giveUp ? 'dead' : 'failed',
      error_kind: o.kind,
      last_error: o.error.slice(0, 1000),
      parts_sent: Math.max(current.parts_sent, o.partsSent ?? 0),
      next_attempt_at: giveUp ? ctx.now : new Date(ctx.now.getTime() + delay),
    };
  }
  const row = await ctx.trx
    .updateTable('deliveries')
    .set({ ...patch, ...answer, updated_at: ctx.now })
    .where('id', '=', current.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (o.ok && o.externalId && row.target === 'channel' && row.conversation_id) {
    await rememberOutboundId(ctx, row, o.externalId);
  }
  if (row.target === 'channel') {
    ctx.emit(await deliveryEvent(ctx, row));
  }
  return row;
}

/** An e-mail reply's Message-ID joins the thread, so the client's answer to it threads back. */
async function rememberOutboundId(ctx: ActionContext, row: DeliveryRow, externalId: string) {
  const channel = await ctx.trx
    .selectFrom('channels')
    .select('kind')
    .where('id', '=', row.channel_id!)
    .executeTakeFirstOrThrow();
  if (channel.kind !== 'email') return;
  await recordThread(ctx, {
    conversationId: row.conversation_id!,
    channelId: row.channel_id!,
    replyTo: null,
    subject: null,
    messageIds: [externalId],
  });
}
