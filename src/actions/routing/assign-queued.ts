import { sql } from 'kysely';
import { type Assignment, planAssignments } from '../../domain/routing/index.js';
import { event } from '../../events/catalog.js';
import { presentConversation } from '../../presenters.js';
import type { ConversationRow } from '../../store/schema.js';
import type { ActionContext } from '../context.js';
import { notifyWaiting } from './notify-waiting.js';
import { loadRoutingSnapshot, lockAccountRouting } from './routing-snapshot.js';

/**
 * The router: assigns every queued conversation it can, in queue order, by the
 * pure plan of src/domain/routing. Runs on events (queued, closed, transferred,
 * operator online / limit raised / teams changed) and on a slow safety sweep.
 *
 * Concurrency: routers of one account take an advisory lock, so plans never
 * overlap. Manual takes, status changes and closes do not take that lock; the
 * plan is therefore applied with conditional updates — a conversation only if
 * still queued, an operator only if still online and the new count stays within
 * the limit — and an operator whose update fails gives back what they got.
 * Invariants 1 and 2 hold whatever happens in between; the database CHECKs
 * back them up.
 */
export async function assignQueued(
  ctx: ActionContext,
): Promise<{ assigned: number; waiting: number }> {
  await lockAccountRouting(ctx);
  const snapshot = await loadRoutingSnapshot(ctx);
  const plan = planAssignments({
    queue: snapshot.queue,
    operators: snapshot.operators,
    policyFor: snapshot.policyFor,
    ctx: { now: ctx.now.getTime(), random: ctx.random },
    roundRobin: snapshot.roundRobin,
  });
  const applied = await applyAssignments(ctx, plan.assignments);
  await saveCursors(ctx, snapshot.roundRobin, plan.roundRobin);
  const assignedIds = new Set(applied.map((a) => a.conversationId));
  const waiting = snapshot.queue.filter((c) => !assignedIds.has(c.id));
  await notifyWaiting(ctx, waiting, snapshot);
  return { assigned: applied.length, waiting: waiting.length };
}

async function applyAssignments(
  ctx: ActionContext,
  assignments: Assignment[],
): Promise<Assignment[]> {
  if (assignments.length === 0) return [];
  const values = sql.join(
    assignments.map((a) => sql`(${a.conversationId}::uuid, ${a.operatorId}::uuid)`),
  );
  // The claimed rows come back whole (with the contact's name the view shows):
  // they are the state the events carry, with no second read.
  const claimed = await sql<ConversationRow & { operator_id: string; contact_name: string | null }>`
    UPDATE conversations c SET state = 'assigned', operator_id = v.op, assigned_at = ${ctx.now}, excluded_operator_id = NULL
    FROM (VALUES ${values}) AS v(id, op), contacts ct
    WHERE c.id = v.id AND c.account_id = ${ctx.accountId} AND c.state = 'queued' AND ct.id = c.contact_id
    RETURNING c.*, ct.name AS contact_name`.execute(ctx.trx);
  const perOperator = new Map<string, number>();
  for (const r of claimed.rows)
    perOperator.set(r.operator_id, (perOperator.get(r.operator_id) ?? 0) + 1);
  if (perOperator.size === 0) return [];
  const counts = sql.join([...perOperator].map(([id, n]) => sql`(${id}::uuid, ${n}::int)`));
  const raised = await sql<{ id: string }>`
    UPDATE operators o SET open_count = o.open_count + v.n, last_assigned_at = ${ctx.now}
    FROM (VALUES ${counts}) AS v(id, n)
    WHERE o.id = v.id AND o.status = 'online' AND o.open_count + v.n <= o."limit"
    RETURNING o.id`.execute(ctx.trx);
  const ok = new Set(raised.rows.map((r) => r.id));
  const refused = claimed.rows.filter((r) => !ok.has(r.operator_id)).map((r) => r.id);
  if (refused.length > 0) {
    // The operator went offline or took conversations by hand since the snapshot.
    await ctx.trx
      .updateTable('conversations')
      .set({ state: 'queued', operator_id: null, assigned_at: null })
      .where('id', 'in', refused)
      .execute();
  }
  const rows = claimed.rows.filter((r) => ok.has(r.operator_id));
  for (const row of rows) {
    ctx.emit(
      event('conversation.assigned', 'conversation', row.id, {
        conversation: presentConversation(row),
        operatorId: row.operator_id,
        by: 'router',
      }),
    );
  }
  return rows.map((r) => ({ conversationId: r.id, operatorId: r.operator_id }));
}

async function saveCursors(
  ctx: ActionContext,
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
): Promise<void> {
  const changed = Object.entries(after).filter(([k, v]) => before[k] !== v);
  if (changed.length === 0) return;
  await ctx.trx
    .insertInto('routing_cursors')
    .values(
      changed.map(([team_key, last_operator_id]) => ({
        account_id: ctx.accountId,
        team_key,
        last_operator_id,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['account_id', 'team_key'])
        .doUpdateSet((eb) => ({ last_operator_id: eb.ref('excluded.last_operator_id') })),
    )
    .execute();
}
