import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { botSettingsOf } from '../../channels/bot-settings.js';
import { AppError, notFound } from '../../errors.js';
import { event } from '../../events/catalog.js';
import { presentConversation } from '../../presenters.js';
import { contactName } from '../../store/queries/conversations.js';
import type { ConversationsTable, ConversationWithContact } from '../../store/schema.js';
import type { ActionContext } from '../context.js';

export interface StartConversationInput {
  channelId: string;
  contactId: string;
  language?: string | null;
}

/**
 * Opens a conversation for the contact on the channel and puts it in the queue
 * (or, on a channel with a bot, in front of the bot),
 * or returns the one already open (one open conversation per contact and
 * channel, enforced by a unique partial index).
 */
export async function startConversation(
  ctx: ActionContext,
  input: StartConversationInput,
): Promise<{ conversation: ConversationWithContact; created: boolean }> {
  // The channel and the contact in one round trip.
  const channel = await ctx.trx
    .selectFrom('channels as ch')
    .leftJoin('contacts as ct', (join) =>
      join.on('ct.id', '=', input.contactId).on('ct.account_id', '=', ctx.accountId),
    )
    .select(['ch.id', 'ch.priority', 'ch.default_team_id', 'ch.settings'])
    .select(['ct.id as contact_id', 'ct.blocked'])
    .where('ch.id', '=', input.channelId)
    .where('ch.account_id', '=', ctx.accountId)
    .executeTakeFirst();
  const contact =
    channel?.contact_id != null
      ? { id: channel.contact_id, blocked: channel.blocked === true }
      : null;
  if (!channel) throw notFound('Channel');
  if (!contact) throw notFound('Contact');
  if (contact.blocked) throw new AppError('contact_blocked');
  // A channel with a bot in front (docs/bot.md) starts its conversations in
  // state 'bot': the router never sees them until the bot hands over, and the
  // wait clock (queued_at) starts then.
  const withBot = botSettingsOf(channel.settings) !== null;
  const { conversation: inserted, created } = await insertOpenConversation(ctx, {
    channel_id: channel.id,
    contact_id: contact.id,
    team_id: channel.default_team_id,
    state: withBot ? 'bot' : 'queued',
    with_bot: withBot,
    priority: channel.priority,
    language: input.language ?? null,
    created_at: ctx.now,
    queued_at: withBot ? null : ctx.now,
  });
  if (!created) return { conversation: inserted, created: false };
  const view = presentConversation(inserted);
  ctx.emit(event('conversation.created', inserted.id, { conversation: view }));
  if (!withBot)
    ctx.emit(event('conversation.queued', inserted.id, { conversation: view, position: null }));
  return { conversation: inserted, created: true };
}

/**
 * Inserts the contact's conversation on the channel, or returns the one already
 * open there: one open conversation per contact and channel (a unique partial
 * index), so two arrivals at once end in the same conversation.
 */
export async function insertOpenConversation(
  ctx: ActionContext,
  values: Omit<Insertable<ConversationsTable>, 'id' | 'account_id'> & {
    channel_id: string;
    contact_id: string;
  },
): Promise<{ conversation: ConversationWithContact; created: boolean }> {
  const inserted = await ctx.trx
    .insertInto('conversations')
    .values({ id: randomUUID(), account_id: ctx.accountId, ...values })
    .onConflict((oc) =>
      oc.columns(['contact_id', 'channel_id']).where('state', '<>', 'closed').doNothing(),
    )
    .returningAll()
    .returning(contactName)
    .executeTakeFirst();
  if (inserted) return { conversation: inserted, created: true };
  const open = await ctx.trx
    .selectFrom('conversations')
    .selectAll()
    .select(contactName)
    .where('contact_id', '=', values.contact_id)
    .where('channel_id', '=', values.channel_id)
    .where('state', '<>', 'closed')
    .executeTakeFirstOrThrow();
  return { conversation: open, created: false };
}
