// Configuration comes from the environment only (README § Configuration).
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { OutboundPolicy } from './channels/outbound-address.js';
import { envSecrets, fileSecrets, type Secrets } from './secrets.js';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  /** Names this installation's bus channels in Redis: installations (or bench runs) sharing one Redis stay apart. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits and _ . : - only, at most 64')
    .default('switchboard'),
  /** Bearer token for GET /metrics; without it the endpoint does not exist. */
  METRICS_TOKEN: z.string().min(16).optional(),
  SECRET: z.string().min(16).optional(),
  /** Earlier values of SECRET, comma-separated: they verify tokens during the grace period. */
  SECRET_PREVIOUS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().min(16))),
  /** When SECRET last changed (ISO 8601); the grace period counts from it, else from the start. */
  SECRET_ROTATED_AT: z.coerce.date().optional(),
  SECRET_GRACE_HOURS: z.coerce.number().min(0).default(24),
  /** A visitor token unused (no new session) for this long is refused. */
  VISITOR_TOKEN_IDLE_DAYS: z.coerce.number().min(0).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SWITCHBOARD_DEMO: z.enum(['0', '1']).default('1'),
  SWITCHBOARD_DEMO_PASSWORD: z.string().optional(),
  /** Days of generated history the start demo gets (issue 18); 0: none. */
  SWITCHBOARD_DEMO_HISTORY_DAYS: z.coerce.number().int().min(0).max(92).default(7),
  ROUTING_SWEEP_MS: z.coerce.number().int().min(1000).default(15_000),
  /** Auto-close's safety-net sweep (src/processors/caretaker.ts); closes themselves come on timers. */
  AUTO_CLOSE_SWEEP_MS: z.coerce.number().int().min(1000).default(30_000),
  OFFLINE_GRACE_MS: z.coerce.number().int().min(0).default(60_000),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  DB_LOCK_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  DB_IDLE_TX_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  DB_KEEPALIVE_MS: z.coerce.number().int().min(1000).default(5_000),
  DB_UNAVAILABLE_WAIT_MS: z.coerce.number().int().min(1000).default(10_000),
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(10 * 1024 * 1024),
  TRUST_PROXY: z.string().default('false').transform(parseTrustProxy),
  OUTBOUND_ALLOW_LOOPBACK: z.enum(['0', '1']).default('0'),
  OUTBOUND_DENY_PRIVATE: z.enum(['0', '1']).default('0'),
  REPORT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  // Visitor budgets per minute (src/http/visitor-limits.ts); 0 turns one off.
  VISITOR_SESSIONS_PER_ADDRESS: z.coerce.number().int().min(0).default(30),
  VISITOR_MESSAGES_PER_VISITOR: z.coerce.number().int().min(0).default(60),
  VISITOR_MESSAGES_PER_ADDRESS: z.coerce.number().int().min(0).default(600),
  VISITOR_READS_PER_VISITOR: z.coerce.number().int().min(0).default(120),
  VISITOR_ACTIONS_PER_VISITOR: z.coerce.number().int().min(0).default(20),
  WIDGET_CONFIG_PER_ADDRESS: z.coerce.number().int().min(0).default(120),
  TELEGRAM_WEBHOOKS_PER_ADDRESS: z.coerce.number().int().min(0).default(1200),
  API_CHANNEL_REQUESTS_PER_ADDRESS: z.coerce.number().int().min(0).default(1200),
  // Log-in budgets (src/http/rate-limits.ts): a whole office behind one NAT
  // logs in at the start of a shift; one account's password is guessed slowly.
  LOGIN_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(0).default(600),
  LOGIN_FAILURES_PER_EMAIL: z.coerce.number().int().min(0).default(10),
  LOGIN_EMAIL_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  PASSWORD_RESETS_PER_EMAIL: z.coerce.number().int().min(0).default(3),
  PASSWORD_RESETS_PER_ADDRESS: z.coerce.number().int().min(0).default(30),
  PASSWORD_CHANGES_PER_ADDRESS: z.coerce.number().int().min(0).default(10),
  /** How long an invitation or password-reset link works. */
  PASSWORD_LINK_DAYS: z.coerce.number().min(0.001).max(90).default(7),
});

