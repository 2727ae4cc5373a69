// Shared set-up of the channel tests: a server with fast workers, polling for a
// condition, and reading what landed in the database.
import { perform, type Scope, type Services } from '../../../src/actions/context.js';
import { createApiToken } from '../../../src/actions/sessions/create-api-token.js';
import type { ChannelsOverrides } from '../../../src/channels/options.js';
import type { StoredEvent } from '../../../src/events/catalog.js';
import { startTestServer, type TestServer } from '../../support/harness.js';

/** Workers that react in milliseconds and retry after tens of milliseconds. */
export const FAST_CHANNELS: ChannelsOverrides = {
  pollMs: 100,
  superviseMs: 200,
  timeoutMs: 5_000,
  leaseMs: 10_000,
  telegramPollSeconds: 0,
  retry: { baseMs: 30, maxMs: 200, maxAttempts: 4 },
  smtp: null,
};

export function startChannelServer(
  overrides: ChannelsOverrides = {},
  options: Parameters<typeof startTestServer>[0] = {},
): Promise<TestServer> {
  return startTestServer({ ...options, channels: { ...FAST_CHANNELS, ...overrides } });
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Messages of the account, by default only the clients' (notices and replies left out). */
export function messagesOf(services: Services, accountId: string, authors: string[] = ['contact']) {
  return services.db
    .selectFrom('messages as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .select([
      'm.id',
      'm.text',
      'm.seq',
      'm.author_kind',
      'm.external_id',
      'm.attachments',
      'm.conversation_id',
      'c.contact_id',
    ])
    .where('m.account_id', '=', accountId)
    .where('m.author_kind', 'in', authors as ('contact' | 'operator' | 'bot' | 'system')[])
    .orderBy('m.created_at')
    .orderBy('m.seq')
    .execute();
}

export function deliveriesOf(services: Services, accountId: string) {
  return services.db
    .selectFrom('deliveries')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .execute();
}

/** Every committed event of an account, in order (the outbox is the record). */
export async function eventsOf(services: Services, accountId: string): Promise<StoredEvent[]> {
  const rows = await services.db
    .selectFrom('events')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
  return rows.map(
    (r) =>
      ({
        type: r.type,
        payload: r.payload,
        conversationId: r.conversation_id,
      }) as unknown as StoredEvent,
  );
}

/**
 * Headers of an operator API token: integrations (and these tests) call the API
 * this way, without the login form's rate limit.
 */
export async function tokenHeaders(
  services: Services,
  scope: Scope,
): Promise<Record<string, string>> {
  const { result } = await perform(services, scope, (ctx) => createApiToken(ctx, { name: 'test' }));
  return { authorization: `Bearer ${result.token}`, 'content-type': 'application/json' };
}
