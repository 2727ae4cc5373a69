import { randomBytes } from 'node:crypto';
import { presentWebhook, type WebhookView } from '../../channels/present.js';
import { isWebhookEvent, type WebhookEvent } from '../../channels/webhooks/events.js';
import { invalid, notFound } from '../../errors.js';
import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';
import { audit } from './create-webhook.js';

export interface UpdateWebhookInput {
  webhookId: string;
  url?: string;
  events?: WebhookEvent[];
  /** Pausing keeps the place in the event stream; resuming sends what waited. */
  paused?: boolean;
}

/** Changes a webhook's address, events or pause; the secret stays (rotateWebhookSecret changes it). */
export async function updateWebhook(
  ctx: ActionContext,
  input: UpdateWebhookInput,
): Promise<WebhookView> {
  authorize(ctx.actor, 'account.configure');
  if (input.url !== undefined && !/^https?:\/\/[^\s]+$/.test(input.url))
    throw invalid('url', 'An http(s) URL.', { reason: 'invalid_url' });
  const events = input.events ? [...new Set(input.events)] : undefined;
  if (events && (events.length === 0 || !events.every(isWebhookEvent)))
    throw invalid('events', 'Choose at least one supported event.', {
      reason: 'too_few',
      params: { min: 1 },
    });
  const row = await ctx.trx
    .updateTable('webhooks')
    .set({
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(events ? { events } : {}),
      ...(input.paused !== undefined ? { paused: input.paused } : {}),
    })
    .where('id', '=', input.webhookId)
    .where('account_id', '=', ctx.accountId)
    .where('active', '=', true)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound('Webhook');
  await audit(ctx, 'webhook.update', {
    webhookId: row.id,
    ...(input.url !== undefined ? { url: input.url } : {}),
    ...(events ? { events } : {}),
    ...(input.paused !== undefined ? { paused: input.paused } : {}),
  });
  return presentWebhook(row);
}

/**
 * A new signing secret, returned this once. Deliveries from now on — retries
 * of earlier ones included — are signed with it, so the receiver must switch
 * at the same time.
 */
export async function rotateWebhookSecret(
  ctx: ActionContext,
  input: { webhookId: string },
): Promise<{ webhook: WebhookView; secret: string }> {
  authorize(ctx.actor, 'account.configure');
  const secret = newWebhookSigningSecret();
  const row = await ctx.trx
    .updateTable('webhooks')
    .set({ secret })
    .where('id', '=', input.webhookId)
    .where('account_id', '=', ctx.accountId)
    .where('active', '=', true)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound('Webhook');
  await audit(ctx, 'webhook.rotate_secret', { webhookId: row.id });
  return { webhook: presentWebhook(row), secret };
}

export function newWebhookSigningSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}
