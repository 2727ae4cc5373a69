// Issue 15, "Find anything": lists with filters, full-text search, reopen,
// writing first, and categorising a chat the client ended — over HTTP, with
// the visibility rules of the workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory } from '../../src/actions/catalog/create-category.js';
import { identifyContact } from '../../src/actions/contacts/identify-contact.js';
import { perform } from '../../src/actions/context.js';
import { closeConversation } from '../../src/actions/conversations/close-conversation.js';
import { receiveContactMessage } from '../../src/actions/messages/receive-contact-message.js';
import { sendMessage } from '../../src/actions/messages/send-message.js';
import { HIT_END, HIT_START } from '../../src/domain/search/query.js';
import {
  buildAccount,
  type LoginHeaders,
  loginHeaders,
  startTestServer,
  storeName,
  type TestAccount,
  type TestServer,
} from '../support/harness.js';

let server: TestServer;
let a: TestAccount;
let b: TestAccount;
const as: Record<string, LoginHeaders> = {};

const spec = {
  teams: [
    { name: 'Support', mode: 'manual' as const },
    { name: 'Sales', mode: 'manual' as const },
  ],
  operators: [
    { name: 'Sveta', role: 'supervisor' as const, online: true },
    { name: 'Ivan', teams: ['Support'], online: true },
    { name: 'Petr', teams: ['Sales'], online: true, limit: 3 },
  ],
  channels: [
    { name: 'widget', team: 'Support' },
    { name: 'tg', kind: 'telegram' as const, team: 'Sales', priority: 2 },
    { name: 'mail', kind: 'email' as const, team: 'Support', priority: 3 },
  ],
};

beforeAll(async () => {
  server = await startTestServer();
  a = await buildAccount(server.sb.services, spec);
  b = await buildAccount(server.sb.services, spec);
  for (const name of ['Sveta', 'Ivan', 'Petr'])
    as[name] = await loginHeaders(server.url, a.operator(name));
  as.other = await loginHeaders(server.url, b.operator('Ivan'));
});
afterAll(() => server.close());

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const { 'content-type': _type, ...bare } = headers;
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: body === undefined ? bare : headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** A client writes on a channel of the account; returns their contact and conversation. */
async function clientSays(
  account: TestAccount,
  channel: string,
  text: string,
  who: { name?: string; email?: string; phone?: string; externalId?: string } = {},
) {
  const channelId = account.channels[channel]!.id;
  const { result: contact } = await perform(server.sb.services, account.system, (ctx) =>
    identifyContact(ctx, {
      channelId,
      externalId: who.externalId ?? crypto.randomUUID(),
      name: who.name ?? 'Olga',
      email: who.email ?? null,
      phone: who.phone ?? null,
    }),
  );
  const scope = {
    accountId: account.accountId,
    actor: { kind: 'contact' as const, id: contact.id, channelId },
  };
  const { result } = await perform(server.sb.services, scope, (ctx) =>
    receiveContactMessage(ctx, { channelId, contactId: contact.id, text }),
  );
  return { contactId: contact.id, conversationId: result.conversationId, scope };
}

type Hit = { conversation: { id: string }; snippet: { text: string; hit: boolean }[] };

const search = (who: string, q: string) =>
  call('GET', `/search?q=${encodeURIComponent(q)}`, as[who]!);

const found = (res: { body: { messages: Hit[] } }) =>
  res.body.messages.map((m) => m.conversation.id);

const hitIn = (res: { body: { messages: Hit[] } }, conversationId: string) =>
  res.body.messages.find((m) => m.conversation.id === conversationId)!;

