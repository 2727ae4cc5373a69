// Invariants under concurrency (DESIGN §2): four routers, each on its own
// connection pool, race over one account while conversations arrive and close
// and operators change status and limit: thousands of conversations.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/actions/accounts/create-account.js';
import { createChannel } from '../../src/actions/channels/create-channel.js';
import { identifyContact } from '../../src/actions/contacts/identify-contact.js';
import { perform, type Scope, type Services } from '../../src/actions/context.js';
import { closeConversation } from '../../src/actions/conversations/close-conversation.js';
import { startConversation } from '../../src/actions/conversations/start-conversation.js';
import { createOperator } from '../../src/actions/operators/create-operator.js';
import { setOperatorStatus } from '../../src/actions/operators/set-operator-status.js';
import { updateOperator } from '../../src/actions/operators/update-operator.js';
import { loadRoutingSnapshot } from '../../src/actions/routing/routing-snapshot.js';
import { createTeam } from '../../src/actions/teams/create-team.js';
import { planAssignments } from '../../src/domain/routing/index.js';
import { AppError } from '../../src/errors.js';
import { createMemoryBus } from '../../src/events/bus.js';
import { type Router, startRouter } from '../../src/processors/router.js';
import type { Store } from '../../src/store/database.js';
import { openTestStore, storeName } from '../support/harness.js';

const SIZE = { conversations: 3_000, operators: 300, clients: 8 };
const ROUTERS = 4;

let stores: Store[];
let nodes: Services[];
let routers: Router[];
const bus = createMemoryBus();

beforeAll(async () => {
  stores = await Promise.all(Array.from({ length: ROUTERS }, () => openTestStore()));
  nodes = Array.from({ length: ROUTERS }, (_, i) => ({
    db: stores[i % stores.length]!.db,
    bus,
    now: () => new Date(),
    random: Math.random,
  }));
  const logger = pino({ level: 'silent' });
  // Every router hears every event (one shared bus): all four run on each.
  routers = nodes.map((services) => startRouter(services, logger, 3_600_000));
});
afterAll(async () => {
  await Promise.all(routers.map((r) => r.stop()));
  await Promise.all(stores.map((s) => s.close()));
});

