// Deadlock-free by construction (docs/architecture.md § Lock order): message
// batches, routing passes, transfers both ways, closes and status changes run
// at once on four nodes (each its own pool, group commit and router) against
// one account on real PostgreSQL. PostgreSQL's own count of detected
// deadlocks for the database must stay at zero, and so must the retry path's.
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/actions/accounts/create-account.js';
import { createChannel } from '../../src/actions/channels/create-channel.js';
import { identifyContact } from '../../src/actions/contacts/identify-contact.js';
import { type Actor, perform, type Scope, type Services } from '../../src/actions/context.js';
import { closeConversation } from '../../src/actions/conversations/close-conversation.js';
import { transferConversation } from '../../src/actions/conversations/transfer-conversation.js';
import { createGroupCommit, type GroupCommit } from '../../src/actions/messages/group-commit.js';
import { createOperator } from '../../src/actions/operators/create-operator.js';
import { setOperatorStatus } from '../../src/actions/operators/set-operator-status.js';
import { AppError } from '../../src/errors.js';
import { createMemoryBus } from '../../src/events/bus.js';
import { type Router, startRouter } from '../../src/processors/router.js';
import type { Store } from '../../src/store/database.js';
import { deadlockRetries } from '../../src/store/resilience.js';
import { databaseUrl, openTestStore } from '../support/harness.js';

const NODES = 4;
const OPERATORS = 24;
const CONTACTS = 160;
const ROUNDS = 6;

let stores: Store[] = [];
let nodes: { services: Services; messages: GroupCommit; router: Router }[] = [];
const bus = createMemoryBus();
const logger = pino({ level: 'silent' });

beforeAll(async () => {
  if (!databaseUrl) return;
  stores = await Promise.all(Array.from({ length: NODES }, () => openTestStore()));
  nodes = stores.map((store) => {
    const services: Services = {
      db: store.db,
      bus,
      now: () => new Date(),
      random: Math.random,
    };
    return {
      services,
      messages: createGroupCommit(services, logger, { concurrency: 4 }),
      router: startRouter(services, logger, 3_600_000),
    };
  });
});
afterAll(async () => {
  await Promise.all(nodes.map((n) => n.router.stop()));
  await Promise.all(stores.map((s) => s.close()));
});

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** PostgreSQL's count of deadlocks it detected in this database (flushed as backends end). */
async function deadlocksDetected(store: Store): Promise<number> {
  const { rows } = await sql<{ deadlocks: string | number }>`
    SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()`.execute(store.db);
  return Number(rows[0]?.deadlocks ?? 0);
}

