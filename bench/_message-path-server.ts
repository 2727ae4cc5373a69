// Child process of bench/message-path.ts: a real Switchboard (its embedded PostgreSQL with
// DATA_DIR a temporary folder, as `npm start` runs it, or PostgreSQL when DATABASE_URL is set) with N operators (limit 1, online, API
// tokens) and N visitors on one widget channel. Prints one JSON line with the
// address and the credentials, then serves until killed.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createAccount, newId } from '../src/actions/accounts/create-account.js';
import { createChannel } from '../src/actions/channels/create-channel.js';
import { identifyContact } from '../src/actions/contacts/identify-contact.js';
import { perform } from '../src/actions/context.js';
import { createOperator } from '../src/actions/operators/create-operator.js';
import { setOperatorStatus } from '../src/actions/operators/set-operator-status.js';
import { createApiToken } from '../src/actions/sessions/create-api-token.js';
import { loadConfig } from '../src/config.js';
import { signVisitorToken } from '../src/http/visitor-token.js';
import { createSwitchboard } from '../src/server.js';
import { profileOnSignal } from './_profile.js';

const n = Number(process.argv[2] ?? 100);
profileOnSignal(`server-${process.env.DATABASE_URL ? 'postgres' : 'embedded'}-${n}`);
const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
// As root the embedded server runs as user postgres, which must reach DATA_DIR.
chmodSync(dataDir, 0o755);
const config = loadConfig({
  ...process.env,
  DATA_DIR: dataDir,
  SECRET: 'bench-secret-0123456789abcdef',
  LOG_LEVEL: 'silent',
  ROUTING_SWEEP_MS: '600000',
  // One load generator plays every visitor from one address, as fast as it can.
  VISITOR_MESSAGES_PER_VISITOR: '0',
  VISITOR_MESSAGES_PER_ADDRESS: '0',
});
const sb = await createSwitchboard(config, { logger: pino({ level: 'silent' }) });
const services = sb.services;
const accountId = newId();
const system = { accountId, actor: { kind: 'system' as const } };

const { result: fixture } = await perform(services, system, async (ctx) => {
  await createAccount(ctx, { name: 'Bench' });
  const channel = await createChannel(ctx, { kind: 'widget', name: 'site', priority: 1 });
  const operators: string[] = [];
  for (let i = 0; i < n; i++) {
    const op = await createOperator(ctx, {
      email: `op${i}@bench.test`,
      name: `Operator ${i}`,
      password: null,
      role: 'operator',
      limit: 1,
    });
    operators.push(op.id);
  }
  const contacts: string[] = [];
  for (let i = 0; i < n; i++)
    contacts.push(
      (await identifyContact(ctx, { channelId: channel.id, externalId: `visitor-${i}` })).id,
    );
  return { channelId: channel.id, operators, contacts };
});

const operators: { id: string; token: string }[] = [];
for (const id of fixture.operators) {
  const scope = { accountId, actor: { kind: 'operator' as const, id, role: 'operator' as const } };
  const { result } = await perform(services, scope, (ctx) =>
    createApiToken(ctx, { name: 'bench' }),
  );
  await perform(services, scope, (ctx) =>
    setOperatorStatus(ctx, { operatorId: id, status: 'online' }),
  );
  operators.push({ id, token: result.token });
}
const visitors = fixture.contacts.map((contactId, i) =>
  signVisitorToken(
    config.secrets.current(),
    { accountId, channelId: fixture.channelId, contactId, visitorId: `visitor-${i}` },
    { issuedAt: new Date(), seenAt: new Date() },
  ),
);
await sb.app.listen({ port: 0, host: '127.0.0.1' });
const address = sb.app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(`${JSON.stringify({ url: `ws://127.0.0.1:${port}`, operators, visitors })}\n`);
process.on(
  'SIGTERM',
  () =>
    void sb.close().then(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    }),
);
