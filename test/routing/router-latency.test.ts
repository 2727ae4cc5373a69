// Routing under a backlog: nothing slow under the account's routing lock, and
// a conversation waiting only for its language goes to anyone free as soon as
// the language rule expires — not at the next safety sweep.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyContact } from '../../src/actions/contacts/identify-contact.js';
import { perform } from '../../src/actions/context.js';
import { startConversation } from '../../src/actions/conversations/start-conversation.js';
import { assignQueued } from '../../src/actions/routing/assign-queued.js';
import { notifyWaiting } from '../../src/actions/routing/notify-waiting.js';
import {
  buildAccount,
  startTestServer,
  storeName,
  type TestAccount,
  type TestServer,
} from '../support/harness.js';

let server: TestServer;

beforeAll(async () => {
  // The safety sweep is far away: only events and timers may route here.
  server = await startTestServer({ config: { routingSweepMs: 3_600_000 } });
});
afterAll(() => server.close());

async function queue(account: TestAccount, language: string | null = null) {
  const services = server.sb.services;
  const channelId = account.channels.widget!.id;
  const { result: contact } = await perform(services, account.system, (ctx) =>
    identifyContact(ctx, { channelId, externalId: crypto.randomUUID() }),
  );
  const { result } = await perform(services, account.system, (ctx) =>
    startConversation(ctx, { channelId, contactId: contact.id, language }),
  );
  return result.conversation.id;
}

const systemMessages = (conversationId: string) =>
  server.sb.store.db
    .selectFrom('messages')
    .select('text')
    .where('conversation_id', '=', conversationId)
    .where('author_kind', '=', 'system')
    .execute();

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met; last ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe(`routing latency (${storeName})`, () => {
  it("commits a routing pass without the waiting clients' notices; they follow in their own transaction", async () => {
    const account = await buildAccount(server.sb.services, {
      operators: [{ name: 'Ivan', limit: 1, online: false }],
    });
    // Queued while nobody is online: the router leaves it waiting.
    await server.sb.router.stop();
    const waiting = await queue(account);
    const pass = await perform(server.sb.services, account.system, (ctx) => assignQueued(ctx));
    expect(pass.result).toMatchObject({ assigned: 0, waiting: 1 });
    expect(pass.events.map((e) => e.type)).not.toContain('message.created');
    expect(await systemMessages(waiting)).toHaveLength(0);
    const notice = await perform(server.sb.services, account.system, (ctx) => notifyWaiting(ctx));
    expect(notice.events.map((e) => e.type)).toContain('message.created');
    expect(await systemMessages(waiting)).toHaveLength(1);
  });

  it('tells a waiting client why once the routing pass has committed', async () => {
    const node = await startTestServer({
      store: server.sb.store,
      config: { routingSweepMs: 3_600_000 },
    });
    try {
      const account = await buildAccount(node.sb.services, {
        operators: [{ name: 'Ivan', limit: 1, online: false }],
      });
      const services = node.sb.services;
      const channelId = account.channels.widget!.id;
      const { result: contact } = await perform(services, account.system, (ctx) =>
        identifyContact(ctx, { channelId, externalId: crypto.randomUUID() }),
      );
      const { result } = await perform(services, account.system, (ctx) =>
        startConversation(ctx, { channelId, contactId: contact.id }),
      );
      const notices = await until(
        () => systemMessages(result.conversation.id),
        (m) => m.length > 0,
      );
      expect(notices).toHaveLength(1);
    } finally {
      await node.close();
    }
  });

  it('routes a conversation to anyone free when its language rule expires', async () => {
    const node = await startTestServer({
      store: server.sb.store,
      config: { routingSweepMs: 3_600_000 },
    });
    try {
      const account = await buildAccount(node.sb.services, {
        teams: [{ name: 'Support', mode: 'least_loaded' }],
        operators: [{ name: 'Ivan', teams: ['Support'], languages: ['en'], online: true }],
        channels: [{ name: 'widget', team: 'Support' }],
      });
      await node.sb.store.db
        .updateTable('teams')
        .set({ language_routing: true, language_timeout_ms: 1_500 })
        .where('id', '=', account.teams.Support!)
        .execute();
      const services = node.sb.services;
      const channelId = account.channels.widget!.id;
      const { result: contact } = await perform(services, account.system, (ctx) =>
        identifyContact(ctx, { channelId, externalId: crypto.randomUUID() }),
      );
      const { result } = await perform(services, account.system, (ctx) =>
        startConversation(ctx, { channelId, contactId: contact.id, language: 'ru' }),
      );
      const row = await until(
        () =>
          node.sb.store.db
            .selectFrom('conversations')
            .select(['state', 'operator_id'])
            .where('id', '=', result.conversation.id)
            .executeTakeFirstOrThrow(),
        (c) => c.state === 'assigned',
      );
      expect(row.operator_id).toBe(account.operator('Ivan').id);
    } finally {
      await node.close();
    }
  });
});