/**
 * Which proxies may name the client's address in X-Forwarded-For: `true` (any
 * peer), or a comma list of addresses and CIDR ranges (and proxy-addr's names
 * `loopback`, `linklocal`, `uniquelocal`), as Fastify's `trustProxy` takes them.
 * Off by default: trusted blindly, the header lets anyone pick their own
 * address and so escape the per-IP rate limits. Hop counts are refused rather
 * than accepted: Fastify 5 ignores them (a count cannot check who sent the
 * header), so the setting would silently do nothing.
 */
export type TrustProxy = boolean | string[];

const PROXY_ADDRESS_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function parseTrustProxy(raw: string, ctx: z.RefinementCtx): TrustProxy {
  const value = raw.trim();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) {
    ctx.addIssue({
      code: 'custom',
      message: 'hop counts cannot be checked; list the proxy addresses or CIDR ranges instead',
    });
    return z.NEVER;
  }
  const entries = value.split(',').map((e) => e.trim());
  const bad = entries.find((e) => !isProxyAddress(e));
  if (bad !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `"${bad}" is not true, false, an address or a CIDR range`,
    });
    return z.NEVER;
  }
  return entries;
}

function isProxyAddress(entry: string): boolean {
  if (PROXY_ADDRESS_NAMES.has(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  if (extra !== undefined || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  return /^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

export interface DatabaseTimeouts {
  /** Opening a connection. */
  connectMs: number;
  /** One statement (server-side statement_timeout; the client gives up a little later). */
  statementMs: number;
  /** Waiting for a row or advisory lock (lock_timeout). */
  lockMs: number;
  /** A transaction left idle by its client (idle_in_transaction_session_timeout). */
  idleInTransactionMs: number;
  /** TCP keepalive on both ends, and the server's tcp_user_timeout (twice this). */
  keepAliveMs: number;
}

export const DEFAULT_DATABASE_TIMEOUTS: DatabaseTimeouts = {
  connectMs: 5_000,
  statementMs: 30_000,
  lockMs: 5_000,
  idleInTransactionMs: 10_000,
  keepAliveMs: 5_000,
};

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | null;
  redisUrl: string | null;
  /** Signs and verifies visitor tokens; rotates (src/secrets.ts). */
  secrets: Secrets;
  secretGraceMs: number;
  /** A visitor token not renewed for this long is refused (its visitor starts a new session). */
  visitorTokenIdleMs: number;
  redisPrefix: string;
  metricsToken: string | null;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  demo: boolean;
  demoPassword: string | null;
  /** Days of history played into the demo at its first start (0: none). */
  demoHistoryDays: number;
  routingSweepMs: number;
  autoCloseSweepMs: number;
  offlineGraceMs: number;
  /** Timeouts of every PostgreSQL connection (src/store/pg-pool.ts). */
  database: DatabaseTimeouts;
  /** How long an action waits for an unreachable database before `database_unavailable`. */
  databaseWaitMs: number;
  maxUploadBytes: number;
  trustProxy: TrustProxy;
  /** Which addresses admins' URLs and hosts may reach (src/channels/outbound-address.ts). */
  outbound: OutboundPolicy;
  /** Longest a report's statements may run before it answers period_too_large. */
  reportTimeoutMs: number;
  visitorSessionsPerAddress: number;
  visitorMessagesPerVisitor: number;
  visitorMessagesPerAddress: number;
  /** Every other request budget (README § Configuration, docs/security.md § Rate limits). */
  rateLimits: RateLimits;
  /** How long an invitation or password-reset link works. */
  passwordLinkTtlMs: number;
}

/** Per minute unless named otherwise; 0 turns a budget off. */
export interface RateLimits {
  visitorReadsPerVisitor: number;
  visitorActionsPerVisitor: number;
  widgetConfigPerAddress: number;
  telegramWebhooksPerAddress: number;
  apiChannelRequestsPerAddress: number;
  loginAttemptsPerAddress: number;
  /** Failed log-ins per e-mail within `loginEmailWindowMs`. */
  loginFailuresPerEmail: number;
  loginEmailWindowMs: number;
  /** Password-reset requests per e-mail within `loginEmailWindowMs`. */
  passwordResetsPerEmail: number;
  passwordResetsPerAddress: number;
  passwordChangesPerAddress: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  // `memory://` runs a throw-away embedded server (benchmarks); anything else is a folder.
  const dataDir = e.DATA_DIR.startsWith('memory://') ? e.DATA_DIR : resolve(e.DATA_DIR);
  const graceMs = e.SECRET_GRACE_HOURS * HOUR_MS;
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    dataDir,
    databaseUrl: e.DATABASE_URL || null,
    redisUrl: e.REDIS_URL || null,
    secrets: e.SECRET
      ? envSecrets(e.SECRET, e.SECRET_PREVIOUS, graceMs, e.SECRET_ROTATED_AT ?? new Date())
      : fileSecrets(secretDir(dataDir), graceMs),
    secretGraceMs: graceMs,
    visitorTokenIdleMs: e.VISITOR_TOKEN_IDLE_DAYS * DAY_MS,
    redisPrefix: e.REDIS_PREFIX,
    metricsToken: e.METRICS_TOKEN || null,
    logLevel: e.LOG_LEVEL,
    demo: e.SWITCHBOARD_DEMO === '1',
    demoPassword: e.SWITCHBOARD_DEMO_PASSWORD ?? null,
    demoHistoryDays: e.SWITCHBOARD_DEMO_HISTORY_DAYS,
    routingSweepMs: e.ROUTING_SWEEP_MS,
    autoCloseSweepMs: e.AUTO_CLOSE_SWEEP_MS,
    offlineGraceMs: e.OFFLINE_GRACE_MS,
    database: {
      connectMs: e.DB_CONNECT_TIMEOUT_MS,
      statementMs: e.DB_STATEMENT_TIMEOUT_MS,
      lockMs: e.DB_LOCK_TIMEOUT_MS,
      idleInTransactionMs: e.DB_IDLE_TX_TIMEOUT_MS,
      keepAliveMs: e.DB_KEEPALIVE_MS,
    },
    databaseWaitMs: e.DB_UNAVAILABLE_WAIT_MS,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    trustProxy: e.TRUST_PROXY,
    outbound: {
      allowLoopback: e.OUTBOUND_ALLOW_LOOPBACK === '1',
      denyPrivate: e.OUTBOUND_DENY_PRIVATE === '1',
    },
    reportTimeoutMs: e.REPORT_TIMEOUT_MS,
    visitorSessionsPerAddress: e.VISITOR_SESSIONS_PER_ADDRESS,
    visitorMessagesPerVisitor: e.VISITOR_MESSAGES_PER_VISITOR,
    visitorMessagesPerAddress: e.VISITOR_MESSAGES_PER_ADDRESS,
    rateLimits: {
      visitorReadsPerVisitor: e.VISITOR_READS_PER_VISITOR,
      visitorActionsPerVisitor: e.VISITOR_ACTIONS_PER_VISITOR,
      widgetConfigPerAddress: e.WIDGET_CONFIG_PER_ADDRESS,
      telegramWebhooksPerAddress: e.TELEGRAM_WEBHOOKS_PER_ADDRESS,
      apiChannelRequestsPerAddress: e.API_CHANNEL_REQUESTS_PER_ADDRESS,
      loginAttemptsPerAddress: e.LOGIN_ATTEMPTS_PER_ADDRESS,
      loginFailuresPerEmail: e.LOGIN_FAILURES_PER_EMAIL,
      loginEmailWindowMs: e.LOGIN_EMAIL_WINDOW_MINUTES * 60_000,
      passwordResetsPerEmail: e.PASSWORD_RESETS_PER_EMAIL,
      passwordResetsPerAddress: e.PASSWORD_RESETS_PER_ADDRESS,
      passwordChangesPerAddress: e.PASSWORD_CHANGES_PER_ADDRESS,
    },
    passwordLinkTtlMs: Math.round(e.PASSWORD_LINK_DAYS * DAY_MS),
  };
}

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Where the key file lives: DATA_DIR, or ./data when the database is in memory. */
export const secretDir = (dataDir: string) =>
  dataDir.startsWith('memory://') ? resolve('data') : dataDir;
