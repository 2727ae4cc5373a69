import { AppError, invalid, notFound } from '../../errors.js';
import { event } from '../../events/catalog.js';
import type { ContactRow } from '../../store/schema.js';
import type { ActionContext } from '../context.js';
import { authorize } from '../policy.js';

export interface MergeContactsInput {
  /** The contact that stays. */
  contactId: string;
  /** The contact folded into it and then removed. */
  mergedContactId: string;
}

/**
 * An operator's judgement that two contacts are one person: identities,
 * conversations and messages of the merged contact move to the kept one, its
 * name and e-mail fill gaps, and a block on either sticks. Refused while both
 * have an open conversation on the same channel (one open conversation per
 * contact and channel) — close one first.
 */
export async function mergeContacts(
  ctx: ActionContext,
  input: MergeContactsInput,
): Promise<ContactRow> {
  authorize(ctx.actor, 'conversation.work');
  if (input.contactId === input.mergedContactId)
    throw invalid('mergedContactId', 'Choose another contact to merge.');
  // Both rows locked in id order, so two opposite merges cannot deadlock.
  const locked = await ctx.trx
    .selectFrom('contacts')
    .selectAll()
    .where('account_id', '=', ctx.accountId)
    .where('id', 'in', [input.contactId, input.mergedContactId])
    .orderBy('id')
    .forUpdate()
    .execute();
  const kept = locked.find((c) => c.id === input.contactId);
  const merged = locked.find((c) => c.id === input.mergedContactId);
  if (!kept) throw notFound('Contact');
  if (!merged) throw new AppError('not_found', 'Contact not found.', 'mergedContactId');

  const open = await ctx.trx
    .selectFrom('conversations')
    .select(['channel_id', 'contact_id'])
    .where('contact_id', 'in', [kept.id, merged.id])
    .where('state', '<>', 'closed')
    .execute();
  const channels = open.filter((c) => c.contact_id === kept.id).map((c) => c.channel_id);
  if (open.some((c) => c.contact_id === merged.id && channels.includes(c.channel_id)))
    throw new AppError(
      'conflict',
      'Both contacts have an open conversation on the same channel; close one first.',
      'mergedContactId',
    );

  await ctx.trx
    .updateTable('contact_identities')
    .set({ contact_id: kept.id })
    .where('contact_id', '=', merged.id)
    .execute();
  await ctx.trx
    .updateTable('conversations')
    .set({ contact_id: kept.id })
    .where('contact_id', '=', merged.id)
    .execute();
  await ctx.trx
    .updateTable('messages')
    .set({ author_id: kept.id })
    .where('account_id', '=', ctx.accountId)
    .where('author_kind', '=', 'contact')
    .where('author_id', '=', merged.id)
    .execute();
  await ctx.trx
    .updateTable('uploads')
    .set({ uploader_id: kept.id })
    .where('account_id', '=', ctx.accountId)
    .where('uploader_kind', '=', 'contact')
    .where('uploader_id', '=', merged.id)
    .execute();
  await ctx.trx.deleteFrom('contacts').where('id', '=', merged.id).execute();
  const row = await ctx.trx
    .updateTable('contacts')
    .set({
      name: kept.name ?? merged.name,
      email: kept.email ?? merged.email,
      blocked: kept.blocked || merged.blocked,
    })
    .where('id', '=', kept.id)
    .returningAll()
    .executeTakeFirstOrThrow();

  ctx.emit(event('contact.merged', null, { contactId: kept.id, mergedContactId: merged.id }));
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
        action: 'contact.merge',
        details: JSON.stringify({ contactId: kept.id, mergedContactId: merged.id }),
      })
      .execute();
  }
  return row;
}
