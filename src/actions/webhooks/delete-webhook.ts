import { notFound } from '../../errors.js';
import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';
import { audit } from './create-webhook.js';

/**
 * Unsubscribes: the webhook is deactivated (its delivery log stays readable)
 * and what was still waiting for it is dropped into the dead-letter list.
 */
export async function deleteWebhook(ctx: ActionContext, input: { webhookId: string }) {
  authorize(ctx.actor, 'account.configure');
  const row = await ctx.trx
    .updateTable('webhooks')
    .set({ active: false })
    .where('id', '=', input.webhookId)
    .where('account_id', '=', ctx.accountId)
    .where('active', '=', true)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw notFound('Webhook');
  await ctx.trx
    .updateTable('deliveries')
    .set({
      status: 'dead',
      error_kind: 'permanent',
      last_error: 'webhook deleted',
      updated_at: ctx.now,
    })
    .where('webhook_id', '=', row.id)
    .where('status', 'in', ['pending', 'failed'])
    .execute();
  await audit(ctx, 'webhook.delete', { webhookId: row.id });
  return { id: row.id };
}
