// The faults bench's account, clients and database chores (bench/faults.ts),
// and the comparison of what clients were told with the tables.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAccount, newId } from '../../src/actions/accounts/create-account.js';
import { createChannel } from '../../src/actions/channels/create-channel.js';
import { identifyContact } from '../../src/actions/contacts/identify-contact.js';
import { perform, type Services } from '../../src/actions/context.js';
import { createOperator } from '../../src/actions/operators/create-operator.js';
import { setOperatorStatus } from '../../src/actions/operators/set-operator-status.js';
import { createApiToken } from '../../src/actions/sessions/create-api-token.js';
import { signVisitorToken } from '../../src/http/visitor-token.js';
import type { Store } from '../../src/store/database.js';
import { EMBEDDED_DATABASE } from '../../src/store/embedded-store.js';
import { connectAdmin } from '../args.js';

export const SECRET = 'bench-faults-secret-0123456789abcdef';

export type Fixture = Awaited<ReturnType<typeof seed>>;

export interface Ack {
  key: string;
  messageId: string;
}

export async function seed(services: Services, sizes: { visitors: number; operators: number }) {
  const accountId = newId();
  const system = { accountId, actor: { kind: 'system' as const } };
  const { result } = await perform(services, system, async (ctx) => {
    await createAccount(ctx, { name: 'Faults' });
    const channel = await createChannel(ctx, { kind: 'widget', name: 'site', priority: 1 });
    const operators: string[] = [];
    for (let i = 0; i < sizes.operators; i++) {
      const op = await createOperator(ctx, {
        email: `op${i}@faults.test`,
        name: `Operator ${i}`,
        password: null,
        role: 'operator',
        limit: 50,
      });
      operators.push(op.id);
    }
    const contacts: string[] = [];
    for (let i = 0; i < sizes.visitors + 2; i++)
      contacts.push(
        (await identifyContact(ctx, { channelId: channel.id, externalId: `visitor-${i}` })).id,
      );
    return { channelId: channel.id, operators, contacts };
  });
  const operators: { id: string; token: string }[] = [];
  for (const id of result.operators) {
    const scope = {
      accountId,
      actor: { kind: 'operator' as const, id, role: 'operator' as const },
    };
    const { result: token } = await perform(services, scope, (ctx) =>
      createApiToken(ctx, { name: 'faults' }),
    );
    await perform(services, scope, (ctx) =>
      setOperatorStatus(ctx, { operatorId: id, status: 'online' }),
    );
    operators.push({ id, token: token.token });
  }
  const tokens = result.contacts.map((contactId, i) =>
    signVisitorToken(
      SECRET,
      {
        accountId,
        channelId: result.channelId,
        contactId,
        visitorId: `visitor-${i}`,
      },
      { issuedAt: new Date(), seenAt: new Date() },
    ),
  );
  return {
    accountId,
    operators,
    visitors: tokens.slice(0, sizes.visitors),
    probes: tokens.slice(sizes.visitors),
  };
}

/** The `switchboard` database on the embedded server running in DATA_DIR (postmaster.pid line 4: the port). */
export function embeddedUrl(dataDir: string): string {
  const port = Number(
    readFileSync(join(dataDir, 'postgres/postmaster.pid'), 'utf8').split('\n')[3],
  );
  const password = readFileSync(join(dataDir, 'postgres.password'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
}

export async function terminateBackends(databaseUrl: string): Promise<void> {
  const client = await connectAdmin(databaseUrl);
  await client.query(
    `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  await client.end();
}

/**
 * What the clients were told, against the tables: `lost` acknowledged but not
 * stored, `falseAcks` acknowledged with an id that is not that message's row,
 * `duplicated` texts (each one clientKey) stored more than once.
 */
export async function tally(
  store: Store,
  accountId: string,
  acks: readonly Ack[],
): Promise<{ lost: number; duplicated: number; falseAcks: number }> {
  const keys = acks.map((a) => a.key);
  const rows = await store.db
    .selectFrom('messages')
    .select(['id', 'client_key', 'text'])
    .where('client_key', 'in', keys.length > 0 ? keys : ['-'])
    .execute();
  const byKey = new Map<string, { id: string; text: string }[]>();
  for (const r of rows) {
    const list = byKey.get(r.client_key!) ?? [];
    list.push({ id: r.id, text: r.text });
    byKey.set(r.client_key!, list);
  }
  const texts = await store.db
    .selectFrom('messages')
    .select(['text'])
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .groupBy('text')
    .having((eb) => eb.fn.countAll(), '>', 1)
    .execute();
  let lost = 0;
  let falseAcks = 0;
  for (const a of acks) {
    const found = byKey.get(a.key) ?? [];
    if (found.length === 0) lost += 1;
    else if (!found.some((f) => f.id === a.messageId && f.text === a.key)) falseAcks += 1;
  }

  return { lost, duplicated: texts.length, falseAcks };
}
