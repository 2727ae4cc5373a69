// The bot on the API channel (issue 17, docs/bot.md): its buttons travel in
// the outbound payload, and the client's choice comes back as the label.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, storeName, type TestServer } from '../support/harness.js';
import { API_SECRET, postSigned } from './support/api-client.js';
import { startChannelServer, waitFor } from './support/channels.js';
import { type HttpSink, startHttpSink } from './support/http-sink.js';

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

describe(`the bot on the API channel (${storeName})`, () => {
  it('sends buttons in the payload and reads the label sent back', async () => {
    const path = `/outbound/${randomUUID()}`;
    const account = await buildAccount(server.sb.services, {
      channels: [
        {
          name: 'vk',
          kind: 'api',
          settings: {
            hmacSecret: API_SECRET,
            outboundUrl: `${sink.url}${path}`,
            bot: {
              mode: 'builtin',
              menu: [{ id: 'person', label: { en: 'Talk to a person' }, handOver: true }],
            },
          },
        },
      ],
    });
    const inbound = `${server.url}/api/v1/channels/api/${account.channels.vk!.publicKey}/messages`;
    const contact = { id: 'vk-1', name: 'Maria' };
    const first = await postSigned(inbound, { id: 'm-1', contact, text: 'Hello there' });
    expect(first.status).toBeLessThan(300);
    const greeting = await waitFor('the greeting with buttons', async () =>
      sink.accepted.find(
        (r) => r.path === path && (r.json.message as { buttons?: unknown }).buttons,
      ),
    );
    expect((greeting.json.message as { buttons: unknown }).buttons).toEqual([
      { id: 'menu:person', label: 'Talk to a person' },
    ]);
    await postSigned(inbound, { id: 'm-2', contact, text: 'Talk to a person' });
    const conv = await waitFor('the hand-over', async () => {
      const row = await server.sb.services.db
        .selectFrom('conversations')
        .select(['state', 'handed_over_at'])
        .where('account_id', '=', account.accountId)
        .executeTakeFirst();
      return row?.state === 'queued' ? row : null;
    });
    expect(conv.handed_over_at).not.toBeNull();
  });
});
