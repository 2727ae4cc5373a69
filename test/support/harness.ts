// Test harness: a real Switchboard on PostgreSQL — the embedded server the run
// started (global-setup.ts) or TEST_DATABASE_URL's — and, when TEST_REDIS_URL
// is set (as .ci/run does), on Redis. Each test builds its own account instead
// of wiping data.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { createAccount } from '../../src/actions/accounts/create-account.js';
import { createChannel } from '../../src/actions/channels/create-channel.js';
import { perform, type Scope, type Services } from '../../src/actions/context.js';
import { createOperator } from '../../src/actions/operators/create-operator.js';
import { setOperatorStatus } from '../../src/actions/operators/set-operator-status.js';
import { createTeam } from '../../src/actions/teams/create-team.js';
import { type Config, loadConfig } from '../../src/config.js';
import { createMemoryBus } from '../../src/events/bus.js';
import { createSwitchboard, type Switchboard, type SwitchboardOptions } from '../../src/server.js';
import { openStore, type Store } from '../../src/store/database.js';
import type { DistributionMode, Role } from '../../src/store/schema.js';
import { fileDatabaseUrl, templateDatabaseUrl } from './file-databases.js';

const sharedDatabaseUrl = inject('testDatabaseUrl');
/**
 * Each test file (a process) works in a database of its own. Files run in
 * parallel, and a node's workers take any account's due work in their
 * database — right for the nodes of one installation, but between test files
 * it would make one file wait on another's deliveries. Several nodes started
 * within a file still share one database, as in production.
 */
const fileDatabase = fileDatabaseUrl(
  sharedDatabaseUrl,
  `${process.pid}_${randomUUID().slice(0, 8)}`,
);
export const databaseUrl: string = fileDatabase.url;
export const redisUrl = process.env.TEST_REDIS_URL || null;
/** Where the run's PostgreSQL comes from, for test names. */
export const storeName = process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded';

let databaseReady: Promise<void> | null = null;
function ensureDatabase(): Promise<void> {
  databaseReady ??= (async () => {
    const client = new pg.Client({ connectionString: sharedDatabaseUrl });
    await client.connect();
    try {
      // A copy of the migrated template: no migrations to run per file.
      await client.query(
        `CREATE DATABASE "${fileDatabase.name}" TEMPLATE "${templateDatabaseUrl(sharedDatabaseUrl).name}"`,
      );
    } finally {
      await client.end();
    }
  })();
  return databaseReady;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({
      DATA_DIR: 'memory://',
      SECRET: 'test-secret-0123456789abcdef',
      LOG_LEVEL: 'silent',
      // Tests run their CRMs, Bot API and mail servers on 127.0.0.1.
      OUTBOUND_ALLOW_LOOPBACK: '1',
    }),
    databaseUrl,
    redisUrl,
    dataDir: 'memory://',
    // Auto-close sweeps only where a test asks for it: other tests build
    // conversations with old timestamps that it would otherwise close.
    autoCloseSweepMs: 3_600_000,
    ...overrides,
  };
}

export async function openTestStore(): Promise<Store> {
  await ensureDatabase();
  return openStore({ databaseUrl, dataDir: 'memory://', poolSize: 10 });
}

/** A test store with in-process services (memory bus, real clock), for tests of actions without a server. */
export async function openTestServices(): Promise<{ store: Store; services: Services }> {
  const store = await openTestStore();
  return {
    store,
    services: { db: store.db, bus: createMemoryBus(), now: () => new Date(), random: Math.random },
  };
}

export interface TestServer {
  sb: Switchboard;
  url: string;
  wsUrl: string;
  close(): Promise<void>;
}

/** A listening server on a free port. Pass `store` to run several nodes on one database. */
export async function startTestServer(
  options: SwitchboardOptions & { config?: Partial<Config> } = {},
): Promise<TestServer> {
  await ensureDatabase();
  const config = testConfig(options.config);
  const sb = await createSwitchboard(config, { logger: pino({ level: 'silent' }), ...options });
  await sb.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = sb.app.server.address() as AddressInfo;
  sb.config.publicUrl = `http://127.0.0.1:${port}`;
  return {
    sb,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    close: () => sb.close(),
  };
}

