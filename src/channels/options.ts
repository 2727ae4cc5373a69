// Settings of the channel workers. They come from the environment (like every
// setting, README § Configuration) and tests override them per server.
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './backoff.js';

export interface ChannelsOptions {
  /** Run the inbox, delivery and webhook workers and the per-channel pollers on this node. */
  workers: boolean;
  /** Safety-net poll of the inbox and delivery tables; local commits trigger work at once. */
  pollMs: number;
  /** How long a claimed item is reserved for this node before another may take it over. */
  leaseMs: number;
  /** How often per-channel pollers (Telegram long polling, IMAP) are started or stopped. */
  superviseMs: number;
  /** Longest wait for one provider call. */
  timeoutMs: number;
  retry: RetryPolicy;
  /** Built-in SMTP receiver for forwarding / MX set-ups; null = off. Port 0 = any free port. */
  smtp: { port: number; host: string; maxBytes: number; hostname: string } | null;
  /** Seconds a Telegram getUpdates call waits for updates. */
  telegramPollSeconds: number;
  /**
   * Where a local Bot API server (`--local`) keeps its files, readable by this
   * node; null = absolute file paths from getFile are refused. Set by the
   * operator, never by a channel setting: a channel's Bot API root is chosen
   * by an account admin and could name any file on the server.
   */
  telegramLocalFilesDir: string | null;
}

const envSchema = z.object({
  CHANNEL_WORKERS: z.enum(['0', '1']).default('1'),
  CHANNEL_POLL_MS: z.coerce.number().int().min(50).default(2_000),
  CHANNEL_LEASE_MS: z.coerce.number().int().min(1_000).default(120_000),
  CHANNEL_SUPERVISE_MS: z.coerce.number().int().min(100).default(15_000),
  CHANNEL_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  DELIVERY_RETRY_BASE_MS: z.coerce.number().int().min(1).default(DEFAULT_RETRY_POLICY.baseMs),
  DELIVERY_RETRY_MAX_MS: z.coerce.number().int().min(1).default(DEFAULT_RETRY_POLICY.maxMs),
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(DEFAULT_RETRY_POLICY.maxAttempts),
  SMTP_RECEIVER_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  SMTP_RECEIVER_HOST: z.string().default('0.0.0.0'),
  SMTP_RECEIVER_HOSTNAME: z.string().optional(),
  SMTP_RECEIVER_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(25 * 1024 * 1024),
  TELEGRAM_POLL_SECONDS: z.coerce.number().int().min(0).max(50).default(25),
  TELEGRAM_LOCAL_FILES_DIR: z
    .string()
    .refine((d) => isAbsolute(d), 'an absolute path')
    .optional(),
});

export function loadChannelsOptions(env: NodeJS.ProcessEnv = process.env): ChannelsOptions {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    workers: e.CHANNEL_WORKERS === '1',
    pollMs: e.CHANNEL_POLL_MS,
    leaseMs: e.CHANNEL_LEASE_MS,
    superviseMs: e.CHANNEL_SUPERVISE_MS,
    timeoutMs: e.CHANNEL_TIMEOUT_MS,
    retry: {
      baseMs: e.DELIVERY_RETRY_BASE_MS,
      maxMs: e.DELIVERY_RETRY_MAX_MS,
      maxAttempts: e.DELIVERY_MAX_ATTEMPTS,
    },
    smtp:
      e.SMTP_RECEIVER_PORT === undefined
        ? null
        : {
            port: e.SMTP_RECEIVER_PORT,
            host: e.SMTP_RECEIVER_HOST,
            maxBytes: e.SMTP_RECEIVER_MAX_BYTES,
            hostname: e.SMTP_RECEIVER_HOSTNAME ?? 'switchboard',
          },
    telegramPollSeconds: e.TELEGRAM_POLL_SECONDS,
    telegramLocalFilesDir: e.TELEGRAM_LOCAL_FILES_DIR ?? null,
  };
}

export type ChannelsOverrides = Partial<Omit<ChannelsOptions, 'retry'>> & {
  retry?: Partial<RetryPolicy>;
};

export function resolveChannelsOptions(overrides: ChannelsOverrides = {}): ChannelsOptions {
  const base = loadChannelsOptions();
  return { ...base, ...overrides, retry: { ...base.retry, ...overrides.retry } };
}
