// The built-in bot in front of the queue, over the visitor API (issue 17):
// conversations start in state 'bot', the router leaves them alone, the bot
// answers from published articles, and a hand-over queues the conversation
// with its wait clock starting then; a "Yes" closes it as resolved by the bot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteCategory, updateChannel } from '../../src/actions/account/update-settings.js';
import { createArticle } from '../../src/actions/articles/create-article.js';
import { createCategory } from '../../src/actions/catalog/create-category.js';
import { perform } from '../../src/actions/context.js';
import { closeConversation } from '../../src/actions/conversations/close-conversation.js';
import { sendMessages } from '../../src/actions/messages/send-messages.js';
import { setOperatorStatus } from '../../src/actions/operators/set-operator-status.js';
import { tokenHeaders, waitFor } from '../channels/support/channels.js';
import {
  buildAccount,
  startTestServer,
  type TestServer,
  visitorSession,
} from '../support/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const BOT = {
  mode: 'builtin',
  menu: [
    { id: 'returns', label: { en: 'Returns' }, answer: { en: 'Returns are free within 30 days.' } },
  ],
  maxTurns: 3,
};

async function shop(online = true) {
  const account = await buildAccount(server.sb.services, {
    operators: [{ name: 'Tatiana', online }],
    channels: [{ name: 'widget', kind: 'widget', settings: { bot: BOT } }],
  });
  await perform(server.sb.services, account.scopeOf('admin'), (ctx) =>
    createArticle(ctx, {
      title: 'Delivery times',
      body: 'We deliver every order within 2–3 days.',
      language: 'en',
      tags: [],
      published: true,
    }),
  );
  const visitor = await visitorSession(server.url, account.channels.widget!.publicKey);
  const write = async (text: string) => {
    const res = await fetch(`${server.url}/api/v1/visitor/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${visitor.token}` },
      body: JSON.stringify({ text }),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { conversationId: string };
  };
  const db = server.sb.services.db;
  const conversation = (id: string) =>
    db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const transcript = async (id: string) =>
    (
      await db
        .selectFrom('messages')
        .select(['author_kind', 'text', 'buttons'])
        .where('conversation_id', '=', id)
        .orderBy('seq')
        .execute()
    ).map((m) => ({ author: m.author_kind, text: m.text, buttons: m.buttons }));
  return { account, write, conversation, transcript, db };
}

