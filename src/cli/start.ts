import pino from 'pino';
import type { Config } from '../config.js';
import { createMemoryBus } from '../events/bus.js';
import { createSwitchboard, reloadSecrets } from '../server.js';
import { openStore } from '../store/database.js';
import { progressBar } from './progress-bar.js';
import { type DemoAccount, seedDemo } from './seed-demo.js';
import { seedHistory } from './seed-history.js';

/** The start demo's history: a week at half the shop's usual traffic keeps a first start quick. */
const START_HISTORY_VOLUME = 0.5;
const START_HISTORY_SEED = 1;

export async function startServer(config: Config): Promise<void> {
  const logger = pino({ level: config.logLevel });
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    timeouts: config.database,
    logger,
  });
  // The demo (and its history) go in before the processors start: the router,
  // the auditor and the channel workers must not act on the past with today's clock.
  const accounts = await store.db.selectFrom('accounts').select('id').limit(1).execute();
  let demo: DemoAccount | null = null;
  if (accounts.length === 0 && config.demo) {
    if (!config.demoPassword)
      logger.warn('SWITCHBOARD_DEMO_PASSWORD is not set: demo logins use the password "demo"');
    const services = {
      db: store.db,
      bus: createMemoryBus(),
      now: () => new Date(),
      random: Math.random,
    };
    demo = await seedDemo(services, config.demoPassword ?? 'demo');
    if (config.demoHistoryDays > 0) {
      const started = Date.now();
      const summary = await seedHistory(store.db, demo, {
        days: config.demoHistoryDays,
        seed: START_HISTORY_SEED,
        volume: START_HISTORY_VOLUME,
        end: new Date(),
        onProgress: progressBar('Demo history'),
      });
      logger.info({ ...summary, ms: Date.now() - started }, 'demo history played');
    }
  }
  const sb = await createSwitchboard(config, { store, logger });
  const log = sb.logger;
  if (demo) {
    log.info({ widgetKey: demo.widgetKey }, 'demo account created');
    console.log(
      `\nDemo account ready. Log in at ${config.publicUrl} as:\n${demo.logins
        .map((l) => `  ${l.email.padEnd(22)} ${l.role.padEnd(10)} limit ${l.limit}`)
        .join(
          '\n',
        )}\npassword: ${config.demoPassword ? '(SWITCHBOARD_DEMO_PASSWORD)' : 'demo'}\nShop page with the widget: ${config.publicUrl}/demo\n`,
    );
  } else if (accounts.length === 0) {
    console.log(
      '\nThe database is empty. Create the first admin:\n  npx switchboard create-admin --email you@example.com --password ...\n',
    );
  }
  await sb.app.listen({ port: config.port, host: config.host });
  log.info(
    `Switchboard on ${config.publicUrl} (store: ${sb.store.kind}, bus: ${config.redisUrl ? 'redis' : 'memory'})`,
  );
  const stop = async () => {
    await sb.close();
    // createSwitchboard closes only a store it opened itself.
    await store.close();
    process.exit(0);
  };
  process.on('SIGHUP', () => reloadSecrets(config, log));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // A closed terminal: stop the embedded server too rather than leave it running.
  process.once('SIGHUP', stop);
}
