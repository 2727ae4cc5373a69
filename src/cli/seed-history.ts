// Plays the demo's planned history (src/domain/demo-history) through the real
// actions on a simulated clock (issue 18 § A demo that has lived): clients
// write, the real router assigns, operators answer, transfer and close, the
// audit runs on each close, clients rate or give up waiting. Every row it
// leaves is one the product would have written at that instant.
//
// It runs on a bus of its own: the server's processors must not react to the
// past with the present clock (the router would stamp today's time on last
// week's assignment), so this loop routes and audits itself, as the processors
// would have at the time.
import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../actions/audit/record-audit.js';
import { identifyContact } from '../actions/contacts/identify-contact.js';
import {
  type ActionContext,
  type Actor,
  perform,
  type Scope,
  type Services,
} from '../actions/context.js';
import { closeConversation } from '../actions/conversations/close-conversation.js';
import { rateConversation } from '../actions/conversations/rate-conversation.js';
import { transferConversation } from '../actions/conversations/transfer-conversation.js';
import { skipOutboundBacklog } from '../actions/deliveries/skip-outbound-backlog.js';
import { receiveContactMessages } from '../actions/messages/receive-contact-message.js';
import { sendMessage } from '../actions/messages/send-message.js';
import { setOperatorStatus } from '../actions/operators/set-operator-status.js';
import { assignQueued } from '../actions/routing/assign-queued.js';
import { OPENING } from '../domain/demo-history/phrases.js';
import { type DemoArrival, planDemoHistory } from '../domain/demo-history/plan.js';
import type { DemoOperatorProfile } from '../domain/demo-history/profiles.js';
import { conversationScript, type DemoStep } from '../domain/demo-history/script.js';
import { EventHeap } from '../domain/simulation/event-heap.js';
import { mulberry32 } from '../domain/simulation/prng.js';
import { createMemoryBus } from '../events/bus.js';
import type { Database } from '../store/schema.js';
import type { DemoDirectory } from './seed-demo.js';

