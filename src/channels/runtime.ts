// The channels side of a node, started by the composition root (server.ts):
// the inbox, delivery and event-tail workers, the per-channel pollers and the
// SMTP receiver. Everything here is stateless between restarts — the database
// holds the inbox, the deliveries, the cursors and the leases.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Services } from '../actions/context.js';
import type { Config } from '../config.js';
import { onLocalEvents } from '../events/bus.js';
import { createBotWorker } from './bot-worker.js';
import { createDeliveryWorker } from './delivery-worker.js';
import { type SmtpReceiver, startSmtpReceiver } from './email/smtp-receiver.js';
import { createEventTail } from './event-tail.js';
import { createInboxWorker } from './inbox-worker.js';
import { type ChannelsOptions, type ChannelsOverrides, resolveChannelsOptions } from './options.js';
import { type Supervisor, startSupervisor } from './supervisor.js';
import type { WorkerDeps } from './worker-deps.js';

export interface ChannelsRuntime {
  options: ChannelsOptions;
  /** The SMTP receiver's port (useful with port 0), or null when it is off. */
  smtpPort: number | null;
  /** New inbound items were stored: process them now. */
  inboundArrived(): void;
  /** Runs every worker until nothing is left to do now (tests, shutdown). */
  drain(): Promise<void>;
  /** Starts or stops per-channel pollers to match the channels now. */
  supervise(): Promise<void>;
  stop(): Promise<void>;
}

const runtimes = new WeakMap<Services, ChannelsRuntime>();

/** The runtime of the node these services belong to, for routes that store inbound items. */
export function channelsRuntimeOf(services: Services): ChannelsRuntime | undefined {
  return runtimes.get(services);
}

export async function startChannels(input: {
  services: Services;
  config: Config;
  logger: Logger;
  overrides?: ChannelsOverrides;
}): Promise<ChannelsRuntime> {
  const options = resolveChannelsOptions(input.overrides);
  const deps: WorkerDeps = {
    services: input.services,
    node: randomUUID(),
    logger: input.logger.child({ component: 'channels' }),
    options,
    dataDir: input.config.dataDir,
    maxFileBytes: input.config.maxUploadBytes,
    outbound: input.config.outbound,
  };
  const workers = options.workers
    ? (() => {
        const deliveries = createDeliveryWorker(deps);
        const bots = createBotWorker(deps, () => input.config.publicUrl);
        const inbox = createInboxWorker(deps);
        const tail = createEventTail(deps, () => deliveries.kick());
        const supervisor: Supervisor = startSupervisor(deps, input.config, () => inbox.kick());
        // A delivery became due here (queued, or an admin's retry): send it now.
        const unsubscribe = onLocalEvents(input.services.bus, (events) => {
          if (
            events.some(
              (e) => e.type === 'delivery.updated' && e.payload.delivery.status === 'pending',
            )
          )
            deliveries.kick();
          // A client wrote: a conversation in front of an external bot may have a post to make.
          if (
            events.some(
              (e) => e.type === 'message.created' && e.payload.message.author === 'contact',
            )
          )
            bots.kick();
        });
        return { deliveries, bots, inbox, tail, supervisor, unsubscribe };
      })()
    : null;
  let smtp: SmtpReceiver | null = null;
  if (options.smtp) {
    smtp = await startSmtpReceiver({
      services: input.services,
      logger: deps.logger,
      ...options.smtp,
      onEnqueued: () => workers?.inbox.kick(),
    });
  }

  const runtime: ChannelsRuntime = {
    options,
    smtpPort: smtp?.port ?? null,
    inboundArrived: () => workers?.inbox.kick(),
    async drain() {
      if (!workers) return;
      // Inbound makes messages, messages make deliveries: a few rounds settle it.
      for (let round = 0; round < 3; round++) {
        await workers.inbox.drain();
        await workers.tail.sweep();
        await workers.deliveries.drain();
        await workers.bots.drain();
      }
    },
    supervise: () => workers?.supervisor.sync() ?? Promise.resolve(),
    async stop() {
      runtimes.delete(input.services);
      await smtp?.stop();
      if (!workers) return;
      workers.unsubscribe();
      await workers.supervisor.stop();
      await Promise.all([
        workers.inbox.stop(),
        workers.tail.stop(),
        workers.deliveries.stop(),
        workers.bots.stop(),
      ]);
    },
  };
  runtimes.set(input.services, runtime);
  return runtime;
}
