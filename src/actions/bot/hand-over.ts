import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors.js';
import { type EventPayloads, event } from '../../events/catalog.js';
import { presentConversation } from '../../presenters.js';
import { contactName } from '../../store/queries/conversations.js';
import type { ActionContext } from '../context.js';
import { assertCategory, lockConversation } from '../load.js';

export interface HandOverInput {
  conversationId: string;
  reason: EventPayloads['conversation.handed_over']['reason'];
  /** For the operator who takes it (the external bot's hand-over note). */
  note?: string | null;
  teamId?: string | null;
  categoryId?: string | null;
}

/**
 * The bot gives the conversation to the queue (docs/bot.md). Only a
 * conversation still in state 'bot' moves (the row lock and the state check
 * make a second hand-over, or one racing a close, a no-op); its wait clock
 * starts now, so queued_at — and with it the wait and first response times —
 * counts from the hand-over, not from the client's first message. The note
 * is kept as a transfer note, as an operator's hand-over keeps theirs.
 */
export async function handOver(ctx: ActionContext, input: HandOverInput) {
  const conv = await lockConversation(ctx, input.conversationId);
  if (conv.state !== 'bot') return null;
  if (input.teamId) {
    const team = await ctx.trx
      .selectFrom('teams')
      .select('id')
      .where('id', '=', input.teamId)
      .where('account_id', '=', ctx.accountId)
      .executeTakeFirst();
    if (!team) throw new AppError('validation_failed', 'Unknown team.', 'teamId');
  }
  if (input.categoryId) await assertCategory(ctx, input.categoryId);
  const row = await ctx.trx
    .updateTable('conversations')
    .set({
      state: 'queued',
      queued_at: ctx.now,
      handed_over_at: ctx.now,
      ...(input.teamId !== undefined ? { team_id: input.teamId } : {}),
      ...(input.categoryId !== undefined ? { category_id: input.categoryId } : {}),
    })
    .where('id', '=', conv.id)
    .returningAll()
    .returning(contactName)
    .executeTakeFirstOrThrow();
  const note = input.note?.trim() || null;
  if (note) {
    await ctx.trx
      .insertInto('transfers')
      .values({
        id: randomUUID(),
        account_id: ctx.accountId,
        conversation_id: row.id,
        by_operator_id: null,
        from_operator_id: null,
        to_operator_id: null,
        to_team_id: row.team_id,
        note,
        created_at: ctx.now,
      })
      .execute();
  }
  const view = presentConversation(row);
  ctx.emit(
    event('conversation.handed_over', row.id, { conversation: view, reason: input.reason, note }),
  );
  ctx.emit(event('conversation.queued', row.id, { conversation: view, position: null }));
  return row;
}
