// Row loaders shared by actions: every read is scoped to the action's account,
// so a wrong id from another account is simply "not found".
import { sql } from 'kysely';
import { invalid, notFound } from '../errors.js';
import { contactName } from '../store/queries/conversations.js';
import type { ConversationWithContact, OperatorRow } from '../store/schema.js';
import type { ActionContext } from './context.js';

/** Locks the conversation row (SELECT … FOR UPDATE) for the rest of the transaction. */
export async function lockConversation(
  ctx: ActionContext,
  id: string,
): Promise<ConversationWithContact> {
  const row = await ctx.trx
    .selectFrom('conversations')
    .selectAll()
    .select(contactName)
    .where('id', '=', id)
    .where('account_id', '=', ctx.accountId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('Conversation');
  return row;
}

/** Locks the operator row; claims and limit changes serialise on it. */
export async function lockOperator(ctx: ActionContext, id: string): Promise<OperatorRow> {
  const row = await ctx.trx
    .selectFrom('operators')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', ctx.accountId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound('Operator');
  return row;
}

/**
 * Locks several operator rows in id order (the global lock order,
 * docs/architecture.md), so two writers that each need two operators cannot
 * deadlock. Ids of other accounts are simply not locked.
 */
export async function lockOperators(ctx: ActionContext, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await lockOperatorsStatement(ctx, ids).execute(ctx.trx);
}

/** lockOperators as a statement, to send with others (src/store/one-message.ts); `ids` not empty. */
export function lockOperatorsStatement(ctx: ActionContext, ids: readonly string[]) {
  return sql`
    SELECT id FROM operators
    WHERE id IN (${sql.join([...ids])}) AND account_id = ${ctx.accountId}
    ORDER BY id FOR UPDATE`;
}

export async function operatorTeamIds(ctx: ActionContext, operatorId: string): Promise<string[]> {
  const rows = await ctx.trx
    .selectFrom('team_members')
    .select('team_id')
    .where('operator_id', '=', operatorId)
    .execute();
  return rows.map((r) => r.team_id);
}

/** Refuses a category id that is not one of the account's (the error names `field`). */
export async function assertCategory(
  ctx: ActionContext,
  categoryId: string,
  field = 'categoryId',
): Promise<void> {
  const category = await ctx.trx
    .selectFrom('categories')
    .select('id')
    .where('id', '=', categoryId)
    .where('account_id', '=', ctx.accountId)
    .executeTakeFirst();
  if (!category) throw invalid(field, 'Unknown category.');
}