describe(`search (${storeName})`, () => {
  it('finds a Russian message by another word form and marks the match', async () => {
    const c = await clientSays(a, 'widget', 'Заказ где? Жду уже неделю');
    const res = await search('Ivan', 'заказами');
    expect(res.status).toBe(200);
    const hit = hitIn(res, c.conversationId);
    expect(hit).toMatchObject({ seq: 1, author: 'contact' });
    expect(hit.snippet).toEqual([
      { text: 'Заказ', hit: true },
      { text: ' где? Жду уже неделю', hit: false },
    ]);
  });

  it('stems Ukrainian and English too', async () => {
    const uk = await clientSays(a, 'widget', 'Надішліть, будь ласка, рахунки за замовлення');
    const en = await clientSays(a, 'widget', 'My orders were delivered late');
    expect(found(await search('Ivan', 'рахунку'))).toContain(uk.conversationId);
    expect(found(await search('Ivan', 'замовленням'))).toContain(uk.conversationId);
    expect(found(await search('Ivan', 'ordered deliver'))).toContain(en.conversationId);
    expect(found(await search('Ivan', 'order replacement'))).not.toContain(en.conversationId);
  });

  it('returns matches as plain text: markup stays text, fake markers are dropped', async () => {
    const evil = `<img src=x onerror=alert(1)> ${HIT_START}посылка${HIT_END} <b>bold</b> посылку`;
    const c = await clientSays(a, 'widget', evil);
    const hit = hitIn(await search('Ivan', 'посылка'), c.conversationId);
    const text = hit.snippet.map((s) => s.text).join('');
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect(text).toContain('<b>bold</b>');
    expect(text).not.toMatch(/[\uE000\uE001]/);
    expect(hit.snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['посылка', 'посылку']);
  });

  it('finds only what the searcher may see: other teams stay hidden, other accounts never show', async () => {
    const sales = await clientSays(a, 'tg', 'Хочу купить ХОЛОДИЛЬНИК');
    const support = await clientSays(a, 'widget', 'Сломался холодильник');
    const elsewhere = await clientSays(b, 'widget', 'Холодильник не морозит');
    expect(found(await search('Ivan', 'холодильники'))).toEqual([support.conversationId]);
    expect(found(await search('Petr', 'холодильники'))).toEqual([sales.conversationId]);
    expect(found(await search('Sveta', 'холодильники')).sort()).toEqual(
      [sales.conversationId, support.conversationId].sort(),
    );
    expect(found(await search('other', 'холодильники'))).toEqual([elsewhere.conversationId]);
  });

  it('finds contacts by name, e-mail, phone digits and channel identity, within visibility', async () => {
    const mail = await clientSays(a, 'mail', 'Hello', {
      name: 'Zinaida Kovalenko',
      email: 'zina@shop.example',
      externalId: 'zina@shop.example',
      phone: '+7 (912) 555-01-02',
    });
    const tg = await clientSays(a, 'tg', 'Hi', { name: 'Zinaida Petrova', externalId: '777001' });
    const ids = async (who: string, q: string) =>
      (await search(who, q)).body.contacts.map((c: { id: string }) => c.id);
    expect(await ids('Ivan', 'zinai')).toEqual([mail.contactId]);
    expect(await ids('Sveta', 'Zinaida')).toEqual([tg.contactId, mail.contactId]);
    expect(await ids('Ivan', 'zina@shop.example')).toEqual([mail.contactId]);
    expect(await ids('Ivan', '+7 912 555')).toEqual([mail.contactId]);
    expect(await ids('Petr', '777001')).toEqual([tg.contactId]);
    expect(await ids('Ivan', '777001')).toEqual([]);
    expect(await ids('other', 'Zinaida')).toEqual([]);
    // Cyrillic names are case-folded on any server locale (the embedded one runs in C).
    const yaroslava = await clientSays(a, 'widget', 'Добрий день', { name: 'Ярослава Ковальчук' });
    expect(await ids('Ivan', 'ярослава КОВАЛЬ')).toEqual([yaroslava.contactId]);
    const first = (await search('Ivan', 'zinaida')).body.contacts[0];
    expect(first).toMatchObject({ name: 'Zinaida Kovalenko', conversationId: mail.conversationId });
  });

  it('pages newest first by cursor and refuses bad input with the field', async () => {
    for (let i = 0; i < 3; i++) await clientSays(a, 'widget', `Вопрос про гарантию номер ${i}`);
    const first = await call('GET', '/search?q=гарантия&limit=2', as.Ivan!);
    expect(first.body.messages).toHaveLength(2);
    const next = await call(
      'GET',
      `/search?q=гарантия&limit=2&cursor=${first.body.nextCursor}`,
      as.Ivan!,
    );
    expect(next.body.messages).toHaveLength(1);
    expect(next.body.nextCursor).toBeNull();
    const all = [...first.body.messages, ...next.body.messages].map(
      (m: { createdAt: string }) => m.createdAt,
    );
    expect(all).toEqual([...all].sort().reverse());
    expect((await call('GET', '/search?q=%20', as.Ivan!)).body.error.field).toBe('q');
    expect((await call('GET', '/search?q=x&cursor=nonsense', as.Ivan!)).body.error.field).toBe(
      'cursor',
    );
    expect((await call('GET', '/search?q=и', as.Ivan!)).body.messages).toEqual([]);
  });
});

