import { sql } from 'kysely';
import { AppError, notFound } from '../../errors.js';
import { event } from '../../events/catalog.js';
import type { ActionContext } from '../context.js';

/**
 * The operator has read a conversation up to `seq` (a message sequence
 * number). The position only moves forward and never past the last message,
 * so a late or repeated call from another tab changes nothing. The event
 * reaches the operator's other tabs, which clear their unread badge.
 */
export async function markConversationRead(
  ctx: ActionContext,
  input: { conversationId: string; seq: number },
): Promise<{ conversationId: string; readSeq: number }> {
  if (ctx.actor.kind !== 'operator') throw new AppError('forbidden');
  const operatorId = ctx.actor.id;
  const conv = await ctx.trx
    .selectFrom('conversations')
    .select(['id', 'last_seq'])
    .where('id', '=', input.conversationId)
    .where('account_id', '=', ctx.accountId)
    .executeTakeFirst();
  if (!conv) throw notFound('Conversation');
  const target = Math.min(input.seq, conv.last_seq);
  const before = await ctx.trx
    .selectFrom('conversation_reads')
    .select('read_seq')
    .where('operator_id', '=', operatorId)
    .where('conversation_id', '=', conv.id)
    .executeTakeFirst();
  if (before && before.read_seq >= target)
    return { conversationId: conv.id, readSeq: before.read_seq };
  const row = await ctx.trx
    .insertInto('conversation_reads')
    .values({
      account_id: ctx.accountId,
      operator_id: operatorId,
      conversation_id: conv.id,
      read_seq: target,
      updated_at: ctx.now,
    })
    .onConflict((oc) =>
      oc.columns(['operator_id', 'conversation_id']).doUpdateSet({
        read_seq: sql`greatest(conversation_reads.read_seq, excluded.read_seq)`,
        updated_at: ctx.now,
      }),
    )
    .returning('read_seq')
    .executeTakeFirstOrThrow();
  ctx.emit(
    event(
      'conversation.read',
      conv.id,
      { conversationId: conv.id, operatorId, readSeq: row.read_seq },
      { operatorId, teamId: null },
    ),
  );
  return { conversationId: conv.id, readSeq: row.read_seq };
}
