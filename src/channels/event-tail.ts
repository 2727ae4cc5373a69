// Reads committed events per account and turns them into deliveries: operator
// messages on external channels (queueOutboundDeliveries) and webhook events
// (fanOutWebhookEvents). Local commits trigger it at once; a slower sweep over
// every account with an external channel or a webhook catches what another
// node committed and could not hand over (it died right after its commit).
import { perform } from '../actions/context.js';
import {
  OUTBOUND_CONSUMER,
  queueOutboundDeliveries,
} from '../actions/deliveries/queue-outbound-deliveries.js';
import { fanOutWebhookEvents } from '../actions/webhooks/fan-out-webhook-events.js';
import { onLocalEvents } from '../events/bus.js';
import { accountsWithUnreadEvents } from '../store/queries/events.js';
import { createPump, type Pump } from './pump.js';
import { WEBHOOK_EVENTS } from './webhooks/events.js';
import { systemScope, type WorkerDeps } from './worker-deps.js';

const BATCH = 200;
/** How long "this account has no external channel and no webhook" is believed. */
const INTEREST_TTL_MS = 5_000;
/** Event types that can turn into a delivery: messages, and whatever a webhook may subscribe to. */
const RELEVANT = new Set<string>(['message.created', ...WEBHOOK_EVENTS]);

export interface EventTail extends Pump {
  /** Marks every account with an external channel or webhook for a pass. */
  sweep(): Promise<void>;
}

export function createEventTail(deps: WorkerDeps, onQueued: () => void): EventTail {
  const { services } = deps;
  const dirty = new Set<string>();
  const interest = new Map<string, { until: number; value: boolean }>();

  // Widget-only accounts are most of the traffic on a busy node; they skip the
  // tail's two transactions. A channel or webhook added meanwhile loses
  // nothing: its cursor starts where it was created and the sweep runs anyway.
  async function interested(accountId: string): Promise<boolean> {
    const now = Date.now();
    const known = interest.get(accountId);
    if (known && known.until > now) return known.value;
    const [channel, hook] = await Promise.all([
      services.db
        .selectFrom('channels')
        .select('id')
        .where('account_id', '=', accountId)
        .where('kind', '<>', 'widget')
        .limit(1)
        .executeTakeFirst(),
      services.db
        .selectFrom('webhooks')
        .select('id')
        .where('account_id', '=', accountId)
        .where('active', '=', true)
        .limit(1)
        .executeTakeFirst(),
    ]);
    const value = channel !== undefined || hook !== undefined;
    interest.set(accountId, { until: now + INTEREST_TTL_MS, value });
    return value;
  }

  const pump = createPump(
    'event-tail',
    async () => {
      const accounts = [...dirty];
      dirty.clear();
      for (const accountId of accounts) if (await interested(accountId)) await tail(accountId);
      return dirty.size > 0;
    },
    { intervalMs: deps.options.superviseMs, logger: deps.logger, now: services.now },
  );

  async function tail(accountId: string): Promise<void> {
    const scope = systemScope(accountId);
    let queued = 0;
    for (let more = true; more; ) {
      const { result } = await perform(services, scope, (ctx) =>
        queueOutboundDeliveries(ctx, { batch: BATCH }),
      );
      queued += result.queued;
      more = result.more;
    }
    for (let more = true; more; ) {
      const { result } = await perform(services, scope, (ctx) =>
        fanOutWebhookEvents(ctx, { batch: BATCH }),
      );
      queued += result.created;
      more = result.more;
    }
    if (queued > 0) onQueued();
  }

  // Only events that can become deliveries wake the tail (not the
  // delivery.updated events it emits itself, nor typing or routing chatter).
  const unsubscribe = onLocalEvents(services.bus, (events) => {
    const first = events[0];
    if (!first || !events.some((e) => RELEVANT.has(e.type))) return;
    dirty.add(first.accountId);
    pump.kick();
  });

  // Only accounts with events past a cursor are visited: on a database of
  // many accounts, a pass over every one of them would keep the pump busy and
  // delay what a local commit has just kicked.
  async function sweep() {
    for (const accountId of await accountsWithUnreadEvents(services.db, OUTBOUND_CONSUMER)) {
      dirty.add(accountId);
      interest.delete(accountId);
    }
    await pump.drain();
  }

  const sweeper = setInterval(() => void sweep().catch(() => {}), deps.options.superviseMs);
  sweeper.unref();

  return {
    ...pump,
    sweep,
    async stop() {
      clearInterval(sweeper);
      unsubscribe();
      await pump.stop();
    },
  };
}
