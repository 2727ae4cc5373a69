// A dropped operator connection gets a grace period (DESIGN §2), driven by an
// injected clock: the websockets are real, the expiry is called by the test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateAccount } from '../../src/actions/account/update-settings.js';
import { identifyContact } from '../../src/actions/contacts/identify-contact.js';
import { perform } from '../../src/actions/context.js';
import { startConversation } from '../../src/actions/conversations/start-conversation.js';
import { recordPresence } from '../../src/actions/operators/record-presence.js';
import {
  buildAccount,
  loginHeaders,
  startTestServer,
  storeName,
  type TestAccount,
  type TestServer,
} from '../support/harness.js';
import { connect, type TestSocket } from '../support/ws-client.js';

let server: TestServer;
let clock = Date.now();

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date(clock) });
});
afterAll(() => server.close());

const db = () => server.sb.services.db;

async function assignedConversation(account: TestAccount): Promise<string> {
  const services = server.sb.services;
  const channelId = account.channels.widget!.id;
  const { result: contact } = await perform(services, account.system, (ctx) =>
    identifyContact(ctx, { channelId, externalId: crypto.randomUUID() }),
  );
  const { result } = await perform(services, account.system, (ctx) =>
    startConversation(ctx, { channelId, contactId: contact.id }),
  );
  await server.sb.router.route(account.accountId);
  return result.conversation.id;
}

const conversation = (id: string) =>
  db()
    .selectFrom('conversations')
    .select(['state', 'operator_id', 'queued_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

const status = async (operatorId: string) =>
  (
    await db()
      .selectFrom('operators')
      .select('status')
      .where('id', '=', operatorId)
      .executeTakeFirstOrThrow()
  ).status;

async function liveConnections(operatorId: string): Promise<number> {
  await server.sb.presence.flush();
  const rows = await db()
    .selectFrom('operator_presence')
    .select('connections')
    .where('operator_id', '=', operatorId)
    .execute();
  return rows.reduce((n, r) => n + r.connections, 0);
}

/** The server learns of a close asynchronously: wait until its count says so. */
async function untilConnections(operatorId: string, n: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await liveConnections(operatorId)) === n) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`presence never reached ${n}`);
}

async function operatorSocket(account: TestAccount, name: string): Promise<TestSocket> {
  const headers = await loginHeaders(server.url, account.operator(name));
  const socket = await connect(`${server.wsUrl}/api/v1/ws`, { cookie: headers.cookie });
  await untilConnections(account.operator(name).id, 1);
  return socket;
}

describe(`dropped operator connection (${storeName})`, () => {
  it('sets the operator offline after the grace period and requeues with the original wait', async () => {
    const account = await buildAccount(server.sb.services, {
      operators: [{ name: 'Natalia', online: true }],
    });
    const natalia = account.operator('Natalia').id;
    const id = await assignedConversation(account);
    const before = await conversation(id);
    expect(before.operator_id).toBe(natalia);

    const socket = await operatorSocket(account, 'Natalia');
    socket.kill();
    await untilConnections(natalia, 0);

    clock += 59_000;
    await server.sb.presence.expire();
    expect(await status(natalia)).toBe('online');
    expect((await conversation(id)).state).toBe('assigned');

    clock += 1_000;
    await server.sb.presence.expire();
    expect(await status(natalia)).toBe('offline');
    const after = await conversation(id);
    expect(after.state).toBe('queued');
    expect(new Date(after.queued_at!).getTime()).toBe(new Date(before.queued_at!).getTime());
  });

  it('keeps everything when the operator reconnects within the grace period', async () => {
    const account = await buildAccount(server.sb.services, {
      operators: [{ name: 'Tatiana', online: true }],
    });
    const tatiana = account.operator('Tatiana').id;
    const id = await assignedConversation(account);
    const first = await operatorSocket(account, 'Tatiana');
    await first.close();
    await untilConnections(tatiana, 0);

    clock += 30_000;
    const second = await operatorSocket(account, 'Tatiana');
    for (let i = 0; i < 6; i++) {
      clock += 20_000;
      await server.sb.presence.heartbeat();
      await server.sb.presence.expire();
    }
    expect(await status(tatiana)).toBe('online');
    expect((await conversation(id)).operator_id).toBe(tatiana);
    await second.close();
  });

  it('counts connections across nodes: one node dropping is not the operator leaving', async () => {
    const account = await buildAccount(server.sb.services, {
      operators: [{ name: 'Maxim', online: true }],
    });
    const maxim = account.operator('Maxim').id;
    const id = await assignedConversation(account);
    const record = (node: string, connections: number) =>
      perform(server.sb.services, account.system, (ctx) =>
        recordPresence(ctx, { node, operatorId: maxim, connections }),
      );
    await record('node-a', 1);
    await record('node-b', 1);
    await record('node-a', 0);
    clock += 45_000;
    await record('node-b', 1); // node b's heartbeat-era write: still connected there
    clock += 45_000;
    await server.sb.presence.expire();
    expect(await status(maxim)).toBe('online');
    // Node b dies without a word: its row goes stale and the operator is let go.
    clock += 60_000;
    await server.sb.presence.expire();
    expect(await status(maxim)).toBe('offline');
    expect((await conversation(id)).state).toBe('queued');
  });

  it('records presence only for an operator of the account', async () => {
    const mine = await buildAccount(server.sb.services, {
      operators: [{ name: 'Lev', online: true }],
    });
    const other = await buildAccount(server.sb.services, {
      operators: [{ name: 'Gleb', online: true }],
    });
    const gleb = other.operator('Gleb').id;
    await expect(
      perform(server.sb.services, mine.system, (ctx) =>
        recordPresence(ctx, { node: 'node-x', operatorId: gleb, connections: 1 }),
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    const rows = await db()
      .selectFrom('operator_presence')
      .select('node')
      .where('operator_id', '=', gleb)
      .where('node', '=', 'node-x')
      .execute();
    expect(rows).toEqual([]);
    await perform(server.sb.services, mine.system, (ctx) =>
      recordPresence(ctx, { node: 'node-x', operatorId: mine.operator('Lev').id, connections: 2 }),
    );
    const lev = await db()
      .selectFrom('operator_presence')
      .select(['connections', 'account_id'])
      .where('operator_id', '=', mine.operator('Lev').id)
      .where('node', '=', 'node-x')
      .executeTakeFirstOrThrow();
    expect(lev).toEqual({ connections: 2, account_id: mine.accountId });
  });

  it('uses the account’s own grace period, and leaves API-only operators alone', async () => {
    const account = await buildAccount(server.sb.services, {
      operators: [
        { name: 'Ivan', online: true },
        { name: 'Olga', online: true },
      ],
    });
    await perform(server.sb.services, account.scopeOf('admin'), (ctx) =>
      updateAccount(ctx, { settings: { offlineGraceMs: 5_000 } }),
    );
    const ivan = account.operator('Ivan').id;
    const socket = await operatorSocket(account, 'Ivan');
    socket.kill();
    await untilConnections(ivan, 0);
    clock += 5_000;
    await server.sb.presence.expire();
    expect(await status(ivan)).toBe('offline');
    expect(await status(account.operator('Olga').id)).toBe('online');
  });
});
