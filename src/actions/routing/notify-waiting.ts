import { chooseNotice, type NoticeOverrides, renderNotice } from '../../domain/notices.js';
import {
  estimateWait,
  type QueuedConversation,
  sortQueue,
  teamKey,
} from '../../domain/routing/index.js';
import {
  effectiveWorkingHours,
  isWithinWorkingHours,
  type WorkingHours,
} from '../../domain/working-hours.js';
import { measuredWaitInputs } from '../../store/queries/queue.js';
import type { ActionContext } from '../context.js';
import { sendMessage } from '../messages/send-message.js';
import { loadRoutingSnapshot } from './routing-snapshot.js';

/**
 * Notices per transaction: each one is a message, so a batch holds its
 * conversations' rows for as long as it writes — kept short, because a router
 * claiming one of them waits for it.
 */
export const NOTICES_PER_PASS = 25;

/**
 * Tells each client still waiting after a routing pass why — queued with their
 * place in line, nobody online, or outside working hours — once per
 * conversation, in the conversation's language (DESIGN §2, last paragraph).
 *
 * Its own action, run by the router after the routing pass commits: notices
 * are messages, slow to write by the hundred, and must not hold the account's
 * routing lock (src/processors/router.ts). The conversations are locked here
 * (SKIP LOCKED: another node's pass takes the others), so a notice is written
 * once and never after the conversation was assigned. Returns how many
 * conversations it looked at: a full batch means there may be more.
 */
export async function notifyWaiting(ctx: ActionContext): Promise<{ looked: number }> {
  const pending = await ctx.trx
    .selectFrom('conversations as c')
    .innerJoin('channels as ch', 'ch.id', 'c.channel_id')
    .leftJoin('teams as t', 't.id', 'c.team_id')
    .select(['c.id', 'c.language', 'ch.settings', 't.working_hours'])
    .where('c.account_id', '=', ctx.accountId)
    .where('c.state', '=', 'queued')
    .where('c.notice_sent_at', 'is', null)
    .orderBy('c.queued_at')
    .limit(NOTICES_PER_PASS)
    .forUpdate('c')
    .skipLocked()
    .execute();
  if (pending.length === 0) return { looked: 0 };
  const snapshot = await loadRoutingSnapshot(ctx);
  const waiting = snapshot.queue;
  const positions = positionsByTeam(waiting);
  const accountHours = snapshot.settings.workingHours as WorkingHours | null;
  // The same measured estimate the operator app and the widget show (GET …/queue).
  const measured = new Map<string, Awaited<ReturnType<typeof measuredWaitInputs>>>();
  const waitInputsOf = async (teamId: string | null) => {
    const key = teamKey(teamId);
    let inputs = measured.get(key);
    if (!inputs) {
      inputs = await measuredWaitInputs(ctx.trx, ctx.accountId, teamId, ctx.now);
      measured.set(key, inputs);
    }
    return inputs;
  };
  for (const conv of pending) {
    const position = positions.get(conv.id) ?? null;
    const q = waiting.find((w) => w.id === conv.id);
    const online = snapshot.operators.filter(
      (o) => !q?.teamId || o.teamIds.includes(q.teamId),
    ).length;
    // A team with hours of its own answers by them; the others by the account's.
    const withinHours = isWithinWorkingHours(
      effectiveWorkingHours(accountHours, conv.working_hours),
      ctx.now.getTime(),
    );
    const kind = chooseNotice({ onlineOperators: online, withinHours, position });
    if (!kind) continue;
    const waitMs =
      position && q
        ? estimateWait({
            position,
            teamId: q.teamId,
            operators: snapshot.operators,
            ...(await waitInputsOf(q.teamId)),
          })
        : null;
    const text = renderNotice(
      kind,
      conv.language ?? 'en',
      {
        ...(position ? { position } : {}),
        ...(waitMs ? { wait: Math.max(1, Math.round(waitMs / 60_000)) } : {}),
      },
      conv.settings.notices as NoticeOverrides | undefined,
    );
    await sendMessage(ctx, { conversationId: conv.id, text });
    await ctx.trx
      .updateTable('conversations')
      .set({ notice_sent_at: ctx.now })
      .where('id', '=', conv.id)
      .execute();
  }
  return { looked: pending.length };
}

function positionsByTeam(waiting: readonly QueuedConversation[]): Map<string, number> {
  const counters = new Map<string, number>();
  const positions = new Map<string, number>();
  for (const c of sortQueue(waiting)) {
    const n = (counters.get(teamKey(c.teamId)) ?? 0) + 1;
    counters.set(teamKey(c.teamId), n);
    positions.set(c.id, n);
  }
  return positions;
}
