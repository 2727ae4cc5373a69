// Turns stored inbound items into messages: claim (head of each chat only,
// so a burst keeps its order), normalise through the channel's adapter,
// ingest in one transaction. What is not for an operator is settled as
// ignored with its reason; temporary failures retry with back-off.
import { claimInbound } from '../actions/channels/claim-inbound.js';
import { ingestInbound } from '../actions/channels/ingest-inbound.js';
import { settleInbound } from '../actions/channels/settle-inbound.js';
import { perform } from '../actions/context.js';
import { recordBounce } from '../actions/deliveries/record-bounce.js';
import { AppError } from '../errors.js';
import type { InboxRow } from '../store/schema.js';
import { isExhausted, retryDelayMs } from './backoff.js';
import { createPump, type Pump } from './pump.js';
import { ADAPTERS } from './registry.js';
import { ChannelError, isExternalKind, type Normalized } from './types.js';
import { adapterContext, systemScope, type WorkerDeps } from './worker-deps.js';

const BATCH = 10;

export function createInboxWorker(deps: WorkerDeps): Pump {
  const { services, options } = deps;
  const pump = createPump(
    'inbox',
    async () => {
      const rows = await claimInbound(services.db, {
        now: services.now(),
        limit: BATCH,
        leaseMs: options.leaseMs,
      });
      // Claimed rows are heads of different chats: independent of each other.
      await Promise.all(rows.map((row) => processItem(row)));
      return rows.length > 0;
    },
    { intervalMs: options.pollMs, logger: deps.logger, now: services.now },
  );

  async function processItem(row: InboxRow): Promise<void> {
    const scope = systemScope(row.account_id);
    const settle = (outcome: Parameters<typeof settleInbound>[1]['outcome']) =>
      perform(services, scope, (ctx) => settleInbound(ctx, { inboxId: row.id, outcome }));
    try {
      const channel = await services.db
        .selectFrom('channels')
        .selectAll()
        .where('id', '=', row.channel_id)
        .executeTakeFirstOrThrow();
      if (!isExternalKind(channel.kind))
        return void (await settle({ kind: 'dead', error: 'not an external channel' }));
      const item = { channel, payload: row.payload, raw: row.raw ? Buffer.from(row.raw) : null };
      const normalized: Normalized = await ADAPTERS[channel.kind].normalize(
        item,
        adapterContext(deps),
      );
      if (normalized.kind === 'ignore')
        return void (await settle({ kind: 'ignored', reason: normalized.reason }));
      if (normalized.kind === 'bounce') {
        await perform(services, scope, async (ctx) => {
          await recordBounce(ctx, {
            channelId: channel.id,
            messageIds: normalized.messageIds,
            reason: `bounced: ${normalized.reason}`,
          });
          await settleInbound(ctx, {
            inboxId: row.id,
            outcome: { kind: 'ignored', reason: `bounce: ${normalized.reason}` },
          });
        });
        return;
      }
      await perform(services, scope, (ctx) =>
        ingestInbound(ctx, {
          channelId: channel.id,
          inboxId: row.id,
          message: normalized.message,
          dataDir: deps.dataDir,
          maxFileBytes: deps.maxFileBytes,
        }),
      );
    } catch (error) {
      // A blocked contact or an unusable message will not change by retrying.
      if (error instanceof AppError && error.status < 500)
        return void (await settle({ kind: 'ignored', reason: error.code }).catch(() => {}));
      const e =
        error instanceof ChannelError ? error : new ChannelError('temporary', String(error));
      const dead = e.kind !== 'temporary' || isExhausted(options.retry, row.attempts);
      deps.logger.warn({ err: error, inboxId: row.id, dead }, 'inbound item failed');
      const at = new Date(
        services.now().getTime() +
          retryDelayMs(options.retry, row.attempts, services.random, e.details.retryAfterMs),
      );
      await settle(
        dead ? { kind: 'dead', error: e.message } : { kind: 'retry', error: e.message, at },
      ).catch(() => {});
      if (!dead) pump.kickAt(at);
    }
  }

  return pump;
}
