// Auto-close on a real database and server (issue 17): the caretaker warns a
// minute before, a client message in that minute cancels, the close comes
// with a notice and closedBy system, and a client message racing the close
// is never lost. The server's clock is the test's; sweeps are asked for.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyContact } from '../../src/actions/contacts/identify-contact.js';
import { perform } from '../../src/actions/context.js';
import { careForIdle } from '../../src/actions/conversations/care-for-idle.js';
import { takeConversation } from '../../src/actions/conversations/take-conversation.js';
import { receiveContactMessage } from '../../src/actions/messages/receive-contact-message.js';
import { sendMessage } from '../../src/actions/messages/send-message.js';
import { DEFAULT_NOTICES } from '../../src/domain/notices.js';
import {
  buildAccount,
  loginHeaders,
  startTestServer,
  type TestAccount,
  type TestServer,
  visitorSession,
} from '../support/harness.js';

const MIN = 60_000;
let clock = Date.parse('2025-06-02T09:00:00Z');
let server: TestServer;
let account: TestAccount;

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date(clock) });
  account = await buildAccount(server.sb.services, {
    teams: [{ name: 'Desk', mode: 'manual' }],
    operators: [{ name: 'Tatiana', teams: ['Desk'], limit: 10, online: true }],
    channels: [
      { name: 'site', kind: 'widget', team: 'Desk', settings: { autoCloseMs: 5 * MIN } },
      { name: 'mail', kind: 'email', team: 'Desk' },
    ],
  });
});

afterAll(async () => {
  await server?.close();
});

