import { randomUUID } from 'node:crypto';
import { presentWebhook, type WebhookView } from '../../channels/present.js';
import { isWebhookEvent, type WebhookEvent } from '../../channels/webhooks/events.js';
import { invalid } from '../../errors.js';
import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';
import { newWebhookSigningSecret } from './update-webhook.js';

export interface CreateWebhookInput {
  url: string;
  events: WebhookEvent[];
}

/**
 * Subscribes a URL (a CRM) to events. The signing secret is returned this once
 * and never shown again. Delivery starts with the next event: history is not
 * replayed, so subscribing never floods the receiver.
 */
export async function createWebhook(
  ctx: ActionContext,
  input: CreateWebhookInput,
): Promise<{ webhook: WebhookView; secret: string }> {
  authorize(ctx.actor, 'account.configure');
  if (!/^https?:\/\/[^\s]+$/.test(input.url))
    throw invalid('url', 'An http(s) URL.', { reason: 'invalid_url' });
  const events = [...new Set(input.events)];
  if (events.length === 0 || !events.every(isWebhookEvent))
    throw invalid('events', 'Choose at least one supported event.', {
      reason: 'too_few',
      params: { min: 1 },
    });
  const latest = await ctx.trx
    .selectFrom('events')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('account_id', '=', ctx.accountId)
    .executeTakeFirst();
  const secret = newWebhookSigningSecret();
  const row = await ctx.trx
    .insertInto('webhooks')
    .values({
      id: randomUUID(),
      account_id: ctx.accountId,
      url: input.url,
      secret,
      events,
      cursor_event_id: Number(latest?.id ?? 0),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(ctx, 'webhook.create', { webhookId: row.id, url: row.url });
  return { webhook: presentWebhook(row), secret };
}

export async function audit(ctx: ActionContext, action: string, details: Record<string, unknown>) {
  if (ctx.actor.kind !== 'operator') return;
  await ctx.trx
    .insertInto('audit_log')
    .values({
      account_id: ctx.accountId,
      actor_id: ctx.actor.id,
      action,
      details: JSON.stringify(details),
    })
    .execute();
}
