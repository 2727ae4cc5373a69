import { randomUUID } from 'node:crypto';
import { notFound } from '../../errors.js';
import type { ContactRow } from '../../store/schema.js';
import type { ActionContext } from '../context.js';

export interface IdentifyContactInput {
  channelId: string;
  /** The channel's own id for the person: widget visitor id, Telegram user id, e-mail address. */
  externalId: string;
  name?: string | null;
  email?: string | null;
  /** As the channel gave it (the API channel's contact.phone). */
  phone?: string | null;
}

/** Finds the contact behind a channel identity, creating both on first contact. */
export async function identifyContact(
  ctx: ActionContext,
  input: IdentifyContactInput,
): Promise<ContactRow> {
  const channel = await ctx.trx
    .selectFrom('channels')
    .select('id')
    .where('id', '=', input.channelId)
    .where('account_id', '=', ctx.accountId)
    .executeTakeFirst();
  if (!channel) throw notFound('Channel');
  const existing = await findByIdentity(ctx, input);
  if (existing) return updateKnownDetails(ctx, existing, input);
  const contactId = randomUUID();
  await ctx.trx
    .insertInto('contacts')
    .values({
      id: contactId,
      account_id: ctx.accountId,
      name: input.name ?? null,
      email: input.email?.toLowerCase() ?? null,
      phone: input.phone ?? null,
    })
    .execute();
  // Two first messages racing for the same identity: the primary key picks one
  // winner; the loser drops its fresh contact and uses the winner's.
  const inserted = await ctx.trx
    .insertInto('contact_identities')
    .values({
      account_id: ctx.accountId,
      contact_id: contactId,
      channel_id: input.channelId,
      external_id: input.externalId,
    })
    .onConflict((oc) => oc.columns(['channel_id', 'external_id']).doNothing())
    .returning('contact_id')
    .executeTakeFirst();
  if (!inserted) {
    await ctx.trx.deleteFrom('contacts').where('id', '=', contactId).execute();
    return (await findByIdentity(ctx, input))!;
  }
  return ctx.trx
    .selectFrom('contacts')
    .selectAll()
    .where('id', '=', contactId)
    .executeTakeFirstOrThrow();
}

function findByIdentity(ctx: ActionContext, input: IdentifyContactInput) {
  return ctx.trx
    .selectFrom('contact_identities as i')
    .innerJoin('contacts as c', 'c.id', 'i.contact_id')
    .selectAll('c')
    .where('i.channel_id', '=', input.channelId)
    .where('i.external_id', '=', input.externalId)
    .where('i.account_id', '=', ctx.accountId)
    .executeTakeFirst();
}

async function updateKnownDetails(
  ctx: ActionContext,
  contact: ContactRow,
  input: IdentifyContactInput,
): Promise<ContactRow> {
  const name = input.name && !contact.name ? input.name : null;
  const email = input.email && !contact.email ? input.email.toLowerCase() : null;
  const phone = input.phone && !contact.phone ? input.phone : null;
  if (!name && !email && !phone) return contact;
  return ctx.trx
    .updateTable('contacts')
    .set({ ...(name ? { name } : {}), ...(email ? { email } : {}), ...(phone ? { phone } : {}) })
    .where('id', '=', contact.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
