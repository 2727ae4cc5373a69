import { sql } from 'kysely';
import { AppError, invalid } from '../../errors.js';
import { event } from '../../events/catalog.js';
import { presentConversation } from '../../presenters.js';
import type { ChannelKind, ConversationWithContact } from '../../store/schema.js';
import { recordThread } from '../channels/threads.js';
import type { ActionContext } from '../context.js';
import { insertOpenConversation } from './start-conversation.js';

/** Channels where Switchboard can reach the client unasked; a website visitor must come back first. */
export const OUTBOUND_KINDS: readonly ChannelKind[] = ['email', 'telegram', 'api'];

export interface OpenOutboundInput {
  channelId: string;
  contactId: string;
  operatorId: string;
  /** Absent: the channel's default team. */
  teamId?: string | null;
  language?: string | null;
  reopenedFromId?: string | null;
  /** E-mail: the subject, and the Message-IDs the first reply should reference. */
  subject?: string | null;
  messageIds?: string[];
}

export async function openOutbound(
  ctx: ActionContext,
  input: OpenOutboundInput,
): Promise<{ conversation: ConversationWithContact; created: boolean }> {
  // One after another: a transaction's client runs one query at a time anyway
  // (pg deprecates asking it for several at once).
  const channel = await ctx.trx
    .selectFrom('channels')
    .select(['id', 'kind', 'priority', 'default_team_id', 'settings'])
    .where('id', '=', input.channelId)
    .where('account_id', '=', ctx.accountId)
    .executeTakeFirst();
  const contact = await ctx.trx
    .selectFrom('contacts')
    .select(['id', 'blocked', 'email'])
    .where('id', '=', input.contactId)
    .where('account_id', '=', ctx.accountId)
    .executeTakeFirst();
  const identity = await ctx.trx
    .selectFrom('contact_identities')
    .select('external_id')
    .where('contact_id', '=', input.contactId)
    .where('channel_id', '=', input.channelId)
    .where('account_id', '=', ctx.accountId)
    .executeTakeFirst();
  if (!channel) throw invalid('channelId', 'Not found in your account.');
  if (!contact) throw invalid('contactId', 'Not found in your account.');
  if (!OUTBOUND_KINDS.includes(channel.kind))
    throw invalid(
      'channelId',
      'I can write first only on e-mail, Telegram or the API channel; a website visitor has to start the chat.',
    );
  if (channel.kind === 'api' && !channel.settings.outboundUrl)
    throw invalid(
      'channelId',
      'This API channel has no outboundUrl, so nothing can be sent on it.',
    );
  if (contact.blocked) throw new AppError('contact_blocked');
  const replyTo = identity?.external_id ?? (channel.kind === 'email' ? contact.email : null);
  if (!replyTo)
    throw invalid('channelId', 'The contact has no address on this channel to write to.');

  const { conversation: inserted, created } = await insertOpenConversation(ctx, {
    channel_id: channel.id,
    contact_id: contact.id,
    team_id: input.teamId === undefined ? channel.default_team_id : input.teamId,
    operator_id: input.operatorId,
    state: 'assigned',
    priority: channel.priority,
    language: input.language ?? null,
    created_at: ctx.now,
    assigned_at: ctx.now,
    reopened_from_id: input.reopenedFromId ?? null,
  });
  // One open conversation per contact and channel: that one continues.
  if (!created) return { conversation: inserted, created: false };
  // Invariant 1: the operator's slot is claimed only below their limit.
  const operator = await ctx.trx
    .updateTable('operators')
    .set({ open_count: sql`open_count + 1`, last_assigned_at: ctx.now })
    .where('id', '=', input.operatorId)
    .where('account_id', '=', ctx.accountId)
    .whereRef('open_count', '<', 'limit')
    .returning(['limit', 'name'])
    .executeTakeFirst();
  if (!operator) {
    const op = await ctx.trx
      .selectFrom('operators')
      .select('limit')
      .where('id', '=', input.operatorId)
      .executeTakeFirst();
    throw new AppError(
      'operator_at_limit',
      `I am at my limit of ${op?.limit ?? 0} open conversations: close one first.`,
    );
  }
  await recordThread(ctx, {
    conversationId: inserted.id,
    channelId: channel.id,
    replyTo,
    subject: input.subject ?? null,
    messageIds: input.messageIds ?? [],
  });
  const view = presentConversation(inserted);
  ctx.emit(event('conversation.created', inserted.id, { conversation: view }));
  ctx.emit(
    event('conversation.assigned', inserted.id, {
      conversation: view,
      operatorId: input.operatorId,
      operatorName: operator.name,
      by: 'take',
    }),
  );
  return { conversation: inserted, created: true };
}
