import { sql } from 'kysely';
import type { ContactRow } from '../../store/schema.js';
import { type IdentifyContactInput, identifyContact } from '../contacts/identify-contact.js';
import type { ActionContext } from '../context.js';

/**
 * One contact across channels: a channel identity seen for the first time that
 * comes with an e-mail address (the From of an e-mail, the e-mail an API
 * provider passes) joins the contact that already has this address — e.g. the
 * one who gave it in the widget's pre-chat form — instead of starting a new
 * one. The oldest such contact wins, so the choice is stable.
 */
export async function identifyChannelContact(
  ctx: ActionContext,
  input: IdentifyContactInput,
): Promise<ContactRow> {
  const known = await ctx.trx
    .selectFrom('contact_identities')
    .select('contact_id')
    .where('channel_id', '=', input.channelId)
    .where('external_id', '=', input.externalId)
    .where('account_id', '=', ctx.accountId)
    .executeTakeFirst();
  const email = input.email?.trim().toLowerCase();
  if (!known && email) {
    const match = await ctx.trx
      .selectFrom('contacts')
      .select('id')
      .where('account_id', '=', ctx.accountId)
      .where(sql<string>`lower(email)`, '=', email)
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (match) {
      // A racing first message for the same identity may have linked it
      // already; the primary key keeps one link and identifyContact reads it.
      await ctx.trx
        .insertInto('contact_identities')
        .values({
          account_id: ctx.accountId,
          contact_id: match.id,
          channel_id: input.channelId,
          external_id: input.externalId,
        })
        .onConflict((oc) => oc.columns(['channel_id', 'external_id']).doNothing())
        .execute();
    }
  }
  return identifyContact(ctx, { ...input, email: email ?? null });
}
