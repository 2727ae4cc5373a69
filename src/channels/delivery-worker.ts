// Sends what is due: operator messages through their channel's adapter and
// webhook events to their subscribers. Claims are FOR UPDATE SKIP LOCKED, so
// any number of nodes share the work and none sends a row another holds; the
// outcome (sent / failed with a retry time / dead) is recorded by an action
// that tells the operator through `delivery.updated`.
import { recordChannelError } from '../actions/channels/channel-workers.js';
import { perform } from '../actions/context.js';
import { claimDeliveries } from '../actions/deliveries/claim-deliveries.js';
import {
  type AttemptOutcome,
  recordDeliveryAttempt,
} from '../actions/deliveries/record-delivery-attempt.js';
import { metrics } from '../metrics.js';
import type { DeliveryRow } from '../store/schema.js';
import { answerOf, classifyHttpError, type ReceiverAnswer } from './http-post.js';
import { loadOutbound } from './outbound.js';
import { createPump, type Pump } from './pump.js';
import { ADAPTERS } from './registry.js';
import { ChannelError, isExternalKind } from './types.js';
import { sendWebhook } from './webhooks/sender.js';
import { adapterContext, systemScope, type WorkerDeps } from './worker-deps.js';

const BATCH = 10;

export function createDeliveryWorker(deps: WorkerDeps): Pump {
  const { services, options } = deps;
  const pump = createPump(
    'deliveries',
    async () => {
      const rows = await claimDeliveries(services.db, {
        now: services.now(),
        limit: BATCH,
        leaseMs: options.leaseMs,
      });
      await Promise.all(rows.map((row) => attempt(row)));
      return rows.length > 0;
    },
    { intervalMs: options.pollMs, logger: deps.logger, now: services.now },
  );

  async function attempt(row: DeliveryRow): Promise<void> {
    const outcome = await send(row);
    const scope = systemScope(row.account_id);
    const { result } = await perform(services, scope, (ctx) =>
      recordDeliveryAttempt(ctx, { deliveryId: row.id, outcome, policy: options.retry }),
    );
    // No row back: another node or an admin settled it first.
    metrics.deliveryAttempts.inc({ target: row.target, state: result?.status ?? 'settled' });
    if (result?.status === 'failed') pump.kickAt(new Date(result.next_attempt_at));
    if (!outcome.ok && outcome.kind === 'auth_revoked' && row.channel_id) {
      await perform(services, scope, (ctx) =>
        recordChannelError(ctx, {
          channelId: row.channel_id!,
          error: `auth_revoked: ${outcome.error}`,
        }),
      );
    }
  }

  async function send(row: DeliveryRow): Promise<AttemptOutcome> {
    let classify = classifyHttpError;
    try {
      if (row.target === 'webhook') {
        const response = await sendToWebhook(row);
        return { ok: true, externalId: null, response };
      }
      const out = await loadOutbound(services, row, deps.dataDir);
      if (!isExternalKind(out.channel.kind))
        throw new ChannelError('permanent', 'The widget has no outbound delivery.');
      const adapter = ADAPTERS[out.channel.kind];
      classify = adapter.classify;
      const receipt = await adapter.deliver(out, adapterContext(deps));
      return { ok: true, externalId: receipt.externalId };
    } catch (error) {
      const e = classify(error);
      deps.logger.warn({ err: e, deliveryId: row.id, kind: e.kind }, 'delivery attempt failed');
      return {
        ok: false,
        kind: e.kind,
        error: e.message,
        response: answerOf(error),
        ...(e.details.retryAfterMs !== undefined ? { retryAfterMs: e.details.retryAfterMs } : {}),
        ...(e.details.partsSent !== undefined ? { partsSent: e.details.partsSent } : {}),
      };
    }
  }

  async function sendToWebhook(row: DeliveryRow): Promise<ReceiverAnswer> {
    const [webhook, event] = await Promise.all([
      services.db
        .selectFrom('webhooks')
        .selectAll()
        .where('id', '=', row.webhook_id!)
        .executeTakeFirst(),
      services.db
        .selectFrom('events')
        .selectAll()
        .where('id', '=', String(row.event_id))
        .executeTakeFirst(),
    ]);
    if (!webhook?.active || !event)
      throw new ChannelError('permanent', 'The webhook or its event is gone.');
    return sendWebhook({
      webhook,
      event,
      deliveryId: row.id,
      timeoutMs: options.timeoutMs,
      policy: deps.outbound,
    });
  }

  return pump;
}
