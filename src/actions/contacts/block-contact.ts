import { notFound } from '../../errors.js';
import { event } from '../../events/catalog.js';
import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';

/** A blocked contact's new messages are refused; their open conversations stay as they are. */
export async function blockContact(
  ctx: ActionContext,
  input: { contactId: string; blocked: boolean },
) {
  authorize(ctx.actor, 'conversation.work');
  const row = await ctx.trx
    .updateTable('contacts')
    .set({ blocked: input.blocked })
    .where('id', '=', input.contactId)
    .where('account_id', '=', ctx.accountId)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound('Contact');
  ctx.emit(
    event('contact.updated', null, {
      contactId: row.id,
      name: row.name,
      email: row.email,
      blocked: row.blocked,
    }),
  );
  if (ctx.actor.kind === 'operator') {
    await ctx.trx
      .insertInto('audit_log')
      .values({
        account_id: ctx.accountId,
        actor_id: ctx.actor.id,
        action: input.blocked ? 'contact.block' : 'contact.unblock',
        details: JSON.stringify({ contactId: row.id }),
      })
      .execute();
  }
  return row;
}
