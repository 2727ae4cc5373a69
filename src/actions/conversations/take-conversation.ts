import { sql } from 'kysely';
import { AppError, notFound } from '../../errors.js';
import { event } from '../../events/catalog.js';
import { presentConversation } from '../../presenters.js';
import { contactName } from '../../store/queries/conversations.js';
import type { ConversationWithContact } from '../../store/schema.js';
import type { ActionContext } from '../context.js';
import { operatorTeamIds } from '../load.js';
import { authorize } from '../policy.js';

/**
 * An operator picks a waiting conversation from a queue they see (in any
 * distribution mode: "Assign to me"), or a
 * supervisor assigns it. Both claims are conditional updates, so under any
 * concurrency exactly one taker wins (invariant 2) and nobody passes their
 * limit (invariant 1): the conversation row is claimed first — a second taker
 * blocks on its row lock and then finds it no longer queued — then the
 * operator's counter is raised only while below the limit.
 */
export async function takeConversation(
  ctx: ActionContext,
  input: { conversationId: string; operatorId: string; by?: 'take' | 'supervisor' | 'router' },
): Promise<ConversationWithContact> {
  const by = input.by ?? 'take';
  if (by === 'supervisor') authorize(ctx.actor, 'conversation.manage');
  else if (ctx.actor.kind !== 'system') {
    authorize(ctx.actor, 'conversation.work');
    if (ctx.actor.kind !== 'operator' || ctx.actor.id !== input.operatorId)
      throw new AppError('forbidden', 'Operators take conversations for themselves.');
  }
  const claimed = await ctx.trx
    .updateTable('conversations')
    .set({
      state: 'assigned',
      operator_id: input.operatorId,
      assigned_at: ctx.now,
      excluded_operator_id: null,
    })
    .where('id', '=', input.conversationId)
    .where('account_id', '=', ctx.accountId)
    .where('state', '=', 'queued')
    .returningAll()
    .returning(contactName)
    .executeTakeFirst();
  if (!claimed) {
    const current = await ctx.trx
      .selectFrom('conversations')
      .select('state')
      .where('id', '=', input.conversationId)
      .where('account_id', '=', ctx.accountId)
      .executeTakeFirst();
    if (!current) throw notFound('Conversation');
    if (current.state === 'closed') throw new AppError('conversation_closed');
    if (current.state === 'assigned') throw new AppError('conversation_already_taken');
    throw new AppError('conversation_not_queued');
  }
  if (by === 'take' && claimed.team_id) {
    const teams = await operatorTeamIds(ctx, input.operatorId);
    if (!teams.includes(claimed.team_id))
      throw new AppError(
        'forbidden',
        "This conversation waits in another team's queue; you can take only from your teams' queues.",
      );
  }
  const operator = await ctx.trx
    .updateTable('operators')
    .set({ open_count: sql`open_count + 1`, last_assigned_at: ctx.now })
    .where('id', '=', input.operatorId)
    .where('account_id', '=', ctx.accountId)
    .where('status', '=', 'online')
    .whereRef('open_count', '<', 'limit')
    .returning(['id', 'name'])
    .executeTakeFirst();
  if (!operator) {
    const op = await ctx.trx
      .selectFrom('operators')
      .select(['status', 'limit'])
      .where('id', '=', input.operatorId)
      .where('account_id', '=', ctx.accountId)
      .executeTakeFirst();
    if (!op) throw notFound('Operator');
    // The taker reads these about themselves: say "you" (issue 15).
    const self = by === 'take';
    if (op.status === 'online')
      throw new AppError(
        'operator_at_limit',
        self
          ? `You are at your limit of ${op.limit} open conversation${op.limit === 1 ? '' : 's'}.`
          : undefined,
      );
    throw new AppError(
      'operator_not_online',
      self ? 'You are not online. Go Online to take conversations.' : undefined,
    );
  }
  ctx.emit(
    event('conversation.assigned', claimed.id, {
      conversation: presentConversation(claimed),
      operatorId: input.operatorId,
      operatorName: operator.name,
      by,
    }),
  );
  return claimed;
}
