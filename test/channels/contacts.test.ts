import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perform } from '../../src/actions/context.js';
import { closeConversation } from '../../src/actions/conversations/close-conversation.js';
import { buildAccount, storeName, type TestServer } from '../support/harness.js';
import { API_SECRET, postSigned } from './support/api-client.js';
import { startChannelServer, tokenHeaders } from './support/channels.js';

let server: TestServer;

beforeAll(async () => {
  server = await startChannelServer();
});
afterAll(() => server.close());

async function twoChannels() {
  const account = await buildAccount(server.sb.services, {
    operators: [{ name: 'Natalia', online: true }],
    channels: [
      { name: 'vk', kind: 'api', settings: { hmacSecret: API_SECRET } },
      { name: 'wa', kind: 'api', settings: { hmacSecret: API_SECRET } },
    ],
  });
  const write = async (channel: 'vk' | 'wa', id: string, contact: string) => {
    const url = `${server.url}/api/v1/channels/api/${account.channels[channel]!.publicKey}/messages`;
    const res = await postSigned(url, { id, contact: { id: contact, name: 'Мария' }, text: id });
    return (await res.json()) as { conversationId: string };
  };
  const contactOf = async (conversationId: string) =>
    (
      await server.sb.services.db
        .selectFrom('conversations')
        .select('contact_id')
        .where('id', '=', conversationId)
        .executeTakeFirstOrThrow()
    ).contact_id;
  return {
    account,
    write,
    contactOf,
    headers: await tokenHeaders(server.sb.services, account.scopeOf('Natalia')),
  };
}

describe(`contacts across channels (${storeName})`, () => {
  it('merges two contacts into one history, identities and all', async () => {
    const { account, write, contactOf, headers } = await twoChannels();
    const vk = await write('vk', 'a-1', 'vk-1');
    const wa = await write('wa', 'b-1', '+7 900 000-00-01');
    const [kept, merged] = [await contactOf(vk.conversationId), await contactOf(wa.conversationId)];
    expect(kept).not.toBe(merged);
    const res = await fetch(`${server.url}/api/v1/contacts/${kept}/merge`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ mergedContactId: merged }),
    });
    expect(res.status).toBe(200);
    expect(await contactOf(wa.conversationId)).toBe(kept);
    // The merged identity now finds the kept contact: the next message joins the same history.
    expect(await contactOf((await write('wa', 'b-2', '+7 900 000-00-01')).conversationId)).toBe(
      kept,
    );
    const gone = await server.sb.services.db
      .selectFrom('contacts')
      .select('id')
      .where('id', '=', merged)
      .execute();
    expect(gone).toEqual([]);
    const events = await server.sb.services.db
      .selectFrom('events')
      .select('payload')
      .where('account_id', '=', account.accountId)
      .where('type', '=', 'contact.merged')
      .execute();
    expect(events.map((e) => e.payload)).toEqual([{ contactId: kept, mergedContactId: merged }]);
  });

  it('refuses while both have an open conversation on the same channel', async () => {
    const { account, write, contactOf, headers } = await twoChannels();
    const one = await write('vk', 'c-1', 'vk-1');
    const two = await write('vk', 'c-2', 'vk-2');
    const [a, b] = [await contactOf(one.conversationId), await contactOf(two.conversationId)];
    const merge = () =>
      fetch(`${server.url}/api/v1/contacts/${a}/merge`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ mergedContactId: b }),
      });
    const refused = await merge();
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { field: string } }).error.field).toBe(
      'mergedContactId',
    );
    await perform(server.sb.services, account.system, (ctx) =>
      closeConversation(ctx, { conversationId: two.conversationId }),
    );
    expect((await merge()).status).toBe(200);
  });
});
