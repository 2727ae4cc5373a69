import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyContact } from '../../src/actions/contacts/identify-contact.js';
import { perform, type Scope, type Services } from '../../src/actions/context.js';
import { closeConversation } from '../../src/actions/conversations/close-conversation.js';
import { createGroupCommit } from '../../src/actions/messages/group-commit.js';
import type { AppError } from '../../src/errors.js';
import type { Store } from '../../src/store/database.js';
import { buildAccount, openTestServices, storeName } from '../support/harness.js';

let store: Store;
let services: Services;

beforeAll(async () => {
  ({ store, services } = await openTestServices());
});
afterAll(() => store.close());

describe(`group commit (${storeName})`, () => {
  it.each([1, 4])(
    'writes a burst of concurrent messages in order with gap-free numbers, one ack each, duplicates once, failures alone (%i batches in flight)',
    async (concurrency) => {
      const account = await buildAccount(services);
      const channelId = account.channels.widget!.id;
      const clients: Scope[] = [];
      for (let i = 0; i < 20; i++) {
        const { result } = await perform(services, account.system, (ctx) =>
          identifyContact(ctx, { channelId, externalId: `v${i}` }),
        );
        clients.push({
          accountId: account.accountId,
          actor: { kind: 'contact', id: result.id, channelId },
        });
      }
      const gc = createGroupCommit(services, pino({ level: 'silent' }), { concurrency });
      const contactId = (s: Scope) => (s.actor.kind === 'contact' ? s.actor.id : '');
      // Open a conversation for client 0 and close it, so its next message opens a new one.
      const first = await gc.receive(clients[0]!, {
        channelId,
        contactId: contactId(clients[0]!),
        text: 'first',
        clientKey: 'c0',
      });
      await perform(services, account.system, (ctx) =>
        closeConversation(ctx, { conversationId: first.conversationId }),
      );
      const sends = clients.flatMap((scope, c) =>
        Array.from({ length: 10 }, (_, m) =>
          gc.receive(scope, {
            channelId,
            contactId: contactId(scope),
            text: `client ${c} message ${m}`,
            clientKey: `m${m}`,
          }),
        ),
      );
      const retries = clients.map((scope) =>
        gc.receive(scope, {
          channelId,
          contactId: contactId(scope),
          text: 'client retry',
          clientKey: 'm3',
        }),
      );
      const empty = gc
        .receive(clients[1]!, { channelId, contactId: contactId(clients[1]!), text: '   ' })
        .catch((e: AppError) => e.code);
      const results = await Promise.all(sends);
      expect(await empty).toBe('validation_failed');
      expect((await Promise.all(retries)).every((r) => r.duplicate)).toBe(true);
      expect(results.filter((r) => r.duplicate)).toHaveLength(0);
      for (const scope of clients) {
        const conv = results.find((r) => r.message.authorId === contactId(scope))!.conversationId;
        const rows = await store.db
          .selectFrom('messages')
          .select(['seq', 'text'])
          .where('conversation_id', '=', conv)
          .orderBy('seq')
          .execute();
        expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
        const c = clients.indexOf(scope);
        // A client's messages keep the order they were sent in, whichever batch took them.
        expect(rows.map((r) => r.text)).toEqual(
          Array.from({ length: 10 }, (_, m) => `client ${c} message ${m}`),
        );
      }
      expect(results[0]!.conversationId).not.toBe(first.conversationId);
    },
  );
});
