// The bot API contract (issue 17, docs/bot.md): each client message of a
// conversation in state 'bot' is posted to the external bot, signed, retried
// with the same delivery id, and the bot answers through the REST API with
// its token; a bot that stays silent or keeps failing hands the conversation
// over, so a broken bot never strands a client.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../channels/support/api-client.js';
import { startChannelServer, tokenHeaders, waitFor } from '../channels/support/channels.js';
import { type HttpSink, startHttpSink } from '../channels/support/http-sink.js';
import { buildAccount, type TestServer, visitorSession } from '../support/harness.js';

let server: TestServer;
let sink: HttpSink;

beforeAll(async () => {
  sink = await startHttpSink();
  server = await startChannelServer();
});
afterAll(async () => {
  await server.close();
  await sink.close();
});

async function withExternalBot(timeoutMs = 10_000) {
  const path = `/bot/${randomUUID()}`;
  const account = await buildAccount(server.sb.services, {
    operators: [{ name: 'Tatiana' }],
    channels: [
      {
        name: 'widget',
        kind: 'widget',
        settings: { bot: { mode: 'external', url: `${sink.url}${path}`, timeoutMs } },
      },
    ],
  });
  const admin = await tokenHeaders(server.sb.services, account.scopeOf('admin'));
  const channel = account.channels.widget!;
  const issued = await fetch(`${server.url}/api/v1/channels/${channel.id}/bot-credentials`, {
    method: 'POST',
    headers: admin,
    body: '{}',
  });
  expect(issued.status).toBe(200);
  const { secret, token } = (await issued.json()) as { secret: string; token: string };
  const visitor = await visitorSession(server.url, channel.publicKey);
  const write = async (text: string) => {
    const res = await fetch(`${server.url}/api/v1/visitor/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${visitor.token}` },
      body: JSON.stringify({ text }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { conversationId: string; message: { id: string } };
  };
  const bot = async (method: string, url: string, body?: unknown, auth = token) => {
    const res = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    // biome-ignore lint/suspicious/noExplicitAny: answers are read field by field
    return { status: res.status, body: (await res.json()) as any };
  };
  const received = () => sink.accepted.filter((r) => r.path === path);
  const conversation = (id: string) =>
    server.sb.services.db
      .selectFrom('conversations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  return { account, path, secret, token, write, bot, received, conversation };
}

describe('the bot API', () => {
  it('posts each client message signed, and the bot answers with buttons, idempotently, then hands over with a note', async () => {
    const { secret, write, bot, received, conversation } = await withExternalBot();
    const { conversationId, message } = await write('Where is my parcel?');
    const [post] = await waitFor('the post to the bot', async () => {
      const r = received();
      return r.length > 0 && r;
    });
    const ts = Number(post!.headers['x-switchboard-timestamp']);
    expect(post!.headers['x-switchboard-signature']).toBe(sign(secret, ts, post!.raw.toString()));
    expect(post!.json).toMatchObject({
      type: 'bot.message',
      conversation: { id: conversationId },
      message: { id: message.id, text: 'Where is my parcel?' },
    });
    expect(post!.headers['x-switchboard-delivery']).toBe(post!.json.deliveryId);
    const replyUrl = post!.json.replyUrl as string;
    expect(replyUrl).toBe(`${server.url}/api/v1/bot/conversations/${conversationId}`);

    const say = {
      text: 'Your parcel left the warehouse. Anything else?',
      buttons: [{ id: 'no', label: 'No, thanks' }],
      clientKey: 'answer-1',
    };
    const first = await bot('POST', `${replyUrl}/messages`, say);
    expect(first.status).toBe(201);
    expect(first.body.message).toMatchObject({ author: 'bot', buttons: say.buttons });
    const again = await bot('POST', `${replyUrl}/messages`, say);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, message: { id: first.body.message.id } });
    expect((await conversation(conversationId)).state).toBe('bot');

    const handed = await bot('POST', `${replyUrl}/hand-over`, { note: 'Wants a refund' });
    expect(handed.status).toBe(200);
    expect(handed.body.conversation.state).toBe('queued');
    const row = await conversation(conversationId);
    expect(row.queued_at!.getTime()).toBe(row.handed_over_at!.getTime());
    const note = await server.sb.services.db
      .selectFrom('transfers')
      .select('note')
      .where('conversation_id', '=', conversationId)
      .executeTakeFirst();
    expect(note?.note).toBe('Wants a refund');
    // The conversation is no longer the bot's.
    const late = await bot('POST', `${replyUrl}/messages`, { text: 'one more thing' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('conversation_not_with_bot');
  });

  it('retries a failed post with the same delivery id, and the bot can close as resolved', async () => {
    const { path, write, bot, received, conversation } = await withExternalBot();
    sink.failNext(1, 503, path);
    const { conversationId } = await write('Hello');
    const [post] = await waitFor('the retried post', async () => {
      const r = received();
      return r.length > 0 && r;
    });
    const all = sink.requests.filter((r) => r.path === path);
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(new Set(all.map((r) => r.headers['x-switchboard-delivery'])).size).toBe(1);
    const closed = await bot('POST', `${post!.json.replyUrl}/close`);
    expect(closed.status).toBe(200);
    const row = await conversation(conversationId);
    expect(row.state).toBe('closed');
    expect(row.closed_by).toBe('bot');
  });

  it('hands over when the bot does not answer in time', async () => {
    const { write, received, conversation, account } = await withExternalBot(1000);
    const { conversationId } = await write('Anyone there?');
    await waitFor('the post', async () => received().length > 0);
    const handed = await waitFor(
      'the hand-over after the timeout',
      async () => {
        const c = await conversation(conversationId);
        return c.state === 'queued' ? c : null;
      },
      8000,
    );
    expect(handed.handed_over_at).not.toBeNull();
    const event = await server.sb.services.db
      .selectFrom('events')
      .select('payload')
      .where('account_id', '=', account.accountId)
      .where('type', '=', 'conversation.handed_over')
      .executeTakeFirstOrThrow();
    expect(event.payload).toMatchObject({ reason: 'bot_failed' });
  });

  it('works with the example bot in examples/bot', async () => {
    const account = await buildAccount(server.sb.services, {
      channels: [{ name: 'widget', kind: 'widget' }],
    });
    const admin = await tokenHeaders(server.sb.services, account.scopeOf('admin'));
    const channel = account.channels.widget!;
    const issued = await fetch(`${server.url}/api/v1/channels/${channel.id}/bot-credentials`, {
      method: 'POST',
      headers: admin,
      body: '{}',
    });
    const { secret, token } = (await issued.json()) as { secret: string; token: string };
    const child = spawn(process.execPath, ['examples/bot/faq-bot.mjs'], {
      env: { ...process.env, BOT_SECRET: secret, BOT_TOKEN: token, PORT: '0' },
    });
    try {
      const port = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          const m = /listening on :(\d+)/.exec(d.toString());
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`the example bot exited: ${code}`)));
      });
      const set = await fetch(`${server.url}/api/v1/channels/${channel.id}`, {
        method: 'PATCH',
        headers: admin,
        body: JSON.stringify({
          settings: { bot: { mode: 'external', url: `http://127.0.0.1:${port}/` } },
        }),
      });
      expect(set.status).toBe(200);
      const visitor = await visitorSession(server.url, channel.publicKey);
      const res = await fetch(`${server.url}/api/v1/visitor/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${visitor.token}` },
        body: JSON.stringify({ text: 'What are your opening hours?' }),
      });
      const { conversationId } = (await res.json()) as { conversationId: string };
      const answer = await waitFor('the example bot to answer', async () =>
        server.sb.services.db
          .selectFrom('messages')
          .select(['text', 'buttons'])
          .where('conversation_id', '=', conversationId)
          .where('author_kind', '=', 'bot')
          .executeTakeFirst(),
      );
      expect(answer.text).toMatch(/open 9:00/);
      expect(answer.buttons).toEqual([{ id: 'done', label: 'No, thanks' }]);
    } finally {
      child.kill();
    }
  });

  it('refuses a wrong token and conversations of other channels', async () => {
    const one = await withExternalBot();
    const other = await withExternalBot();
    const { conversationId } = await one.write('Hi');
    const url = `${server.url}/api/v1/bot/conversations/${conversationId}/messages`;
    expect((await one.bot('POST', url, { text: 'x' }, 'sbb.nonsense')).status).toBe(401);
    expect((await one.bot('POST', url, { text: 'x' }, `${one.token}x`)).status).toBe(401);
    const foreign = await other.bot('POST', url, { text: 'x' });
    expect(foreign.status).toBe(404);
    const bad = await one.bot('POST', url, { text: 'x', buttons: [{ id: '', label: 'y' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('buttons.0.id');
  });
});