async function visitor() {
  const { token } = await visitorSession(server.url, account.channels.site!.publicKey, {
    name: 'Anna',
    language: 'ru',
  });
  const write = async (text: string) => {
    const res = await fetch(`${server.url}/api/v1/visitor/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ text }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { conversationId: string }).conversationId;
  };
  return { write };
}

const tatiana = () => account.scopeOf('Tatiana');
const take = (conversationId: string) =>
  perform(server.sb.services, tatiana(), (ctx) =>
    takeConversation(ctx, { conversationId, operatorId: account.operator('Tatiana').id }),
  );
const reply = (conversationId: string, text: string) =>
  perform(server.sb.services, tatiana(), (ctx) => sendMessage(ctx, { conversationId, text }));

async function conversation(id: string) {
  return server.sb.services.db
    .selectFrom('conversations')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

async function systemTexts(id: string) {
  const rows = await server.sb.services.db
    .selectFrom('messages')
    .select('text')
    .where('conversation_id', '=', id)
    .where('author_kind', '=', 'system')
    .orderBy('seq')
    .execute();
  // The router's waiting notice may come before the take; only auto-close's count here.
  const idle = [
    ...Object.values(DEFAULT_NOTICES.idle_warning),
    ...Object.values(DEFAULT_NOTICES.idle_closed),
  ];
  return rows.map((r) => r.text).filter((text) => idle.includes(text));
}

describe('auto-close', () => {
  it('warns a minute before, is cancelled by a client message in that minute, then closes after the next silence', async () => {
    const anna = await visitor();
    const id = await anna.write('Здравствуйте, где мой заказ?');
    await take(id);
    await reply(id, 'Здравствуйте! Заказ в пути.');

    clock += 3 * MIN;
    await server.sb.caretaker.sweep();
    expect(await systemTexts(id)).toEqual([]);

    clock += 1 * MIN; // four minutes of silence: the last minute begins
    await server.sb.caretaker.sweep();
    expect(await systemTexts(id)).toEqual([
      'Вы ещё здесь? Через минуту этот диалог будет закрыт из-за отсутствия активности. Напишите что-нибудь, чтобы продолжить.',
    ]);
    // A second node sweeping at the same moment writes no second warning.
    await server.sb.caretaker.sweep();
    expect((await systemTexts(id)).length).toBe(1);

    clock += 30_000;
    await anna.write('Да, я тут');
    clock += 5 * MIN;
    await server.sb.caretaker.sweep();
    expect((await conversation(id)).state).toBe('assigned');

    await reply(id, 'Что-нибудь ещё?');
    clock += 4 * MIN;
    await server.sb.caretaker.sweep();
    expect((await systemTexts(id)).length).toBe(2);
    clock += 1 * MIN;
    await server.sb.caretaker.sweep();
    const closed = await conversation(id);
    expect(closed.state).toBe('closed');
    expect(closed.closed_by).toBe('system');
    expect((await systemTexts(id)).at(-1)).toBe(
      'Диалог закрыт из-за отсутствия активности. Напишите нам снова в любое время.',
    );
    // The operator's slot is free again.
    const op = await server.sb.services.db
      .selectFrom('operators')
      .select('open_count')
      .where('id', '=', account.operator('Tatiana').id)
      .executeTakeFirstOrThrow();
    expect(op.open_count).toBe(0);

    // Writing again opens a new conversation.
    const next = await anna.write('Ещё вопрос');
    expect(next).not.toBe(id);
  });

  it('always gives the client the full minute after a warning, even when the sweep comes late', async () => {
    const anna = await visitor();
    const id = await anna.write('Hello');
    await take(id);
    await reply(id, 'Hi! How can I help?');
    clock += 60 * MIN;
    const scope = account.system;
    const first = await perform(server.sb.services, scope, (ctx) =>
      careForIdle(ctx, { conversationId: id }),
    );
    expect(first.result).toEqual({ action: 'warn', closeAt: clock + MIN });
    clock += 59_000;
    const early = await perform(server.sb.services, scope, (ctx) =>
      careForIdle(ctx, { conversationId: id }),
    );
    expect(early.result.action).toBe('wait');
    clock += 1_000;
    const due = await perform(server.sb.services, scope, (ctx) =>
      careForIdle(ctx, { conversationId: id }),
    );
    expect(due.result.action).toBe('close');
  });

  it('never loses a client message that comes while the close is being written', async () => {
    const anna = await visitor();
    const id = await anna.write('Hello');
    await take(id);
    await reply(id, 'Hi!');
    clock += 4 * MIN;
    await server.sb.caretaker.sweep();
    clock += 1 * MIN;
    // The close holds the row lock while the client's message arrives; the
    // message waits, finds the conversation closed and opens a new one.
    const db = server.sb.services.db;
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let closing!: Promise<unknown>;
    const locked = new Promise<void>((resolve) => {
      closing = perform(server.sb.services, account.system, async (ctx) => {
        const outcome = await careForIdle(ctx, { conversationId: id });
        resolve();
        await held;
        return outcome;
      });
    });
    await locked;
    const writing = anna.write('Wait, one more thing!');
    // The message is blocked behind the close's lock until it commits.
    await expect
      .poll(async () => {
        const { rows } = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE wait_event_type = 'Lock' AND datname = current_database()`.execute(db);
        return rows[0]!.n;
      })
      .toBeGreaterThan(0);
    release();
    await closing;
    const newId = await writing;
    expect(newId).not.toBe(id);
    expect((await conversation(id)).state).toBe('closed');
    const texts = await db
      .selectFrom('messages')
      .select('text')
      .where('conversation_id', '=', newId)
      .execute();
    expect(texts.map((t) => t.text)).toEqual(['Wait, one more thing!']);
  });

  it('takes the channel setting from the admin: minutes, 0 for off; refuses too short with the field named', async () => {
    const admin = await loginHeaders(server.url, account.admin);
    const patch = (settings: Record<string, unknown>) =>
      fetch(`${server.url}/api/v1/channels/${account.channels.mail!.id}`, {
        method: 'PATCH',
        headers: admin,
        body: JSON.stringify({ settings }),
      });
    const short = await patch({ autoCloseMs: 30_000 });
    expect(short.status).toBe(400);
    expect(((await short.json()) as { error: { field: string } }).error.field).toBe(
      'settings.autoCloseMs',
    );
    expect((await patch({ autoCloseMs: 'soon' })).status).toBe(400);
    expect((await patch({ autoCloseMs: 0 })).status).toBe(200);
    expect((await patch({ autoCloseMs: null })).status).toBe(200);
    const row = await server.sb.services.db
      .selectFrom('channels')
      .select('settings')
      .where('id', '=', account.channels.mail!.id)
      .executeTakeFirstOrThrow();
    expect(row.settings.autoCloseMs).toBeUndefined();
  });

  it('leaves e-mail conversations alone by default', async () => {
    const channelId = account.channels.mail!.id;
    const { result: contact } = await perform(server.sb.services, account.system, (ctx) =>
      identifyContact(ctx, { channelId, externalId: 'boris@example.com', name: 'Boris' }),
    );
    const client = {
      accountId: account.accountId,
      actor: { kind: 'contact' as const, id: contact.id, channelId },
    };
    const { result } = await perform(server.sb.services, client, (ctx) =>
      receiveContactMessage(ctx, { channelId, contactId: contact.id, text: 'Invoice question' }),
    );
    const id = result.conversationId;
    await take(id);
    await reply(id, 'Here is your invoice.');
    clock += 30 * 24 * 60 * MIN;
    await server.sb.caretaker.sweep();
    expect((await conversation(id)).state).toBe('assigned');
    expect(await systemTexts(id)).toEqual([]);
  });
});