describe(`conversation lists (${storeName})`, () => {
  it('lists open and closed conversations with filters, paged, within visibility', async () => {
    const { result: category } = await perform(server.sb.services, a.scopeOf('admin'), (ctx) =>
      createCategory(ctx, { name: `Returns ${crypto.randomUUID().slice(0, 6)}` }),
    );
    const closed = await clientSays(a, 'widget', 'Верните деньги');
    await perform(server.sb.services, a.system, (ctx) =>
      closeConversation(ctx, { conversationId: closed.conversationId, categoryId: category.id }),
    );
    const sales = await clientSays(a, 'tg', 'Сколько стоит доставка');
    const list = (who: string, query: string) => call('GET', `/conversations?${query}`, as[who]!);
    const ids = (res: { body: { conversations: { id: string }[] } }) =>
      res.body.conversations.map((c) => c.id);

    expect(ids(await list('Ivan', 'state=closed'))).toContain(closed.conversationId);
    expect(ids(await list('Ivan', `state=closed&categoryId=${category.id}`))).toEqual([
      closed.conversationId,
    ]);
    expect(ids(await list('Ivan', 'state=open'))).not.toContain(sales.conversationId);
    expect(ids(await list('Petr', 'state=open'))).toContain(sales.conversationId);
    expect(ids(await list('Sveta', `state=open&teamId=${a.teams.Sales}`))).toContain(
      sales.conversationId,
    );
    expect(ids(await list('Sveta', `channelId=${a.channels.tg!.id}`))).not.toContain(
      closed.conversationId,
    );
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(ids(await list('Sveta', `from=${future}`))).toEqual([]);

    const page1 = await list('Sveta', 'limit=2');
    expect(page1.body.conversations).toHaveLength(2);
    const page2 = await list('Sveta', `limit=2&cursor=${page1.body.nextCursor}`);
    expect(ids(page2)).not.toContain(ids(page1)[0]);
    expect(page2.body.conversations[0].createdAt <= page1.body.conversations[1].createdAt).toBe(
      true,
    );

    const bad = await list('Ivan', `channelId=${b.channels.widget!.id}`);
    expect(bad).toMatchObject({ status: 400, body: { error: { field: 'channelId' } } });
    expect((await list('Ivan', 'state=lost')).body.error.field).toBe('state');
    expect((await list('Ivan', 'from=yesterday')).body.error.field).toBe('from');
  });
});

