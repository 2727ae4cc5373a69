import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockContact } from '../../src/actions/contacts/block-contact.js';
import { identifyContact } from '../../src/actions/contacts/identify-contact.js';
import { perform, type Services } from '../../src/actions/context.js';
import { closeConversation } from '../../src/actions/conversations/close-conversation.js';
import { startConversation } from '../../src/actions/conversations/start-conversation.js';
import { takeConversation } from '../../src/actions/conversations/take-conversation.js';
import { receiveContactMessage } from '../../src/actions/messages/receive-contact-message.js';
import { sendMessage } from '../../src/actions/messages/send-message.js';
import { AppError } from '../../src/errors.js';
import type { Store } from '../../src/store/database.js';
import { buildAccount, openTestServices, storeName, type TestAccount } from '../support/harness.js';

let store: Store;
let services: Services;

beforeAll(async () => {
  ({ store, services } = await openTestServices());
});
afterAll(() => store.close());

async function contactIn(account: TestAccount, channel = 'widget') {
  const { result } = await perform(services, account.system, (ctx) =>
    identifyContact(ctx, {
      channelId: account.channels[channel]!.id,
      externalId: crypto.randomUUID(),
      name: 'Olga',
    }),
  );
  return {
    scope: {
      accountId: account.accountId,
      actor: { kind: 'contact' as const, id: result.id, channelId: account.channels[channel]!.id },
    },
    id: result.id,
  };
}

async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'no error';
}