export interface TestOperator {
  id: string;
  email: string;
  password: string;
  name: string;
}

export interface TestAccount {
  accountId: string;
  system: Scope;
  admin: TestOperator;
  teams: Record<string, string>;
  channels: Record<string, { id: string; publicKey: string }>;
  operator(name: string): TestOperator;
  scopeOf(name: string): Scope;
}

export interface AccountSpec {
  teams?: { name: string; mode: DistributionMode }[];
  operators?: {
    name: string;
    role?: Role;
    limit?: number;
    teams?: string[];
    languages?: string[];
    online?: boolean;
  }[];
  channels?: {
    name: string;
    kind?: 'widget' | 'telegram' | 'email' | 'api';
    priority?: number;
    team?: string;
    settings?: Record<string, unknown>;
  }[];
}

/** Builds a fresh account through the real actions: an admin, teams, operators, channels. */
export async function buildAccount(
  services: Services,
  spec: AccountSpec = {},
): Promise<TestAccount> {
  const accountId = randomUUID();
  const system: Scope = { accountId, actor: { kind: 'system' } };
  const tag = accountId.slice(0, 8);
  const password = 'correct horse battery';
  const people = new Map<string, TestOperator & { role: Role }>();
  const teams: Record<string, string> = {};
  const channels: Record<string, { id: string; publicKey: string }> = {};
  await perform(services, system, async (ctx) => {
    await createAccount(ctx, { name: `Test ${tag}` });
    for (const t of spec.teams ?? []) teams[t.name] = (await createTeam(ctx, t)).id;
    const operators = [{ name: 'admin', role: 'admin' as Role }, ...(spec.operators ?? [])];
    for (const o of operators) {
      const email = `${o.name.toLowerCase()}-${tag}@test.example`;
      const created = await createOperator(ctx, {
        email,
        name: o.name,
        password,
        role: o.role ?? 'operator',
        ...('limit' in o && o.limit !== undefined ? { limit: o.limit } : {}),
        languages: ('languages' in o && o.languages) || [],
        teamIds: (('teams' in o && o.teams) || []).map((t) => teams[t]!),
      });
      people.set(o.name, {
        id: created.id,
        email,
        password,
        name: o.name,
        role: o.role ?? 'operator',
      });
    }
    for (const c of spec.channels ?? [{ name: 'widget', kind: 'widget' as const, priority: 1 }]) {
      const ch = await createChannel(ctx, {
        kind: c.kind ?? 'widget',
        name: c.name,
        priority: c.priority ?? 1,
        defaultTeamId: c.team ? teams[c.team]! : null,
        settings: c.settings ?? {},
      });
      channels[c.name] = { id: ch.id, publicKey: ch.publicKey };
    }
  });
  for (const o of spec.operators ?? []) {
    if (o.online) {
      await perform(services, system, (ctx) =>
        setOperatorStatus(ctx, { operatorId: people.get(o.name)!.id, status: 'online' }),
      );
    }
  }
  const operator = (name: string) => {
    const p = people.get(name);
    if (!p) throw new Error(`no operator ${name}`);
    return p;
  };
  return {
    accountId,
    system,
    admin: operator('admin'),
    teams,
    channels,
    operator,
    scopeOf: (name) => ({
      accountId,
      actor: { kind: 'operator', id: operator(name).id, role: people.get(name)!.role },
    }),
  };
}

/** Logs in over HTTP and returns headers that authenticate cookie-session writes. */
export interface LoginHeaders extends Record<string, string> {
  cookie: string;
  'x-csrf-token': string;
  'content-type': string;
}

export async function loginHeaders(url: string, op: TestOperator): Promise<LoginHeaders> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: op.email, password: op.password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, 'x-csrf-token': body.csrfToken, 'content-type': 'application/json' };
}

/** A visitor session on a widget channel. */
export async function visitorSession(
  url: string,
  channelKey: string,
  extra: Record<string, unknown> = {},
) {
  const res = await fetch(`${url}/api/v1/widget/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channelKey, ...extra }),
  });
  if (!res.ok) throw new Error(`visitor session failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { token: string; contactId: string };
}