describe('the built-in bot', () => {
  it('greets, answers from an article, and hands over on "No" with the wait starting then', async () => {
    const { write, conversation, transcript, account, db } = await shop(false);
    const { conversationId } = await write('When will my order be delivered?');
    const started = await conversation(conversationId);
    expect(started.state).toBe('bot');
    expect(started.queued_at).toBeNull();
    const said = await transcript(conversationId);
    expect(said.map((m) => m.author)).toEqual(['contact', 'bot', 'bot', 'bot']);
    expect(said[1]!.text).toMatch(/^Hello!/);
    expect(said[1]!.buttons).toEqual([{ id: 'menu:returns', label: 'Returns' }]);
    expect(said[2]!.text).toContain('Delivery times');
    expect(said[3]!.buttons!.map((b) => b.id)).toEqual(['yes', 'no', 'person']);

    await write('No');
    const handed = await conversation(conversationId);
    expect(handed.state).toBe('queued');
    expect(handed.handed_over_at).not.toBeNull();
    expect(handed.queued_at!.getTime()).toBe(handed.handed_over_at!.getTime());
    expect(handed.queued_at!.getTime()).toBeGreaterThan(handed.created_at.getTime());
    const shows = await db
      .selectFrom('bot_article_shows')
      .select('helped')
      .where('conversation_id', '=', conversationId)
      .execute();
    expect(shows).toEqual([{ helped: false }]);
    const events = await db
      .selectFrom('events')
      .select(['type'])
      .where('account_id', '=', account.accountId)
      .where('conversation_id', '=', conversationId)
      .orderBy('id')
      .execute();
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === 'conversation.queued')).toHaveLength(1);
    expect(types.indexOf('conversation.handed_over')).toBeLessThan(
      types.indexOf('conversation.queued'),
    );
  });

  it('is never assigned by the router while the bot has it', async () => {
    const { write, conversation } = await shop(true);
    const { conversationId } = await write('Hi');
    // The router runs on every queue change; an assignment would have happened by the hand-over's.
    expect((await conversation(conversationId)).state).toBe('bot');
    await write('Talk to a person');
    const assigned = await waitFor('the router to assign after the hand-over', async () => {
      const c = await conversation(conversationId);
      return c.state === 'assigned' ? c : null;
    });
    expect(assigned.operator_id).not.toBeNull();
  });

  it('closes as resolved by the bot on "Yes", and a menu button answers with its text', async () => {
    const { write, conversation, transcript, db } = await shop(false);
    const { conversationId } = await write('Returns');
    const said = await transcript(conversationId);
    expect(said.at(-1)!.text).toBe('Returns are free within 30 days.');
    await write('delivery time');
    await write('Yes, thanks');
    const closed = await conversation(conversationId);
    expect(closed.state).toBe('closed');
    expect(closed.closed_by).toBe('bot');
    expect(closed.queued_at).toBeNull();
    const shows = await db
      .selectFrom('bot_article_shows')
      .select('helped')
      .where('conversation_id', '=', conversationId)
      .execute();
    expect(shows).toEqual([{ helped: true }]);
  });

  it('reports containment, hand-overs, time with the bot and the articles’ helped rate, per channel and as CSV', async () => {
    const { account, write } = await shop(false);
    const { conversationId: resolved } = await write('delivery time');
    await write('Yes');
    const second = await visitorSession(server.url, account.channels.widget!.publicKey);
    const post = (text: string) =>
      fetch(`${server.url}/api/v1/visitor/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${second.token}` },
        body: JSON.stringify({ text }),
      });
    await post('when is delivery');
    await post('No');
    const headers = await tokenHeaders(server.sb.services, account.scopeOf('admin'));
    const report = await fetch(`${server.url}/api/v1/reports/bot?by=channel`, { headers });
    expect(report.status).toBe(200);
    const { rows } = (await report.json()) as { rows: Record<string, unknown>[] };
    expect(rows).toEqual([
      expect.objectContaining({
        key: account.channels.widget!.id,
        label: 'widget',
        conversations: 2,
        resolvedByBot: 1,
        handedOver: 1,
        leftWithBot: 0,
        containmentRate: 0.5,
      }),
    ]);
    expect(rows[0]!.botTimeAvgS).toEqual(expect.any(Number));
    const articles = await fetch(`${server.url}/api/v1/reports/bot-articles`, { headers });
    expect(((await articles.json()) as { rows: unknown[] }).rows).toEqual([
      expect.objectContaining({
        title: 'Delivery times',
        shown: 2,
        helped: 1,
        notHelped: 1,
        helpedRate: 0.5,
      }),
    ]);
    const csv = await fetch(`${server.url}/api/v1/reports/bot?by=day&format=csv`, { headers });
    const text = await csv.text();
    expect(text.split('\n')[0]).toContain('containmentRate');
    expect(resolved).toBeTruthy();
  });

  it('counts first response and wait from the hand-over, and never a bot message as a reply', async () => {
    const { write, conversation, account } = await shop(false);
    const { conversationId } = await write('When will my order be delivered?');
    await write('Talk to a person');
    const services = server.sb.services;
    const tatiana = account.scopeOf('Tatiana');
    await perform(services, tatiana, (ctx) =>
      setOperatorStatus(ctx, { operatorId: account.operator('Tatiana').id, status: 'online' }),
    );
    const assigned = await waitFor('the assignment', async () => {
      const c = await conversation(conversationId);
      return c.state === 'assigned' ? c : null;
    });
    await perform(services, tatiana, (ctx) =>
      sendMessages(ctx, [
        { actor: tatiana.actor, input: { conversationId, text: 'Hello, I am Tatiana.' } },
      ]),
    );
    await perform(services, tatiana, (ctx) => closeConversation(ctx, { conversationId }));
    const row = await services.db
      .selectFrom('conversation_metrics')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .executeTakeFirstOrThrow();
    const reply = await services.db
      .selectFrom('messages')
      .select('created_at')
      .where('conversation_id', '=', conversationId)
      .where('author_kind', '=', 'operator')
      .executeTakeFirstOrThrow();
    expect(row.first_response_ms).toBeCloseTo(
      reply.created_at.getTime() - assigned.queued_at!.getTime(),
      -1,
    );
    expect(row.wait_ms).toBeCloseTo(
      assigned.assigned_at!.getTime() - assigned.queued_at!.getTime(),
      -1,
    );
    // Both client messages came before the operator's reply; the bot's answers did not answer them.
    expect(row.answered).toBe(2);
  });

  it('refuses bot settings that break a rule or name another account’s team, naming the field', async () => {
    const { account } = await shop(false);
    const other = await buildAccount(server.sb.services, {
      teams: [{ name: 'Elsewhere', mode: 'manual' }],
    });
    const headers = await tokenHeaders(server.sb.services, account.scopeOf('admin'));
    const patch = (bot: unknown) =>
      fetch(`${server.url}/api/v1/channels/${account.channels.widget!.id}`, {
        method: 'PATCH',
        headers,
        body: JSON.stringify({ settings: { bot } }),
      });
    const foreign = await patch({
      mode: 'builtin',
      menu: [{ id: 'x', label: { en: 'X' }, teamId: other.teams.Elsewhere, handOver: true }],
    });
    expect(foreign.status).toBe(400);
    expect(((await foreign.json()) as { error: { field: string } }).error.field).toBe(
      'settings.bot.menu.0.teamId',
    );
    const turns = await patch({ mode: 'builtin', maxTurns: 0 });
    expect(turns.status).toBe(400);
    expect(((await turns.json()) as { error: { field: string } }).error.field).toBe(
      'settings.bot.maxTurns',
    );
    const external = await patch({ mode: 'external', url: 'not a url' });
    expect(((await external.json()) as { error: { field: string } }).error.field).toBe(
      'settings.bot.url',
    );
  });

  it('still hands over when a menu button names a category deleted since', async () => {
    const services = server.sb.services;
    const account = await buildAccount(services, {
      channels: [{ name: 'widget', kind: 'widget' }],
    });
    const admin = account.scopeOf('admin');
    const { result: category } = await perform(services, admin, (ctx) =>
      createCategory(ctx, { name: 'Billing' }),
    );
    await perform(services, admin, (ctx) =>
      updateChannel(ctx, {
        channelId: account.channels.widget!.id,
        settings: {
          bot: {
            mode: 'builtin',
            menu: [
              { id: 'pay', label: { en: 'Payment' }, categoryId: category.id, handOver: true },
            ],
          },
        },
      }),
    );
    await perform(services, admin, (ctx) => deleteCategory(ctx, { categoryId: category.id }));
    const visitor = await visitorSession(server.url, account.channels.widget!.publicKey);
    const write = (text: string) =>
      fetch(`${server.url}/api/v1/visitor/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${visitor.token}` },
        body: JSON.stringify({ text }),
      });
    const opened = (await (await write('Hi')).json()) as { conversationId: string };
    expect((await write('Payment')).status).toBe(201);
    const row = await services.db
      .selectFrom('conversations')
      .select(['state', 'category_id'])
      .where('id', '=', opened.conversationId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'queued', category_id: null });
  });
});