describe(`conversations and messages (${storeName})`, () => {
  it('numbers messages gap-free and marks the first operator reply', async () => {
    const account = await buildAccount(services, {
      operators: [{ name: 'Natalia', online: true }],
    });
    const client = await contactIn(account);
    const first = await perform(services, client.scope, (ctx) =>
      receiveContactMessage(ctx, {
        channelId: account.channels.widget!.id,
        contactId: client.id,
        text: 'Hello',
      }),
    );
    expect(first.result.conversationCreated).toBe(true);
    expect(first.events.map((e) => e.type)).toEqual([
      'conversation.created',
      'conversation.queued',
      'message.created',
    ]);
    const conversationId = first.result.conversationId;
    await perform(services, account.system, (ctx) =>
      takeConversation(ctx, {
        conversationId,
        operatorId: account.operator('Natalia').id,
        by: 'router',
      }),
    );
    const reply = await perform(services, account.scopeOf('Natalia'), (ctx) =>
      sendMessage(ctx, { conversationId, text: 'Hi Olga, how can I help?' }),
    );
    expect(reply.result.message.seq).toBe(2);
    const row = await store.db
      .selectFrom('conversations')
      .selectAll()
      .where('id', '=', conversationId)
      .executeTakeFirstOrThrow();
    expect(row.first_operator_reply_at).not.toBeNull();
    expect(row.last_seq).toBe(2);
  });

  it('stores text and attachments exactly as sent, whatever characters they hold', async () => {
    const account = await buildAccount(services);
    const client = await contactIn(account);
    const text = 'Braces {a,b}, "quotes", back\\slash, NULL, tab\there, Привет 👋\nnew line';
    const attachments = [
      {
        id: crypto.randomUUID(),
        name: 'счёт "июнь" {1}.pdf',
        contentType: 'application/pdf',
        size: 42,
      },
    ];
    // An attachment is a reference to the sender's upload (its row says what it is).
    await store.db
      .insertInto('uploads')
      .values({
        id: attachments[0]!.id,
        account_id: account.accountId,
        name: attachments[0]!.name,
        content_type: 'application/pdf',
        size: 42,
        uploader_kind: 'contact',
        uploader_id: client.id,
        channel_id: account.channels.widget!.id,
      })
      .execute();
    const { result } = await perform(services, client.scope, (ctx) =>
      receiveContactMessage(ctx, {
        channelId: account.channels.widget!.id,
        contactId: client.id,
        text,
        attachments,
        clientKey: 'key, with "quotes"',
      }),
    );
    const row = await store.db
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', result.message.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ text, attachments, client_key: 'key, with "quotes"', seq: 1 });
    expect(row.external_id).toBeNull();
    expect(row.author_kind).toBe('contact');
    expect(row.author_id).toBe(client.id);
  });

  it('returns the original message for a retried send with the same key and writes nothing', async () => {
    const account = await buildAccount(services);
    const client = await contactIn(account);
    const send = () =>
      perform(services, client.scope, (ctx) =>
        receiveContactMessage(ctx, {
          channelId: account.channels.widget!.id,
          contactId: client.id,
          text: 'Once',
          clientKey: 'k-1',
        }),
      );
    const [a, b, c] = await Promise.all([send(), send(), send()]);
    const ids = new Set([a.result.message.id, b.result.message.id, c.result.message.id]);
    expect(ids.size).toBe(1);
    expect([a, b, c].filter((r) => !r.result.duplicate)).toHaveLength(1);
    const count = await store.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('conversation_id', '=', a.result.conversationId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('lets exactly one of three simultaneous takers win; the others hear "already taken"', async () => {
    const account = await buildAccount(services, {
      teams: [{ name: 'Sales', mode: 'manual' }],
      operators: ['Natalia', 'Tatiana', 'Maxim'].map((name) => ({
        name,
        teams: ['Sales'],
        online: true,
      })),
      channels: [{ name: 'widget', team: 'Sales' }],
    });
    const client = await contactIn(account);
    const { result } = await perform(services, client.scope, (ctx) =>
      startConversation(ctx, { channelId: account.channels.widget!.id, contactId: client.id }),
    );
    const outcomes = await Promise.allSettled(
      ['Natalia', 'Tatiana', 'Maxim'].map((name) =>
        perform(services, account.scopeOf(name), (ctx) =>
          takeConversation(ctx, {
            conversationId: result.conversation.id,
            operatorId: account.operator(name).id,
          }),
        ),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const codes = outcomes.flatMap((o) =>
      o.status === 'rejected' ? [(o.reason as AppError).code] : [],
    );
    expect(codes).toEqual(['conversation_already_taken', 'conversation_already_taken']);
  });

  it('refuses a taker at their limit and leaves the conversation in the queue', async () => {
    const account = await buildAccount(services, {
      operators: [{ name: 'Ivan', limit: 1, online: true }],
    });
    const [a, b] = [await contactIn(account), await contactIn(account)];
    const start = (c: typeof a) =>
      perform(services, c.scope, (ctx) =>
        startConversation(ctx, { channelId: account.channels.widget!.id, contactId: c.id }),
      );
    const [first, second] = [await start(a), await start(b)];
    const take = (id: string) =>
      perform(services, account.scopeOf('Ivan'), (ctx) =>
        takeConversation(ctx, { conversationId: id, operatorId: account.operator('Ivan').id }),
      );
    await take(first.result.conversation.id);
    expect(await errorCode(take(second.result.conversation.id))).toBe('operator_at_limit');
    const row = await store.db
      .selectFrom('conversations')
      .select('state')
      .where('id', '=', second.result.conversation.id)
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('queued');
  });

  it('frees the operator slot on close and records who closed', async () => {
    const account = await buildAccount(services, {
      operators: [{ name: 'Ivan', limit: 1, online: true }],
    });
    const client = await contactIn(account);
    const { result } = await perform(services, client.scope, (ctx) =>
      startConversation(ctx, { channelId: account.channels.widget!.id, contactId: client.id }),
    );
    await perform(services, account.scopeOf('Ivan'), (ctx) =>
      takeConversation(ctx, {
        conversationId: result.conversation.id,
        operatorId: account.operator('Ivan').id,
      }),
    );
    const closed = await perform(services, account.scopeOf('Ivan'), (ctx) =>
      closeConversation(ctx, { conversationId: result.conversation.id, targeted: true }),
    );
    expect(closed.result.closed_by).toBe('operator');
    const op = await store.db
      .selectFrom('operators')
      .select('open_count')
      .where('id', '=', account.operator('Ivan').id)
      .executeTakeFirstOrThrow();
    expect(op.open_count).toBe(0);
    expect(
      await errorCode(
        perform(services, client.scope, (ctx) =>
          sendMessage(ctx, { conversationId: result.conversation.id, text: 'late' }),
        ),
      ),
    ).toBe('conversation_closed');
  });

  it('refuses messages from a blocked contact', async () => {
    const account = await buildAccount(services, {
      operators: [{ name: 'Natalia', online: true }],
    });
    const client = await contactIn(account);
    await perform(services, account.scopeOf('Natalia'), (ctx) =>
      blockContact(ctx, { contactId: client.id, blocked: true }),
    );
    const attempt = perform(services, client.scope, (ctx) =>
      receiveContactMessage(ctx, {
        channelId: account.channels.widget!.id,
        contactId: client.id,
        text: 'spam',
      }),
    );
    expect(await errorCode(attempt)).toBe('contact_blocked');
  });

  it('writes nothing when an action fails half-way', async () => {
    const account = await buildAccount(services);
    const client = await contactIn(account);
    const attempt = perform(services, client.scope, async (ctx) => {
      await startConversation(ctx, {
        channelId: account.channels.widget!.id,
        contactId: client.id,
      });
      throw new AppError('internal');
    });
    expect(await errorCode(attempt)).toBe('internal');
    const rows = await store.db
      .selectFrom('conversations')
      .select('id')
      .where('contact_id', '=', client.id)
      .execute();
    const events = await store.db
      .selectFrom('events')
      .select('id')
      .where('account_id', '=', account.accountId)
      .where('type', '=', 'conversation.created')
      .execute();
    expect(rows).toHaveLength(0);
    expect(events).toHaveLength(0);
  });
});
