// Configuration comes from the environment only (README § Configuration).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';

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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SWITCHBOARD_DEMO: z.enum(['0', '1']).default('1'),
  SWITCHBOARD_DEMO_PASSWORD: z.string().optional(),
  ROUTING_SWEEP_MS: z.coerce.number().int().min(1000).default(15_000),
  OFFLINE_GRACE_MS: z.coerce.number().int().min(0).default(60_000),
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(10 * 1024 * 1024),
  TRUST_PROXY: z.string().default('false').transform(parseTrustProxy),
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

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | null;
  redisUrl: string | null;
  redisPrefix: string;
  metricsToken: string | null;
  secret: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  demo: boolean;
  demoPassword: string | null;
  routingSweepMs: number;
  offlineGraceMs: number;
  maxUploadBytes: number;
  trustProxy: TrustProxy;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  // `memory://` keeps PGlite in memory (tests, benchmarks); anything else is a folder.
  const dataDir = e.DATA_DIR.startsWith('memory://') ? e.DATA_DIR : resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    dataDir,
    databaseUrl: e.DATABASE_URL || null,
    redisUrl: e.REDIS_URL || null,
    redisPrefix: e.REDIS_PREFIX,
    metricsToken: e.METRICS_TOKEN || null,
    secret:
      e.SECRET ?? loadOrCreateSecret(dataDir.startsWith('memory://') ? resolve('data') : dataDir),
    logLevel: e.LOG_LEVEL,
    demo: e.SWITCHBOARD_DEMO === '1',
    demoPassword: e.SWITCHBOARD_DEMO_PASSWORD ?? null,
    routingSweepMs: e.ROUTING_SWEEP_MS,
    offlineGraceMs: e.OFFLINE_GRACE_MS,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    trustProxy: e.TRUST_PROXY,
  };
}

/** A secret generated once and kept in DATA_DIR, so signed tokens survive restarts. */
function loadOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