describe.skipIf(!databaseUrl)('lock order (postgres)', () => {
  it('never deadlocks: message batches, routing, transfers, closes and status changes at once', async () => {
    const accountId = crypto.randomUUID();
    const system: Scope = { accountId, actor: { kind: 'system' } };
    const operators: string[] = [];
    let supervisor = '';
    const contacts: string[] = [];
    let channelId = '';
    await perform(nodes[0]!.services, system, async (ctx) => {
      await createAccount(ctx, { name: 'Lock order' });
      channelId = (
        await createChannel(ctx, { kind: 'api', name: 'api', priority: 1, settings: {} })
      ).id;
      for (let i = 0; i < OPERATORS; i++) {
        const op = await createOperator(ctx, {
          email: `op${i}-${accountId}@locks.example`,
          name: `op${i}`,
          password: null,
          role: 'operator',
          limit: 4,
        });
        operators.push(op.id);
      }
      supervisor = (
        await createOperator(ctx, {
          email: `sup-${accountId}@locks.example`,
          name: 'sup',
          password: null,
          role: 'supervisor',
          limit: 1,
        })
      ).id;
      for (let i = 0; i < CONTACTS; i++)
        contacts.push((await identifyContact(ctx, { channelId, externalId: `c${i}` })).id);
    });
    for (const operatorId of operators)
      await perform(nodes[0]!.services, system, (ctx) =>
        setOperatorStatus(ctx, { operatorId, status: 'online' }),
      );
    const before = await deadlocksDetected(stores[0]!);
    const retriesBefore = deadlockRetries();
    const unexpected: unknown[] = [];
    const tolerate = (error: unknown) => {
      // Refusals of a lost race (closed, not online, at limit…) are answers, not faults.
      if (!(error instanceof AppError)) unexpected.push(error);
    };
    const node = (i: number) => nodes[i % NODES]!;
    const supervisorScope: Scope = {
      accountId,
      actor: { kind: 'operator', id: supervisor, role: 'supervisor' },
    };

    async function assignedConversations(services: Services) {
      return services.db
        .selectFrom('conversations')
        .select(['id', 'operator_id'])
        .where('account_id', '=', accountId)
        .where('state', '=', 'assigned')
        .execute();
    }

    for (let round = 0; round < ROUNDS; round++) {
      const random = mulberry32(round + 1);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
      const work: Promise<unknown>[] = [];
      // Clients write (starting conversations, or into their open one), from every node at once.
      for (const [c, contactId] of contacts.entries()) {
        const actor: Actor = { kind: 'contact', id: contactId, channelId };
        work.push(
          node(c + round)
            .messages.receive(
              { accountId, actor },
              { channelId, contactId, text: `m${round}-${c}`, clientKey: `k${round}-${c}` },
            )
            .catch(tolerate),
        );
      }
      // Routing passes on every node.
      for (const n of nodes) work.push(n.router.route(accountId));
      const open = await assignedConversations(node(round).services);
      for (const [k, conv] of open.entries()) {
        const services = node(k).services;
        const roll = random();
        if (roll < 0.45 && conv.operator_id) {
          // The operator answers (into the same batches as the clients).
          const actor: Actor = { kind: 'operator', id: conv.operator_id, role: 'operator' };
          work.push(
            node(k + 1)
              .messages.send(
                { accountId, actor },
                { conversationId: conv.id, text: `r${round}-${k}`, clientKey: `r${round}-${k}` },
              )
              .catch(tolerate),
          );
        } else if (roll < 0.7) {
          // Transfers in every direction, forced past the limit by the supervisor.
          work.push(
            perform(services, supervisorScope, (ctx) =>
              transferConversation(ctx, {
                conversationId: conv.id,
                toOperatorId: pick(operators.filter((o) => o !== conv.operator_id)),
                force: true,
              }),
            ).catch(tolerate),
          );
        } else if (roll < 0.9) {
          work.push(
            perform(services, system, (ctx) =>
              closeConversation(ctx, { conversationId: conv.id }),
            ).catch(tolerate),
          );
        } else {
          work.push(
            perform(services, system, (ctx) =>
              setOperatorStatus(ctx, { operatorId: pick(operators), status: 'offline' }),
            ).catch(tolerate),
          );
        }
      }
      // Operators come back, so the routers have someone to assign to.
      for (const [k, operatorId] of operators.entries())
        if (random() < 0.3)
          work.push(
            perform(node(k).services, system, (ctx) =>
              setOperatorStatus(ctx, { operatorId, status: 'online' }),
            ).catch(tolerate),
          );
      await Promise.all(work);
    }
    await Promise.all(nodes.map((n) => n.router.route(accountId)));

    const written = await nodes[0]!.services.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('account_id', '=', accountId)
      .executeTakeFirstOrThrow();
    // Work really happened.
    expect(Number(written.n)).toBeGreaterThan(CONTACTS * ROUNDS * 0.9);
    expect(unexpected).toEqual([]);
    expect(deadlockRetries() - retriesBefore).toBe(0);

    // PostgreSQL reports a backend's deadlocks when it ends: end every pool,
    // wait until their backends are gone, then read the count.
    await Promise.all(nodes.map((n) => n.router.stop()));
    await Promise.all(stores.slice(1).map((s) => s.close()));
    stores = stores.slice(0, 1);
    nodes = nodes.slice(0, 1);
    const probe = await openTestStore();
    await stores[0]!.close();
    stores = [probe];
    for (;;) {
      const { rows } = await sql<{ n: string | number }>`
        SELECT count(*) AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND backend_type = 'client backend'`.execute(probe.db);
      if (Number(rows[0]!.n) === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await deadlocksDetected(probe)) - before).toBe(0);
  });
});
