// clients/js against a real server: the example logs in with an API token,
// lists the waiting conversations and answers one; errors come back typed.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerFirstWaiting,
  waitingConversations,
} from '../../clients/js/examples/answer-waiting.js';
import { createSwitchboardClient, ok, SwitchboardError } from '../../clients/js/src/index.js';
import {
  buildAccount,
  loginHeaders,
  startTestServer,
  storeName,
  type TestAccount,
  type TestServer,
  visitorSession,
} from '../support/harness.js';

let server: TestServer;
let account: TestAccount;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  account = await buildAccount(server.sb.services, {
    teams: [{ name: 'Support', mode: 'manual' as const }],
    operators: [{ name: 'Ivan', teams: ['Support'], online: true }],
    channels: [{ name: 'widget', team: 'Support' }],
  });
  // The integration's token, made as an admin would make it (once).
  const ivan = await loginHeaders(server.url, account.operator('Ivan'));
  const made = await fetch(`${server.url}/api/v1/api-tokens`, {
    method: 'POST',
    headers: ivan,
    body: JSON.stringify({ name: 'client test' }),
  });
  expect(made.status).toBe(201);
  token = ((await made.json()) as { token: string }).token;
});
afterAll(() => server.close());

async function clientWrites(text: string): Promise<string> {
  const visitor = await visitorSession(server.url, account.channels.widget!.publicKey);
  const res = await fetch(`${server.url}/api/v1/visitor/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${visitor.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text, clientKey: randomUUID() }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { conversationId: string }).conversationId;
}

describe(`clients/js (${storeName})`, () => {
  it('lists waiting conversations and answers the first with an API token', async () => {
    const client = createSwitchboardClient({ baseUrl: `${server.url}/`, token });
    expect(await answerFirstWaiting(client, 'Hello')).toBeNull();

    const waiting = await clientWrites('Where is my order?');
    expect((await waitingConversations(client)).map((c) => c.id)).toEqual([waiting]);

    const answered = await answerFirstWaiting(client, 'Hello! Let me look.');
    expect(answered?.conversation).toMatchObject({
      id: waiting,
      state: 'assigned',
      operatorId: account.operator('Ivan').id,
    });
    expect(answered?.message).toMatchObject({ author: 'operator', text: 'Hello! Let me look.' });

    const { messages } = ok(
      await client.GET('/api/v1/conversations/{id}/messages', {
        params: { path: { id: waiting } },
      }),
    );
    const said = messages.filter((m) => m.author !== 'system');
    expect(said.map((m) => [m.author, m.text])).toEqual([
      ['contact', 'Where is my order?'],
      ['operator', 'Hello! Let me look.'],
    ]);
    expect(await waitingConversations(client)).toEqual([]);
  });

  it('gives errors in the documented shape', async () => {
    const client = createSwitchboardClient({ baseUrl: server.url, token });
    const missing = await client.GET('/api/v1/conversations/{id}', {
      params: { path: { id: randomUUID() } },
    });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.error.code).toBe('not_found');

    const stranger = createSwitchboardClient({ baseUrl: server.url, token: 'sbk_not-a-token' });
    const answer = await stranger.GET('/api/v1/me');
    expect(() => ok(answer)).toThrow(SwitchboardError);
    expect(answer.response.status).toBe(401);
    expect(answer.error?.error.code).toBe('unauthenticated');
  });
});