export interface HistoryOptions {
  days: number;
  seed: number;
  /** The history ends here (now, for `npm start`). */
  end: Date;
  /** Scales the shop's usual daily traffic. */
  volume?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface HistorySummary {
  conversations: number;
  messages: number;
  transfers: number;
  abandoned: number;
  ratings: number;
}

interface Task {
  at: number;
  /** Tasks at one instant run in the order they were scheduled. */
  order: number;
  run: () => Promise<void>;
}

interface Live {
  arrival: DemoArrival;
  id: string;
  contactId: string;
  channelId: string;
  operator: string | null;
  /** An operator has written: the client no longer gives up. */
  answered: boolean;
  closed: boolean;
  /** Bumped on every assignment: steps of an earlier operator's script are void. */
  turn: number;
}

/** Parses `30d`, `2w` or `14` into days. */
export function parseHistoryDays(text: string): number {
  const match = /^(\d+)\s*([dw]?)$/.exec(text.trim());
  if (!match) throw new Error(`--history takes days, e.g. 30d or 2w (got "${text}")`);
  const n = Number(match[1]) * (match[2] === 'w' ? 7 : 1);
  if (n < 1 || n > 92) throw new Error('--history is 1 to 92 days');
  return n;
}

export async function seedHistory(
  db: Kysely<Database>,
  demo: { accountId: string; directory: DemoDirectory },
  options: HistoryOptions,
): Promise<HistorySummary> {
  const plan = planDemoHistory({
    seed: options.seed,
    days: options.days,
    end: options.end.getTime(),
    volume: options.volume ?? 1,
  });
  const dir = demo.directory;
  let clock = plan.from;
  const services: Services = {
    db,
    bus: createMemoryBus(),
    now: () => new Date(clock),
    random: mulberry32(options.seed ^ 0x5eed),
  };
  // The history can always be made again, so its commits need not wait for the
  // disk (SET LOCAL: this transaction only): a month goes in several times faster.
  const act = <T>(scope: Scope, action: (ctx: ActionContext) => Promise<T>) =>
    perform(services, scope, async (ctx) => {
      await sql`SET LOCAL synchronous_commit = off`.execute(ctx.trx);
      return action(ctx);
    });
  const system: Scope = { accountId: demo.accountId, actor: { kind: 'system' } };
  const profiles = new Map(plan.operators.map((p) => [p.key, p]));
  const byOperatorId = new Map(Object.entries(dir.operators).map(([key, id]) => [id, key]));
  const operatorScope = (key: string): Scope => {
    const p = profiles.get(key)!;
    return {
      accountId: demo.accountId,
      actor: { kind: 'operator', id: dir.operators[key]!, role: p.role },
    };
  };
  const contactScope = (c: Live): Scope => ({
    accountId: demo.accountId,
    actor: { kind: 'contact', id: c.contactId, channelId: c.channelId },
  });

  const tasks = new EventHeap<Task>();
  let order = 0;
  const at = (time: number, run: () => Promise<void>) => {
    // EventHeap orders by `at` alone; the fraction keeps same-instant tasks in order.
    order += 1;
    tasks.push({ at: time + order / 1e9, order, run });
  };
  const live = new Map<string, Live>();
  const openOf = new Map<string, Set<string>>();
  const leaving = new Set<string>();
  const openByClient = new Set<string>();
  const summary: HistorySummary = {
    conversations: 0,
    messages: 0,
    transfers: 0,
    abandoned: 0,
    ratings: 0,
  };

  // What the router would find: a pass is skipped when nothing waits or nobody
  // online has a free slot (it would assign nothing), which saves a third of
  // the transactions. The router itself decides every assignment.
  const queued = new Set<string>();
  const statusOf = new Map<string, 'online' | 'away' | 'offline'>();
  const someoneFree = () =>
    [...statusOf].some(
      ([key, status]) => status === 'online' && openSet(key).size < profiles.get(key)!.limit,
    );

  async function route() {
    if (queued.size === 0 || !someoneFree()) return;
    const { events } = await act(system, (ctx) => assignQueued(ctx));
    for (const e of events) {
      if (e.type !== 'conversation.assigned') continue;
      const c = live.get(e.payload.conversation.id);
      const key = byOperatorId.get(e.payload.operatorId);
      if (!c || !key) continue;
      queued.delete(c.id);
      c.operator = key;
      c.turn += 1;
      openSet(key).add(c.id);
      const continued = c.arrival.transfer && c.turn > 1;
      const waited = clock - c.arrival.at;
      play(c, c.turn, conversationScript(c.arrival, profiles.get(key)!, continued, waited));
    }
  }

  const openSet = (key: string) => {
    const set = openOf.get(key) ?? new Set<string>();
    openOf.set(key, set);
    return set;
  };

  function play(c: Live, turn: number, steps: DemoStep[]) {
    const [step, ...rest] = steps;
    if (!step) return;
    at(clock + step.afterMs, async () => {
      // Only the client's rating comes after the close.
      if ((c.closed && step.kind !== 'rate') || c.turn !== turn) return;
      await runStep(c, step);
      play(c, turn, rest);
    });
  }

  async function finish(c: Live, scope: Scope, targeted: boolean | null) {
    c.closed = true;
    queued.delete(c.id);
    openByClient.delete(`${c.arrival.client.key}:${c.arrival.channel}`);
    await act(scope, (ctx) =>
      closeConversation(ctx, {
        conversationId: c.id,
        ...(targeted === null ? {} : { targeted, categoryId: dir.categories[c.arrival.topic]! }),
      }),
    );
    await act(system, (ctx) => recordAudit(ctx, { conversationId: c.id }));
    if (c.operator) {
      openSet(c.operator).delete(c.id);
      await leaveIfDone(c.operator);
    }
    await route();
  }

  async function runStep(c: Live, step: DemoStep) {
    const op = c.operator!;
    switch (step.kind) {
      case 'operator':
        await act(operatorScope(op), (ctx) =>
          sendMessage(ctx, { conversationId: c.id, text: step.text }),
        );
        c.answered = true;
        summary.messages += 1;
        return;
      case 'contact':
        await say(c, step.text);
        return;
      case 'transfer':
        await act(operatorScope(op), (ctx) =>
          transferConversation(ctx, {
            conversationId: c.id,
            toTeamId: dir.teams.sales,
            note: step.note,
          }),
        );
        openSet(op).delete(c.id);
        c.operator = null;
        queued.add(c.id);
        summary.transfers += 1;
        await leaveIfDone(op);
        await route();
        return;
      case 'close':
        await finish(c, operatorScope(op), step.targeted);
        return;
      case 'rate':
        await act(contactScope(c), (ctx) =>
          rateConversation(ctx, { conversationId: c.id, rating: step.rating }),
        );
        summary.ratings += 1;
    }
  }

  async function say(c: Live, text: string) {
    const actor: Actor = contactScope(c).actor;
    await act(system, (ctx) =>
      receiveContactMessages(ctx, [
        { actor, input: { channelId: c.channelId, contactId: c.contactId, text } },
      ]),
    );
    summary.messages += 1;
  }

  async function setStatus(key: string, status: 'online' | 'away' | 'offline') {
    statusOf.set(key, status);
    await act(operatorScope(key), (ctx) =>
      setOperatorStatus(ctx, { operatorId: dir.operators[key]!, status, notify: false }),
    );
  }

  async function leaveIfDone(key: string) {
    if (!leaving.has(key) || openSet(key).size > 0) return;
    leaving.delete(key);
    await setStatus(key, 'offline');
  }

  async function arrive(a: DemoArrival) {
    const clientKey = `${a.client.key}:${a.channel}`;
    // A client with a chat still open on the channel would write into it: skip.
    if (openByClient.has(clientKey)) return;
    openByClient.add(clientKey);
    const channelId = dir.channels[a.channel];
    const { result } = await act(system, async (ctx) => {
      const contact = await identifyContact(ctx, {
        channelId,
        externalId: a.channel === 'email' ? `${a.client.key}@mail.example` : a.client.key,
        name: a.client.name,
        ...(a.channel === 'email' ? { email: `${a.client.key}@mail.example` } : {}),
      });
      const [outcome] = await receiveContactMessages(ctx, [
        {
          actor: { kind: 'contact', id: contact.id, channelId },
          input: { channelId, contactId: contact.id, text: OPENING[a.topic][a.client.language] },
        },
      ]);
      if (!outcome?.ok) throw outcome?.error ?? new Error('the demo client could not write');
      return { contactId: contact.id, conversationId: outcome.result.conversationId };
    });
    const c: Live = {
      arrival: a,
      id: result.conversationId,
      contactId: result.contactId,
      channelId,
      operator: null,
      answered: false,
      closed: false,
      turn: 0,
    };
    live.set(c.id, c);
    queued.add(c.id);
    summary.conversations += 1;
    summary.messages += 1;
    if (a.patienceMs !== null) {
      at(a.at + a.patienceMs, async () => {
        if (c.closed || c.answered) return;
        summary.abandoned += 1;
        await finish(c, contactScope(c), null);
      });
    }
    await route();
  }

  for (const change of plan.statusChanges) {
    at(change.at, async () => {
      if (change.status === 'leave') {
        leaving.add(change.operator);
        await setStatus(change.operator, 'away');
        await leaveIfDone(change.operator);
        return;
      }
      leaving.delete(change.operator);
      await setStatus(change.operator, change.status);
      if (change.status === 'online') await route();
    });
  }

  const total = plan.arrivals.length;
  let done = 0;
  for (const a of plan.arrivals)
    at(a.at, async () => {
      await arrive(a);
      done += 1;
      options.onProgress?.(done, total);
    });
  const closing = plan.to - 5 * 60_000;
  for (let task = tasks.pop(); task && task.at < closing; task = tasks.pop()) {
    clock = Math.floor(task.at);
    await task.run();
  }
  // "Now": what is still open is closed, and everyone signs off.
  clock = closing;
  for (const c of live.values()) if (!c.closed) await finish(c, system, null);
  for (const p of plan.operators as readonly DemoOperatorProfile[])
    await setStatus(p.key, 'offline');
  await act(system, (ctx) => skipOutboundBacklog(ctx));
  return summary;
}