describe(`writing first (${storeName})`, () => {
  it('reopens a closed conversation as a new one of mine in the same thread of history', async () => {
    const old = await clientSays(a, 'tg', 'Спасибо, всё получил', { externalId: '555123' });
    await perform(server.sb.services, a.system, (ctx) =>
      closeConversation(ctx, { conversationId: old.conversationId }),
    );
    const hidden = await call('POST', `/conversations/${old.conversationId}/reopen`, as.Ivan!, {});
    expect(hidden.status).toBe(404);
    const res = await call('POST', `/conversations/${old.conversationId}/reopen`, as.Petr!, {});
    expect(res.status).toBe(201);
    expect(res.body.conversation).toMatchObject({
      state: 'assigned',
      operatorId: a.operator('Petr').id,
      contactId: old.contactId,
      channelId: a.channels.tg!.id,
      reopenedFromId: old.conversationId,
    });
    expect(res.body.conversation.id).not.toBe(old.conversationId);
    const again = await call(
      'POST',
      `/conversations/${res.body.conversation.id}/reopen`,
      as.Petr!,
      {},
    );
    expect(again.status).toBe(409);
    // The old one stays closed with its own numbers.
    const before = await call('GET', `/conversations/${old.conversationId}`, as.Petr!);
    expect(before.body.conversation.state).toBe('closed');
  });

  it('starts a conversation with a known contact; the first message goes out by the delivery path', async () => {
    const known = await clientSays(a, 'tg', 'Напишите мне, когда придёт товар', {
      externalId: '555777',
    });
    await perform(server.sb.services, a.system, (ctx) =>
      closeConversation(ctx, { conversationId: known.conversationId }),
    );
    const body = { contactId: known.contactId, channelId: a.channels.tg!.id };
    const res = await call('POST', '/conversations', as.Petr!, body);
    expect(res.status).toBe(201);
    const conversationId = res.body.conversation.id as string;
    expect(res.body.conversation).toMatchObject({ state: 'assigned', reopenedFromId: null });
    expect((await call('POST', '/conversations', as.Petr!, body)).body).toMatchObject({
      created: false,
      conversation: { id: conversationId },
    });
    const sent = await call('POST', `/conversations/${conversationId}/messages`, as.Petr!, {
      text: 'Товар пришёл!',
    });
    expect(sent.status).toBe(201);
    await expect
      .poll(
        async () =>
          (
            await server.sb.services.db
              .selectFrom('deliveries')
              .select('message_id')
              .where('conversation_id', '=', conversationId)
              .execute()
          ).map((d) => d.message_id),
        { timeout: 10_000 },
      )
      .toEqual([sent.body.message.id]);

    // E-mail needs an address; a website visitor cannot be written to first.
    const mail = await call('POST', '/conversations', as.Sveta!, {
      contactId: known.contactId,
      channelId: a.channels.mail!.id,
    });
    expect(mail).toMatchObject({ status: 400, body: { error: { field: 'channelId' } } });
    const widget = await call('POST', '/conversations', as.Sveta!, {
      contactId: known.contactId,
      channelId: a.channels.widget!.id,
    });
    expect(widget).toMatchObject({ status: 400, body: { error: { field: 'channelId' } } });
    const withEmail = await clientSays(a, 'tg', 'Hi', { email: 'buyer@shop.example' });
    const byMail = await call('POST', '/conversations', as.Sveta!, {
      contactId: withEmail.contactId,
      channelId: a.channels.mail!.id,
      subject: 'Your order',
    });
    expect(byMail.status).toBe(201);
    // Ivan (Support) sees none of this contact's conversations (Sales).
    const notMine = await call('POST', '/conversations', as.Ivan!, {
      contactId: known.contactId,
      channelId: a.channels.tg!.id,
    });
    expect(notMine.body.error.field).toBe('contactId');
  });

  it('refuses an operator at their limit, in the first person', async () => {
    const petr = a.operator('Petr');
    const c = await clientSays(a, 'tg', 'Привет', { externalId: '555999' });
    await perform(server.sb.services, a.system, (ctx) =>
      closeConversation(ctx, { conversationId: c.conversationId }),
    );
    const { open_count: before } = await server.sb.services.db
      .selectFrom('operators')
      .select('open_count')
      .where('id', '=', petr.id)
      .executeTakeFirstOrThrow();
    await server.sb.services.db
      .updateTable('operators')
      .set({ open_count: 3 })
      .where('id', '=', petr.id)
      .execute();
    try {
      const res = await call('POST', `/conversations/${c.conversationId}/reopen`, as.Petr!, {});
      expect(res).toMatchObject({ status: 409, body: { error: { code: 'operator_at_limit' } } });
      expect(res.body.error.message).toMatch(/^I am at my limit of 3/);
    } finally {
      await server.sb.services.db
        .updateTable('operators')
        .set({ open_count: before })
        .where('id', '=', petr.id)
        .execute();
    }
  });
});

describe(`after the client ended the chat (${storeName})`, () => {
  it("lets the conversation's operator set category, target mark and note", async () => {
    const { result: category } = await perform(server.sb.services, a.scopeOf('admin'), (ctx) =>
      createCategory(ctx, { name: `Delivery ${crypto.randomUUID().slice(0, 6)}` }),
    );
    const c = await clientSays(a, 'widget', 'Когда доставка?');
    const take = await call('POST', `/conversations/${c.conversationId}/take`, as.Ivan!, {});
    expect(take.status).toBe(200);
    await perform(server.sb.services, a.scopeOf('Ivan'), (ctx) =>
      sendMessage(ctx, { conversationId: c.conversationId, text: 'Завтра' }),
    );
    await perform(server.sb.services, c.scope, (ctx) =>
      closeConversation(ctx, { conversationId: c.conversationId }),
    );
    const res = await call('PATCH', `/conversations/${c.conversationId}/category`, as.Ivan!, {
      categoryId: category.id,
      targeted: true,
      note: 'Asked about delivery; answered.',
    });
    expect(res.status).toBe(200);
    expect(res.body.conversation).toMatchObject({
      state: 'closed',
      closedBy: 'contact',
      categoryId: category.id,
      targeted: true,
      closeNote: 'Asked about delivery; answered.',
    });
    const petr = await call('PATCH', `/conversations/${c.conversationId}/category`, as.Petr!, {
      note: 'mine now',
    });
    expect(petr.status).toBe(403);
    const tooLong = await call('PATCH', `/conversations/${c.conversationId}/category`, as.Ivan!, {
      note: 'x'.repeat(2001),
    });
    expect(tooLong.body.error.field).toBe('note');
  });
});
