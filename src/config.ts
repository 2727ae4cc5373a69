// Configuration comes from the environment only (README § Configuration).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
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
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | null;
  redisUrl: string | null;
  secret: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  demo: boolean;
  demoPassword: string | null;
  routingSweepMs: number;
  offlineGraceMs: number;
  maxUploadBytes: number;
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
    secret:
      e.SECRET ?? loadOrCreateSecret(dataDir.startsWith('memory://') ? resolve('data') : dataDir),
    logLevel: e.LOG_LEVEL,
    demo: e.SWITCHBOARD_DEMO === '1',
    demoPassword: e.SWITCHBOARD_DEMO_PASSWORD ?? null,
    routingSweepMs: e.ROUTING_SWEEP_MS,
    offlineGraceMs: e.OFFLINE_GRACE_MS,
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
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
