import { presentDelivery } from '../../channels/present.js';
import type { ActionContext } from '../context.js';
import type { AttemptAnswer } from '../deliveries/record-delivery-attempt.js';
import { authorize } from '../policy.js';
import { audit } from './create-webhook.js';

/**
 * Records the result of "send a test event" (sent by the route, outside any
 * transaction) as a delivery of the webhook, so it shows in the recent
 * deliveries with the receiver's answer. It has no event and is never retried.
 */
export async function recordWebhookTest(
  ctx: ActionContext,
  input: {
    deliveryId: string;
    webhookId: string;
    ok: boolean;
    error: string | null;
    response: AttemptAnswer | null;
  },
) {
  authorize(ctx.actor, 'account.configure');
  const row = await ctx.trx
    .insertInto('deliveries')
    .values({
      id: input.deliveryId,
      account_id: ctx.accountId,
      target: 'webhook',
      webhook_id: input.webhookId,
      event_id: null,
      order_key: 0,
      status: input.ok ? 'sent' : 'dead',
      attempts: 1,
      next_attempt_at: ctx.now,
      last_error: input.error?.slice(0, 1000) ?? null,
      error_kind: input.ok ? null : 'permanent',
      response_status: input.response?.status ?? null,
      response_excerpt: input.response?.excerpt ?? null,
      created_at: ctx.now,
      updated_at: ctx.now,
      sent_at: input.ok ? ctx.now : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(ctx, 'webhook.test', { webhookId: input.webhookId, ok: input.ok });
  return presentDelivery(row);
}
