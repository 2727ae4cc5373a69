// Composition root: wires the store, the bus, the services, the realtime
// gateway and the HTTP app. `switchboard start` and the tests both use it.
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import type { Services } from './actions/context.js';
import { createGroupCommit } from './actions/messages/group-commit.js';
import type { ChannelsOverrides } from './channels/options.js';
import { type ChannelsRuntime, startChannels } from './channels/runtime.js';
import type { Config } from './config.js';
import { type Bus, createMemoryBus, createRedisBus } from './events/bus.js';
import { buildHttpApp } from './http/app.js';
import { collectProcessMetrics, watchBus } from './metrics.js';
import { type Auditor, startAuditor } from './processors/auditor.js';
import { type Caretaker, startCaretaker } from './processors/caretaker.js';
import { type OperatorPresence, presenceTiming, startPresence } from './processors/presence.js';
import { type Router, startRouter } from './processors/router.js';
import { DEFAULT_FEED_OPTIONS, type FeedOptions } from './realtime/feeds.js';
import { createRealtime, type Realtime } from './realtime/gateway.js';
import { SECRET_RELOAD_MS } from './secrets.js';
import { openStore, type Store } from './store/database.js';

export interface Switchboard {
  app: FastifyInstance;
  services: Services;
  store: Store;
  bus: Bus;
  realtime: Realtime;
  router: Router;
  presence: OperatorPresence;
  auditor: Auditor;
  caretaker: Caretaker;
  channels: ChannelsRuntime;
  config: Config;
  logger: Logger;
  close(): Promise<void>;
}

/** The audit sweep is a safety net (closes are audited on their event), so it can be slow. */
const AUDIT_SWEEP_MS = 60_000;

export interface SwitchboardOptions {
  logger?: Logger;
  /** Share a store between instances (tests); otherwise one is opened from config. */
  store?: Store;
  /** Share a bus between instances in one process (tests of several nodes without Redis). */
  bus?: Bus;
  now?: () => Date;
  random?: () => number;
  /** Channel workers and SMTP receiver (tests); otherwise from the environment. */
  channels?: ChannelsOverrides;
  /** How the gateway waits for gaps and checks for lost events (tests). */
  feeds?: Partial<FeedOptions>;
}

/** Message batches of one account written at once (see group-commit.ts). */
const MESSAGE_BATCHES_IN_FLIGHT = 4;

export async function createSwitchboard(
  config: Config,
  options: SwitchboardOptions = {},
): Promise<Switchboard> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const store =
    options.store ??
    (await openStore({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      timeouts: config.database,
      logger,
    }));
  const bus =
    options.bus ??
    (config.redisUrl
      ? await createRedisBus(config.redisUrl, `${config.redisPrefix}:events`, logger)
      : createMemoryBus());
  const services: Services = {
    db: store.db,
    bus,
    now: options.now ?? (() => new Date()),
    random: options.random ?? Math.random,
    databaseWaitMs: config.databaseWaitMs,
  };
  collectProcessMetrics();
  const unwatchBus = watchBus(bus);
  const presence = startPresence(services, logger, presenceTiming(config.offlineGraceMs));
  const realtime = createRealtime(services, presence, {
    logger,
    feeds: { ...DEFAULT_FEED_OPTIONS, ...options.feeds },
  });
  const router = startRouter(services, logger, config.routingSweepMs);
  const auditor = startAuditor(services, logger, AUDIT_SWEEP_MS);
  const caretaker = startCaretaker(services, logger, config.autoCloseSweepMs);
  const messages = createGroupCommit(services, logger, {
    concurrency: MESSAGE_BATCHES_IN_FLIGHT,
  });
  const app = await buildHttpApp(
    { services, messages, config, realtime, storeKind: store.kind },
    logger,
  );
  const channels = await startChannels({ services, config, logger, overrides: options.channels });
  // `switchboard rotate-secret` rewrites the key file; every node picks it up here.
  const secretReload = setInterval(() => reloadSecrets(config, logger), SECRET_RELOAD_MS);
  secretReload.unref();
  return {
    app,
    services,
    store,
    bus,
    realtime,
    router,
    presence,
    auditor,
    caretaker,
    channels,
    config,
    logger,
    async close() {
      clearInterval(secretReload);
      await channels.stop();
      await router.stop();
      await auditor.stop();
      await caretaker.stop();
      await presence.stop();
      realtime.close();
      unwatchBus();
      await app.close();
      if (!options.bus) await bus.close();
      if (!options.store) await store.close();
    },
  };
}

/** Re-reads the key file when it changed (on a timer, and on SIGHUP in `switchboard start`). */
export function reloadSecrets(config: Config, logger: Logger): void {
  try {
    if (config.secrets.reload()) logger.info('server secret reloaded');
  } catch (error) {
    // A broken key file keeps the secrets already loaded: tokens go on verifying.
    logger.error({ err: error }, 'server secret could not be reloaded; keeping the loaded one');
  }
}
