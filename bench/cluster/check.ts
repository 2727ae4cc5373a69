// What the clients received, compared with the events and messages tables
// (docs/benchmarks.md § Cluster defines each count). Entitlement is the
// gateway's own rule (src/realtime/visibility.ts): an operator gets what
// operatorSees allows (never `supervisors` events), a supervisor every event of
// the account, a visitor the public events of their own conversations.
import { type Kysely, sql } from 'kysely';
import type { StoredEvent } from '../../src/events/catalog.js';
import { forVisitor, operatorSees } from '../../src/realtime/visibility.js';
import { eventsAfter } from '../../src/store/queries/events.js';
import type { Database } from '../../src/store/schema.js';
import type { Fixture } from './fixture.js';
import type { LoadResult } from './load.js';

export interface Counts {
  missed_events: number;
  duplicate_events: number;
  out_of_order: number;
  lost_messages: number;
  duplicate_messages: number;
  double_assigned: number;
  over_limit: number;
  stuck: number;
  /** Events received that the client was not entitled to (a leak). */
  unexpected_events: number;
  /** Σ over clients of the events each was entitled to. */
  entitled_events: number;
  events: number;
  messages: number;
  resyncs: number;
}

export async function check(
  db: Kysely<Database>,
  fixture: Fixture,
  load: LoadResult,
): Promise<Counts> {
  // Bounds are event ids (each socket's `ready.lastEventId`): within an account
  // id order is seq order, so the window is the same either way.
  const events = (
    await eventsAfter(db, fixture.accountId, {
      after: { id: 0 },
      upToSeq: Number.MAX_SAFE_INTEGER,
      limit: Number.MAX_SAFE_INTEGER,
      visitor: null,
    })
  ).filter((e) => e.id <= load.finalBound);
  const conversations = await db
    .selectFrom('conversations')
    .select(['id', 'contact_id', 'channel_id', 'state'])
    .where('account_id', '=', fixture.accountId)
    .execute();
  const byConversation = new Map<string, StoredEvent[]>();
  for (const e of events)
    if (e.conversationId)
      byConversation.set(e.conversationId, [...(byConversation.get(e.conversationId) ?? []), e]);

  let missed = 0;
  let duplicates = 0;
  let outOfOrder = 0;
  let unexpected = 0;
  let entitledTotal = 0;
  let resyncs = 0;
  for (const c of load.clients) {
    resyncs += c.resynced.length;
    if (c.firstBound === null) continue;
    const inWindow = (id: number) =>
      id > c.firstBound! &&
      id <= load.finalBound &&
      !c.resynced.some(([after, upTo]) => id > after && id <= upTo);
    let candidates: StoredEvent[];
    let entitled: (e: StoredEvent) => boolean;
    if (c.kind === 'visitor') {
      const own = new Set(
        conversations
          .filter((v) => v.contact_id === c.contactId && v.channel_id === c.channelId)
          .map((v) => v.id),
      );
      candidates = [...own].flatMap((id) => byConversation.get(id) ?? []);
      entitled = (e) => forVisitor(e, own) !== null;
    } else if (c.kind === 'supervisor') {
      candidates = events;
      entitled = () => true;
    } else {
      const teams = new Set(c.teamId ? [c.teamId] : []);
      candidates = events;
      entitled = (e) => e.audience !== 'supervisors' && operatorSees(e, c.operatorId!, teams);
    }
    const due = new Set<number>();
    for (const e of candidates) if (inWindow(e.id) && entitled(e)) due.add(e.id);
    entitledTotal += due.size;
    const seen = new Set<number>();
    let highest = 0;
    for (const id of c.received) {
      if (seen.has(id)) duplicates += 1;
      else if (!due.has(id) && inWindow(id)) unexpected += 1;
      if (id < highest) outOfOrder += 1;
      highest = Math.max(highest, id);
      seen.add(id);
    }
    for (const id of due) if (!seen.has(id)) missed += 1;
  }

  const { doubleAssigned, overLimit } = replayAssignments(events, fixture);

  const stored = await db
    .selectFrom('messages')
    .select('id')
    .where('account_id', '=', fixture.accountId)
    .execute();
  const storedIds = new Set(stored.map((m) => m.id));
  const lost = load.acked.filter((m) => !storedIds.has(m.id)).length;
  const { rows: dup } = await sql<{ n: number }>`
    SELECT coalesce(sum(n - 1), 0)::int AS n FROM (
      SELECT count(*) AS n FROM messages
      WHERE account_id = ${fixture.accountId} AND client_key IS NOT NULL
      GROUP BY conversation_id, author_kind, client_key HAVING count(*) > 1) d`.execute(db);

  return {
    missed_events: missed,
    duplicate_events: duplicates,
    out_of_order: outOfOrder,
    lost_messages: lost,
    duplicate_messages: dup[0]?.n ?? 0,
    double_assigned: doubleAssigned,
    over_limit: overLimit,
    stuck: conversations.filter((c) => c.state !== 'closed').length,
    unexpected_events: unexpected,
    entitled_events: entitledTotal,
    events: events.length,
    messages: stored.length,
    resyncs,
  };
}

/**
 * Replays the conversation events in commit order (an account's event ids
 * are its commit order): every event that carries a conversation says who has
 * it now. An assignment while the conversation is already assigned is a
 * double assignment; an operator holding more than their limit is over it.
 */
export function replayAssignments(events: StoredEvent[], fixture: Fixture) {
  const limitOf = new Map(fixture.staff.map((s) => [s.id, s.limit]));
  const holder = new Map<string, string | null>();
  const held = new Map<string, Set<string>>();
  let doubleAssigned = 0;
  let overLimit = 0;
  for (const e of events) {
    const conversation = (
      e.payload as { conversation?: { id: string; state: string; operatorId: string | null } }
    ).conversation;
    if (!conversation || !e.conversationId) continue;
    const before = holder.get(conversation.id) ?? null;
    if (e.type === 'conversation.assigned' && before !== null) doubleAssigned += 1;
    const after = conversation.state === 'assigned' ? conversation.operatorId : null;
    if (before !== null) held.get(before)?.delete(conversation.id);
    holder.set(conversation.id, after);
    if (after !== null) {
      const set = held.get(after) ?? new Set();
      set.add(conversation.id);
      held.set(after, set);
      if (set.size > (limitOf.get(after) ?? Number.POSITIVE_INFINITY)) overLimit += 1;
    }
  }
  return { doubleAssigned, overLimit };
}
