// Example: with an API token, list the conversations waiting in the queue and
// answer the first one (take it, then write). Run against a server:
//   SWITCHBOARD_URL=http://localhost:3000 SWITCHBOARD_TOKEN=sbk_… npx tsx clients/js/examples/answer-waiting.ts "Hello!"
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createSwitchboardClient, ok, type Schemas, type SwitchboardClient } from '../src/index.js';

export interface Answered {
  conversation: Schemas['ConversationView'];
  message: Schemas['MessageView'];
}

/** Waiting conversations the token's operator may see, in the queue's order. */
export async function waitingConversations(client: SwitchboardClient) {
  const page = ok(
    await client.GET('/api/v1/conversations', { params: { query: { state: 'queued' } } }),
  );
  return page.conversations;
}

/** Takes the first waiting conversation and answers it; null when nobody waits. */
export async function answerFirstWaiting(
  client: SwitchboardClient,
  text: string,
): Promise<Answered | null> {
  const [first] = await waitingConversations(client);
  if (!first) return null;
  const path = { id: first.id };
  const { conversation } = ok(
    await client.POST('/api/v1/conversations/{id}/take', { params: { path } }),
  );
  // A retry with the same clientKey returns the same message instead of a second one.
  const { message } = ok(
    await client.POST('/api/v1/conversations/{id}/messages', {
      params: { path },
      body: { text, clientKey: randomUUID() },
    }),
  );
  return { conversation, message };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const baseUrl = process.env.SWITCHBOARD_URL;
  const token = process.env.SWITCHBOARD_TOKEN;
  if (!baseUrl || !token) {
    console.error('Set SWITCHBOARD_URL and SWITCHBOARD_TOKEN.');
    process.exit(2);
  }
  const client = createSwitchboardClient({ baseUrl, token });
  const answered = await answerFirstWaiting(client, process.argv[2] ?? 'Hello! How can I help?');
  console.log(
    answered
      ? `answered conversation ${answered.conversation.id} (message #${answered.message.seq})`
      : 'nobody is waiting',
  );
}
