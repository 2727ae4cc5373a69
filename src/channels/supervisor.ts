// Long-lived per-channel workers: Telegram long polling, Telegram webhook
// registration and IMAP IDLE. Exactly one node runs each channel's worker, by
// a renewable lease in channel_workers; a node that stops renewing (it died)
// loses the channel to another within one lease. A changed setting (or public
// URL, for webhooks) restarts the worker.
import { createHash } from 'node:crypto';
import {
  claimChannelLease,
  recordChannelError,
  releaseChannelLease,
} from '../actions/channels/channel-workers.js';
import { perform } from '../actions/context.js';
import type { Config } from '../config.js';
import type { ChannelRow } from '../store/schema.js';
import { startImapPoller } from './email/imap-poller.js';
import { classifyTelegramError } from './telegram/api.js';
import { startTelegramPoller } from './telegram/poller.js';
import { registerTelegramWebhook } from './telegram/webhook.js';
import { systemScope, type WorkerDeps } from './worker-deps.js';

interface Running {
  fingerprint: string;
  stop(): Promise<void>;
}

export interface Supervisor {
  sync(): Promise<void>;
  stop(): Promise<void>;
}

export function startSupervisor(
  deps: WorkerDeps,
  config: Config,
  onEnqueued: () => void,
): Supervisor {
  const { services, logger, options } = deps;
  const running = new Map<string, Running>();
  const leaseMs = Math.max(options.superviseMs * 3, 30_000);
  let syncing: Promise<void> | null = null;

  function wants(channel: ChannelRow): boolean {
    const s = channel.settings;
    if (channel.kind === 'telegram') return typeof s.botToken === 'string';
    return channel.kind === 'email' && typeof s.imapHost === 'string';
  }

  function fingerprint(channel: ChannelRow): string {
    const webhook = channel.kind === 'telegram' && channel.settings.mode === 'webhook';
    const url = webhook ? config.publicUrl : '';
    // A webhook secret derived from the server secret changes when it rotates: register again.
    const derived =
      webhook && channel.settings.secret === undefined
        ? createHash('sha256').update(config.secrets.current()).digest('hex')
        : '';
    return createHash('sha256')
      .update(JSON.stringify([channel.settings, url, derived]))
      .digest('hex');
  }

  async function start(channel: ChannelRow): Promise<Running> {
    const print = fingerprint(channel);
    if (channel.kind === 'email') {
      const poller = startImapPoller({
        channel,
        services,
        logger,
        node: deps.node,
        outbound: deps.outbound,
        onEnqueued,
      });
      return { fingerprint: print, stop: poller.stop };
    }
    if (channel.settings.mode === 'webhook') {
      await registerTelegramWebhook(
        channel,
        config.publicUrl,
        config.secrets.current(),
        deps.outbound,
      );
      return { fingerprint: print, stop: async () => {} };
    }
    const poller = startTelegramPoller({
      channel,
      services,
      logger,
      pollSeconds: options.telegramPollSeconds,
      outbound: deps.outbound,
      onEnqueued,
    });
    return { fingerprint: print, stop: poller.stop };
  }

  async function stopOne(channelId: string, accountId: string | null) {
    const worker = running.get(channelId);
    running.delete(channelId);
    await worker?.stop();
    if (accountId)
      await perform(services, systemScope(accountId), (ctx) =>
        releaseChannelLease(ctx, { channelId, node: deps.node }),
      ).catch(() => {});
  }

  async function syncOnce(): Promise<void> {
    const channels = (
      await services.db
        .selectFrom('channels')
        .selectAll()
        .where('kind', 'in', ['telegram', 'email'])
        .execute()
    ).filter(wants);
    const seen = new Set<string>();
    for (const channel of channels) {
      seen.add(channel.id);
      try {
        const { result: held } = await perform(services, systemScope(channel.account_id), (ctx) =>
          claimChannelLease(ctx, { channelId: channel.id, node: deps.node, leaseMs }),
        );
        const current = running.get(channel.id);
        if (!held) {
          if (current) await stopOne(channel.id, null);
          continue;
        }
        if (current && current.fingerprint === fingerprint(channel)) continue;
        if (current) await stopOne(channel.id, null);
        running.set(channel.id, await start(channel));
      } catch (err) {
        // E.g. Telegram refusing a webhook URL that is not public HTTPS: the admin
        // sees it in the channel's health, and the next pass tries again.
        logger.warn({ err, channelId: channel.id }, 'channel worker could not start');
        const e = classifyTelegramError(err);
        await perform(services, systemScope(channel.account_id), (ctx) =>
          recordChannelError(ctx, { channelId: channel.id, error: `${e.kind}: ${e.message}` }),
        ).catch(() => {});
      }
    }
    for (const id of running.keys()) if (!seen.has(id)) await stopOne(id, null);
  }

  function sync(): Promise<void> {
    syncing ??= syncOnce().finally(() => {
      syncing = null;
    });
    return syncing;
  }

  // A pass that cannot reach the database is logged; the next one tries again.
  const syncLogged = () =>
    void sync().catch((err) => logger.warn({ err }, 'channel supervision failed; will retry'));
  const timer = setInterval(syncLogged, options.superviseMs);
  timer.unref();
  syncLogged();

  return {
    sync,
    async stop() {
      clearInterval(timer);
      await syncing;
      const ids = [...running.keys()];
      if (ids.length === 0) return;
      const accounts = await services.db
        .selectFrom('channels')
        .select(['id', 'account_id'])
        .where('id', 'in', ids)
        .execute();
      await Promise.all(accounts.map((c) => stopOne(c.id, c.account_id)));
    },
  };
}
