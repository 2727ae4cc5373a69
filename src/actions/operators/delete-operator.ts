import { sql } from 'kysely';
import { AppError } from '../../errors.js';
import { event } from '../../events/catalog.js';
import type { ActionContext } from '../context.js';
import { lockOperator } from '../load.js';
import { authorize } from '../policy.js';

/**
 * Deletes an operator who never worked: an invitation sent to a wrong address,
 * say. Anyone with history — conversations (even one given back to the queue),
 * messages, transfers, audit results or reviews, admin actions — stays,
 * because reports, audits and the audit log name them; deactivation is the
 * way for them (`operator_has_history`).
 */
export async function deleteOperator(ctx: ActionContext, input: { operatorId: string }) {
  authorize(ctx.actor, 'account.configure');
  if (ctx.actor.kind === 'operator' && ctx.actor.id === input.operatorId)
    throw new AppError('conflict', 'You cannot delete yourself.', 'id');
  const operator = await lockOperator(ctx, input.operatorId);
  const id = operator.id;
  const { rows } = await sql<{ history: boolean }>`
    SELECT EXISTS (SELECT 1 FROM conversations WHERE account_id = ${ctx.accountId} AND operator_id = ${id})
        OR EXISTS (SELECT 1 FROM conversation_metrics WHERE account_id = ${ctx.accountId} AND operator_id = ${id})
        OR EXISTS (SELECT 1 FROM messages WHERE account_id = ${ctx.accountId}
                     AND author_kind = 'operator' AND author_id = ${id})
        OR EXISTS (SELECT 1 FROM transfers WHERE account_id = ${ctx.accountId}
                     AND ${id} IN (by_operator_id, from_operator_id, to_operator_id))
        OR EXISTS (SELECT 1 FROM audit_results WHERE account_id = ${ctx.accountId} AND operator_id = ${id})
        OR EXISTS (SELECT 1 FROM audit_reviews WHERE account_id = ${ctx.accountId} AND reviewer_id = ${id})
        OR EXISTS (SELECT 1 FROM audit_log WHERE account_id = ${ctx.accountId} AND actor_id = ${id})
        -- Given a conversation that went back to the queue: only the event log says so.
        -- No index serves this; deleting is rare and the statement timeout bounds it.
        OR EXISTS (SELECT 1 FROM events WHERE account_id = ${ctx.accountId}
                     AND type = 'conversation.assigned' AND route_operator_id = ${id})
      AS history`.execute(ctx.trx);
  if (rows[0]?.history) throw new AppError('operator_has_history', undefined, 'id');
  if (operator.role === 'admin' && operator.active) {
    const admins = await ctx.trx
      .selectFrom('operators')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', ctx.accountId)
      .where('role', '=', 'admin')
      .where('active', '=', true)
      .executeTakeFirstOrThrow();
    if (Number(admins.n) <= 1)
      throw new AppError('conflict', 'The account needs at least one admin.', 'id');
  }
  for (const table of ['team_members', 'sessions', 'api_tokens', 'operator_presence'] as const)
    await ctx.trx.deleteFrom(table).where('operator_id', '=', id).execute();
  await ctx.trx.deleteFrom('operators').where('id', '=', id).execute();
  await ctx.trx
    .insertInto('audit_log')
    .values({
      account_id: ctx.accountId,
      actor_id: ctx.actor.kind === 'operator' ? ctx.actor.id : null,
      action: 'operator.delete',
      details: JSON.stringify({ operatorId: id, email: operator.email, name: operator.name }),
    })
    .execute();
  ctx.emit(event('operator.removed', null, { operatorId: id }));
}
