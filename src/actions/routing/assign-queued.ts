import { sql } from 'kysely';
import { type Assignment, languageExpiresAt, planAssignments } from '../../domain/routing/index.js';
import { event } from '../../events/catalog.js';
import { presentConversation } from '../../presenters.js';
import { inOneMessage } from '../../store/one-message.js';
import type { ConversationRow, Database } from '../../store/schema.js';
import type { ActionContext } from '../context.js';
import { lockOperatorsStatement } from '../load.js';
import { lockAndLoadRoutingSnapshot, type SkippedPass } from './routing-snapshot.js';

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
 *
 * A pass run for an event (`trigger`, its seq) that a pass has already seen
 * ends at once ('covered', routing-snapshot.ts): under load, passes of several
 * nodes queue on the lock, and most find their work done by the one before.
 * So does a pass with nothing queued ('idle').
 *
 * Nothing slow runs under the lock: the notices for clients still waiting
 * are written after commit (notify-waiting.ts). `wakeAt` is the earliest time
 * a waiting conversation's language rule expires, when it may go to anyone:
 * the router runs again then.
 */
export async function assignQueued(
  ctx: ActionContext,
  input: { trigger?: number | null } = {},
): Promise<{
  assigned: number;
  waiting: number;
  wakeAt: number | null;
  skipped: SkippedPass | null;
}> {
  const snapshot = await lockAndLoadRoutingSnapshot(ctx, input.trigger ?? null);
  // Another pass (of any node) planned with the trigger in view, or nobody waits.
  if (typeof snapshot === 'string')
    return { assigned: 0, waiting: 0, wakeAt: null, skipped: snapshot };
  const plan = planAssignments({
    queue: snapshot.queue,
    operators: snapshot.operators,
    policyFor: snapshot.policyFor,
    ctx: { now: ctx.now.getTime(), random: ctx.random },
    roundRobin: snapshot.roundRobin,
  });
  const applied = await applyAssignments(
    ctx,
    plan.assignments,
    new Map(snapshot.queue.map((c) => [c.id, c.excludedOperatorId])),
  );
  await saveCursors(ctx, snapshot.roundRobin, plan.roundRobin);
  const assignedIds = new Set(applied.map((a) => a.conversationId));
  const waiting = snapshot.queue.filter((c) => !assignedIds.has(c.id));
  let wakeAt: number | null = null;
  for (const c of waiting) {
    const at = languageExpiresAt(c, snapshot.policyFor(c.teamId), ctx.now.getTime());
    if (at !== null && (wakeAt === null || at < wakeAt)) wakeAt = at;
  }
  return { assigned: applied.length, waiting: waiting.length, wakeAt, skipped: null };
}

async function applyAssignments(
  ctx: ActionContext,
  assignments: Assignment[],
  excludedBefore: ReadonlyMap<string, string | null>,
): Promise<Assignment[]> {
  if (assignments.length === 0) return [];
  const values = sql.join(
    assignments.map((a) => sql`(${a.conversationId}::uuid, ${a.operatorId}::uuid)`),
  );
  // The global lock order (docs/architecture.md): the conversations, by id,
  // then the operators, by id — before the claim, whose UPDATE … FROM would
  // lock them in whatever order its plan visits them (a deadlock against
  // message batches and transfers, which lock in id order). The three go as
  // one message (src/store/one-message.ts): the routing lock is not held
  // across round trips to this node between them.
  type Claimed = ConversationRow & {
    operator_id: string;
    contact_name: string | null;
    operator_name: string;
    raised: boolean;
  };
  const conversationIds = [...new Set(assignments.map((a) => a.conversationId))];
  const claimed = await inOneMessage<Claimed, Database>(ctx.trx, [
    sql`
      SELECT id FROM conversations
      WHERE id IN (${sql.join(conversationIds)}) AND account_id = ${ctx.accountId}
        AND state = 'queued'
      ORDER BY id FOR UPDATE`,
    lockOperatorsStatement(ctx, [...new Set(assignments.map((a) => a.operatorId))]),
    // Claim the conversations still queued, then raise each operator's counter
    // by what they got, only while online and within the limit.
    sql`
      WITH claimed AS (
        UPDATE conversations c
        SET state = 'assigned', operator_id = v.op, assigned_at = ${ctx.now},
            excluded_operator_id = NULL
        FROM (VALUES ${values}) AS v(id, op), contacts ct
        WHERE c.id = v.id AND c.account_id = ${ctx.accountId} AND c.state = 'queued'
          AND ct.id = c.contact_id
        RETURNING c.*, ct.name AS contact_name
      ), raised AS (
        UPDATE operators o SET open_count = o.open_count + p.n, last_assigned_at = ${ctx.now}
        FROM (SELECT operator_id, count(*)::int AS n FROM claimed GROUP BY operator_id) p
        WHERE o.id = p.operator_id AND o.account_id = ${ctx.accountId} AND o.status = 'online'
          AND o.open_count + p.n <= o."limit"
        RETURNING o.id
      )
      SELECT c.*, EXISTS (SELECT 1 FROM raised r WHERE r.id = c.operator_id) AS raised,
        (SELECT o.name FROM operators o WHERE o.id = c.operator_id) AS operator_name
      FROM claimed c`,
  ]);
  const refused = claimed.filter((r) => !r.raised);
  if (refused.length > 0) {
    // The operator went offline or took conversations by hand since the
    // snapshot: those go back to the queue as they were.
    const back = sql.join(
      refused.map((r) => sql`(${r.id}::uuid, ${excludedBefore.get(r.id) ?? null}::uuid)`),
    );
    await sql`
      UPDATE conversations c
      SET state = 'queued', operator_id = NULL, assigned_at = NULL, excluded_operator_id = v.ex
      FROM (VALUES ${back}) AS v(id, ex)
      WHERE c.id = v.id`.execute(ctx.trx);
  }
  const rows = claimed.filter((r) => r.raised);
  for (const { raised: _, operator_name, ...row } of rows) {
    ctx.emit(
      event('conversation.assigned', row.id, {
        conversation: presentConversation(row),
        operatorId: row.operator_id,
        operatorName: operator_name,
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
