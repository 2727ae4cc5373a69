import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { AppError, invalid, notFound } from '../../errors.js';
import { event } from '../../events/catalog.js';
import { presentConversation } from '../../presenters.js';
import { contactName } from '../../store/queries/conversations.js';
import type { ActionContext } from '../context.js';
import { lockConversation, lockOperators } from '../load.js';
import { can } from '../policy.js';

export interface TransferInput {
  conversationId: string;
  toOperatorId?: string | null;
  toTeamId?: string | null;
  note?: string | null;
  /** Supervisors may hand a conversation to an operator at their limit; it is logged. */
  force?: boolean;
}

/**
 * Hands a conversation to another operator (who must have room unless a
 * supervisor forces it) or back to a team's queue, where it keeps its original
 * queued_at and so its place in line. The operator who passed it on is not
 * offered it again at once (DESIGN §2 eligibility).
 */
export async function transferConversation(ctx: ActionContext, input: TransferInput) {
  if (!input.toOperatorId === !input.toTeamId)
    throw invalid('toOperatorId', 'Choose either an operator or a team.');
  const conv = await lockConversation(ctx, input.conversationId);
  if (conv.state === 'closed') throw new AppError('conversation_closed');
  const actor = ctx.actor;
  const supervisor = can(actor, 'conversation.manage');
  if (
    actor.kind === 'contact' ||
    (actor.kind === 'operator' && actor.id !== conv.operator_id && !supervisor)
  )
    throw new AppError(
      'forbidden',
      'Only the assigned operator or a supervisor can transfer this.',
    );
  if (input.force && !supervisor)
    throw new AppError('forbidden', 'Only supervisors can force a transfer.');
  const from = conv.state === 'assigned' ? conv.operator_id : null;
  if (input.toOperatorId && input.toOperatorId === from)
    throw invalid('toOperatorId', 'The conversation is already with this operator.');

  // Both operators, in id order: a transfer the other way round cannot deadlock with this one.
  await lockOperators(
    ctx,
    [input.toOperatorId, from].filter((id): id is string => !!id),
  );
  if (input.toOperatorId) {
    const raised = await ctx.trx
      .updateTable('operators')
      .set({ open_count: sql`open_count + 1`, last_assigned_at: ctx.now })
      .where('id', '=', input.toOperatorId)
      .where('account_id', '=', ctx.accountId)
      .where('status', '=', 'online')
      .$if(!input.force, (q) => q.whereRef('open_count', '<', 'limit'))
      .returning('id')
      .executeTakeFirst();
    if (!raised) {
      const op = await ctx.trx
        .selectFrom('operators')
        .select('status')
        .where('id', '=', input.toOperatorId)
        .where('account_id', '=', ctx.accountId)
        .executeTakeFirst();
      if (!op) throw invalid('toOperatorId', 'Unknown operator.');
      throw new AppError(
        op.status === 'online' ? 'operator_at_limit' : 'operator_not_online',
        undefined,
        'toOperatorId',
      );
    }
  } else {
    const team = await ctx.trx
      .selectFrom('teams')
      .select('id')
      .where('id', '=', input.toTeamId!)
      .where('account_id', '=', ctx.accountId)
      .executeTakeFirst();
    if (!team) throw notFound('Team');
  }
  if (from) {
    await ctx.trx
      .updateTable('operators')
      .set({ open_count: sql`greatest(open_count - 1, 0)` })
      .where('id', '=', from)
      .execute();
  }
  const row = await ctx.trx
    .updateTable('conversations')
    .set(
      input.toOperatorId
        ? {
            state: 'assigned',
            operator_id: input.toOperatorId,
            assigned_at: conv.assigned_at ?? ctx.now,
          }
        : {
            state: 'queued',
            operator_id: null,
            assigned_at: null,
            team_id: input.toTeamId!,
            excluded_operator_id: from,
          },
    )
    .where('id', '=', conv.id)
    .returningAll()
    .returning(contactName)
    .executeTakeFirstOrThrow();
  const view = presentConversation(row);
  const note = input.note?.trim() || null;
  // Kept for the conversation's history: the next operator reads why it came to
  // them. Operators only — the visitor's projection of the event drops the note.
  await ctx.trx
    .insertInto('transfers')
    .values({
      id: randomUUID(),
      account_id: ctx.accountId,
      conversation_id: row.id,
      by_operator_id: actor.kind === 'operator' ? actor.id : null,
      from_operator_id: from,
      to_operator_id: input.toOperatorId ?? null,
      to_team_id: input.toTeamId ?? null,
      note,
      created_at: ctx.now,
    })
    .execute();
  ctx.emit(
    event('conversation.transferred', row.id, {
      conversation: view,
      fromOperatorId: from,
      toOperatorId: input.toOperatorId ?? null,
      toTeamId: input.toTeamId ?? null,
      note,
      byOperatorId: actor.kind === 'operator' ? actor.id : null,
    }),
  );
  if (!input.toOperatorId)
    ctx.emit(event('conversation.queued', row.id, { conversation: view, position: null }));
  if (input.force && actor.kind === 'operator') {
    await ctx.trx
      .insertInto('audit_log')
      .values({
        account_id: ctx.accountId,
        actor_id: actor.id,
        action: 'conversation.force_transfer',
        details: JSON.stringify({ conversationId: row.id, toOperatorId: input.toOperatorId }),
      })
      .execute();
  }
  return row;
}
