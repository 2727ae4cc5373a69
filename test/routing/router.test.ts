import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyContact } from '../../src/actions/contacts/identify-contact.js';
import { perform, type Services } from '../../src/actions/context.js';
import { startConversation } from '../../src/actions/conversations/start-conversation.js';
import { transferConversation } from '../../src/actions/conversations/transfer-conversation.js';
import { setOperatorStatus } from '../../src/actions/operators/set-operator-status.js';
import { assignQueued } from '../../src/actions/routing/assign-queued.js';
import { notifyWaiting } from '../../src/actions/routing/notify-waiting.js';
import { createMemoryBus } from '../../src/events/bus.js';
import type { Store } from '../../src/store/database.js';
import { buildAccount, openTestStore, storeName, type TestAccount } from '../support/harness.js';

let store: Store;
let services: Services;
let clock = Date.parse('2026-11-23T10:00:00Z');

beforeAll(async () => {
  store = await openTestStore();
  services = {
    db: store.db,
    bus: createMemoryBus(),
    now: () => new Date(clock),
    random: Math.random,
  };
});
afterAll(() => store.close());

async function queueConversation(account: TestAccount, channel = 'widget') {
  const { result: contact } = await perform(services, account.system, (ctx) =>
    identifyContact(ctx, {
      channelId: account.channels[channel]!.id,
      externalId: crypto.randomUUID(),
    }),
  );
  const { result } = await perform(services, account.system, (ctx) =>
    startConversation(ctx, { channelId: account.channels[channel]!.id, contactId: contact.id }),
  );
  clock += 1000;
  return result.conversation.id;
}

/** A routing pass, then the waiting clients' notices in their own transaction (as the router runs them). */
async function route(account: TestAccount) {
  const pass = await perform(services, account.system, (ctx) => assignQueued(ctx));
  await perform(services, account.system, (ctx) => notifyWaiting(ctx));
  return pass;
}
const operatorOf = async (conversationId: string) =>
  await store.db
    .selectFrom('conversations')
    .select(['operator_id', 'state'])
    .where('id', '=', conversationId)
    .executeTakeFirstOrThrow();

describe(`router in the database (${storeName})`, () => {
  it('gives the new chat to Natalia, who has the fewest open conversations', async () => {
    const account = await buildAccount(services, {
      operators: [
        { name: 'Natalia', online: false },
        { name: 'Tatiana', online: false },
        { name: 'Maxim', online: false },
      ],
    });
    // Load them as in the seed example: Natalia 1, Tatiana 3, Maxim 5 (limit 5).
    for (const [name, load] of [
      ['Natalia', 1],
      ['Tatiana', 3],
      ['Maxim', 5],
    ] as const) {
      await store.db
        .updateTable('operators')
        .set({ status: 'online', open_count: load })
        .where('id', '=', account.operator(name).id)
        .execute();
    }
    const id = await queueConversation(account);
    await route(account);
    expect((await operatorOf(id)).operator_id).toBe(account.operator('Natalia').id);
  });

  it('serves a priority-1 conversation that arrived later before earlier priority-2 ones', async () => {
    const account = await buildAccount(services, {
      operators: [{ name: 'Ivan', limit: 1 }],
      channels: [
        { name: 'widget', priority: 1 },
        { name: 'telegram', kind: 'telegram', priority: 2 },
      ],
    });
    const early = [
      await queueConversation(account, 'telegram'),
      await queueConversation(account, 'telegram'),
    ];
    const late = await queueConversation(account, 'widget');
    await perform(services, account.system, (ctx) =>
      setOperatorStatus(ctx, { operatorId: account.operator('Ivan').id, status: 'online' }),
    );
    await route(account);
    expect((await operatorOf(late)).state).toBe('assigned');
    expect((await operatorOf(early[0]!)).state).toBe('queued');
    // The one waiting is told its place in line, once.
    const notices = await store.db
      .selectFrom('messages')
      .select('text')
      .where('conversation_id', '=', early[0]!)
      .where('author_kind', '=', 'system')
      .execute();
    expect(notices).toHaveLength(1);
    await route(account);
    const again = await store.db
      .selectFrom('messages')
      .select('text')
      .where('conversation_id', '=', early[0]!)
      .where('author_kind', '=', 'system')
      .execute();
    expect(again).toHaveLength(1);
  });

  it('returns an offline operator’s conversations to the queue with their original wait', async () => {
    const account = await buildAccount(services, {
      operators: [{ name: 'Natalia', online: true }],
    });
    const id = await queueConversation(account);
    const queuedAt = (
      await store.db
        .selectFrom('conversations')
        .select('queued_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).queued_at;
    await route(account);
    expect((await operatorOf(id)).state).toBe('assigned');
    await perform(services, account.system, (ctx) =>
      setOperatorStatus(ctx, { operatorId: account.operator('Natalia').id, status: 'offline' }),
    );
    const row = await store.db
      .selectFrom('conversations')
      .select(['state', 'queued_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('queued');
    expect(new Date(row.queued_at!).getTime()).toBe(new Date(queuedAt!).getTime());
  });

  it('does not hand a conversation straight back to the operator who transferred it to the team', async () => {
    const account = await buildAccount(services, {
      teams: [{ name: 'Support', mode: 'least_loaded' }],
      operators: [
        { name: 'Natalia', teams: ['Support'], online: true },
        { name: 'Tatiana', teams: ['Support'], online: true },
      ],
      channels: [{ name: 'widget', team: 'Support' }],
    });
    const id = await queueConversation(account);
    await route(account);
    const first = (await operatorOf(id)).operator_id!;
    const firstName = first === account.operator('Natalia').id ? 'Natalia' : 'Tatiana';
    await perform(services, account.scopeOf(firstName), (ctx) =>
      transferConversation(ctx, {
        conversationId: id,
        toTeamId: account.teams.Support!,
        note: 'billing question',
      }),
    );
    await route(account);
    const second = (await operatorOf(id)).operator_id!;
    expect(second).not.toBe(first);
  });

  it('never assigns past a limit when four routers race over the same queue', async () => {
    const account = await buildAccount(services, {
      operators: Array.from({ length: 10 }, (_, i) => ({ name: `op${i}`, limit: 3, online: true })),
    });
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push(await queueConversation(account));
    await Promise.all([route(account), route(account), route(account), route(account)]);
    const ops = await store.db
      .selectFrom('operators')
      .select(['open_count', 'limit'])
      .where('account_id', '=', account.accountId)
      .execute();
    for (const op of ops) expect(op.open_count).toBeLessThanOrEqual(op.limit);
    const assigned = await store.db
      .selectFrom('conversations')
      .select(['operator_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('account_id', '=', account.accountId)
      .where('state', '=', 'assigned')
      .groupBy('operator_id')
      .execute();
    expect(assigned.reduce((n, r) => n + Number(r.n), 0)).toBe(30);
    for (const r of assigned) expect(Number(r.n)).toBe(3);
  });
});
