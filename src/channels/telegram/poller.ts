// Long polling for installs without a public URL. Updates are committed to the
// inbox before the next getUpdates confirms them (its offset), so an update
// Telegram forgets has always been stored first.
import type { Logger } from 'pino';
import { recordChannelError } from '../../actions/channels/channel-workers.js';
import { enqueueInbound } from '../../actions/channels/enqueue-inbound.js';
import { perform, type Services } from '../../actions/context.js';
import type { ChannelRow } from '../../store/schema.js';
import { retryDelayMs } from '../backoff.js';
import type { OutboundPolicy } from '../outbound-address.js';
import { channelSettings } from '../settings.js';
import { updateInboxItem } from './adapter.js';
import { botApi, classifyTelegramError } from './api.js';

export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;

export interface Poller {
  stop(): Promise<void>;
}

export function startTelegramPoller(input: {
  channel: ChannelRow;
  services: Services;
  logger: Logger;
  pollSeconds: number;
  outbound: OutboundPolicy;
  onEnqueued: () => void;
}): Poller {
  const { channel, services, logger } = input;
  const settings = channelSettings('telegram', channel);
  const api = botApi(settings, input.outbound);
  const scope = { accountId: channel.account_id, actor: { kind: 'system' as const } };
  const abort = new AbortController();
  // grammY's Node build types its signal with the abort-controller polyfill;
  // node-fetch underneath accepts the native one.
  const signal = abort.signal as unknown as Parameters<typeof api.getUpdates>[1];
  let offset: number | undefined;
  let failures = 0;

  async function loop() {
    // A webhook left from webhook mode makes getUpdates answer 409.
    await api.deleteWebhook({}, signal).catch(() => {});
    while (!abort.signal.aborted) {
      try {
        const updates = await api.getUpdates(
          {
            timeout: input.pollSeconds,
            allowed_updates: [...ALLOWED_UPDATES],
            ...(offset ? { offset } : {}),
          },
          signal,
        );
        if (updates.length > 0) {
          await perform(services, scope, (ctx) =>
            enqueueInbound(ctx, { channelId: channel.id, items: updates.map(updateInboxItem) }),
          );
          offset = Math.max(...updates.map((u) => u.update_id)) + 1;
          input.onEnqueued();
        }
        if (failures > 0) {
          failures = 0;
          await perform(services, scope, (ctx) =>
            recordChannelError(ctx, { channelId: channel.id, error: null }),
          );
        }
      } catch (error) {
        if (abort.signal.aborted) break;
        failures += 1;
        const e = classifyTelegramError(error);
        logger.warn({ err: e, channelId: channel.id }, 'telegram polling failed');
        await perform(services, scope, (ctx) =>
          recordChannelError(ctx, { channelId: channel.id, error: `${e.kind}: ${e.message}` }),
        ).catch(() => {});
        const policy = {
          baseMs: 1_000,
          maxMs: e.kind === 'temporary' ? 60_000 : 300_000,
          maxAttempts: 0,
        };
        await sleep(
          retryDelayMs(policy, failures, services.random, e.details.retryAfterMs),
          abort.signal,
        );
      }
    }
  }

  const running = loop();
  return {
    async stop() {
      abort.abort();
      await running;
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