/** A small deterministic PRNG so a failing run can be replayed. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe(`four routers racing (${storeName})`, () => {
  it(`keeps every invariant over ${SIZE.conversations} conversations and ${SIZE.operators} operators`, async () => {
    const accountId = crypto.randomUUID();
    const system: Scope = { accountId, actor: { kind: 'system' } };
    const on = (i: number) => nodes[i % nodes.length]!;
    const operatorIds: string[] = [];
    const channels: string[] = [];
    await perform(on(0), system, async (ctx) => {
      await createAccount(ctx, { name: 'Race' });
      const teams = [
        (await createTeam(ctx, { name: 'Billing', mode: 'least_loaded' })).id,
        (await createTeam(ctx, { name: 'Sales', mode: 'round_robin' })).id,
        (await createTeam(ctx, { name: 'Support', mode: 'random' })).id,
      ];
      for (let i = 0; i < SIZE.operators; i++) {
        const op = await createOperator(ctx, {
          email: `op${i}-${accountId}@race.example`,
          name: `op${i}`,
          password: null,
          role: 'operator',
          limit: 1 + (i % 3),
          // Most in one team, some in two, a few in none (they serve the team-less channel).
          teamIds:
            i % 10 === 0
              ? []
              : i % 4 === 0
                ? [teams[i % 3]!, teams[(i + 1) % 3]!]
                : [teams[i % 3]!],
        });
        operatorIds.push(op.id);
      }
      for (const [n, team] of [null, ...teams].entries()) {
        const ch = await createChannel(ctx, {
          kind: 'api',
          name: `channel ${n}`,
          priority: 1 + (n % 2),
          defaultTeamId: team,
          settings: {},
        });
        channels.push(ch.id);
      }
    });

    const ignoreRaces = (error: unknown) => {
      // A close racing another close or a status change is refused cleanly; that is fine.
      if (!(error instanceof AppError)) throw error;
    };
    const assigned = new Set<string>();
    let arrivals = 0;
    async function client(c: number) {
      const random = mulberry32(1000 + c);
      const services = on(c);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
      while (arrivals < SIZE.conversations) {
        const roll = random();
        if (roll < 0.55) {
          arrivals += 1;
          const channelId = pick(channels);
          await perform(services, system, async (ctx) => {
            const contact = await identifyContact(ctx, {
              channelId,
              externalId: crypto.randomUUID(),
            });
            return startConversation(ctx, { channelId, contactId: contact.id });
          });
        } else if (roll < 0.8) {
          const open = await services.db
            .selectFrom('conversations')
            .select('id')
            .where('account_id', '=', accountId)
            .where('state', '=', 'assigned')
            .limit(50)
            .execute();
          if (open.length === 0) continue;
          await perform(services, system, (ctx) =>
            closeConversation(ctx, { conversationId: pick(open).id }),
          ).catch(ignoreRaces);
        } else if (roll < 0.97) {
          const status = roll < 0.93 ? 'online' : roll < 0.95 ? 'away' : 'offline';
          await perform(services, system, (ctx) =>
            setOperatorStatus(ctx, { operatorId: pick(operatorIds), status }),
          );
        } else {
          const operatorId = pick(operatorIds);
          await perform(services, system, async (ctx) => {
            const row = await ctx.trx
              .selectFrom('operators')
              .select('limit')
              .where('id', '=', operatorId)
              .executeTakeFirstOrThrow();
            return updateOperator(ctx, { operatorId, limit: row.limit + 1 });
          });
        }
      }
    }
    const unsubscribe = bus.subscribe((m) => {
      if (m.kind !== 'events') return;
      for (const e of m.events)
        if (e.type === 'conversation.assigned') assigned.add(e.conversationId!);
    });
    await Promise.all(Array.from({ length: SIZE.clients }, (_, c) => client(c)));
    // Let the routers settle: each runs until its last pass assigned nothing.
    for (const router of routers) await router.route(accountId);
    await Promise.all(routers.map((r) => r.route(accountId)));
    unsubscribe();

    const db = on(0).db;
    // Work really happened, on many operators.
    expect(assigned.size).toBeGreaterThan(SIZE.conversations / 3);

    // Invariant 2, from the event log: a conversation is never assigned again
    // before it went back to the queue or closed.
    const history = await db
      .selectFrom('events')
      .select(['conversation_id', 'type'])
      .where('account_id', '=', accountId)
      .where('type', 'in', ['conversation.queued', 'conversation.assigned', 'conversation.closed'])
      .orderBy('id')
      .execute();
    const holder = new Map<string, boolean>();
    let doubleAssignments = 0;
    for (const e of history) {
      const id = e.conversation_id!;
      if (e.type === 'conversation.assigned') {
        if (holder.get(id)) doubleAssignments += 1;
        holder.set(id, true);
      } else holder.set(id, false);
    }
    expect(doubleAssignments).toBe(0);

    // Invariant 1, and the counters the router trusts match the rows.
    const operators = await db
      .selectFrom('operators as o')
      .leftJoin('conversations as c', (j) =>
        j.onRef('c.operator_id', '=', 'o.id').on('c.state', '=', 'assigned'),
      )
      .select(['o.id', 'o.limit', 'o.open_count', (eb) => eb.fn.count<string>('c.id').as('held')])
      .where('o.account_id', '=', accountId)
      .groupBy(['o.id', 'o.limit', 'o.open_count'])
      .execute();
    const breaches = operators.filter((o) => Number(o.held) > o.limit);
    const drift = operators.filter((o) => Number(o.held) !== o.open_count);
    expect(breaches).toEqual([]);
    expect(drift).toEqual([]);

    // Invariant 3: nothing waits that an online operator with room could take.
    const { result: stuck } = await perform(on(0), system, async (ctx) => {
      const snapshot = await loadRoutingSnapshot(ctx);
      return planAssignments({
        queue: snapshot.queue,
        operators: snapshot.operators,
        policyFor: snapshot.policyFor,
        ctx: { now: ctx.now.getTime(), random: () => 0.5 },
        roundRobin: snapshot.roundRobin,
      }).assignments;
    });
    expect(stuck).toEqual([]);
  }, 600_000);
});
