import type { Config } from '../config.js';
import { createSwitchboard, reloadSecrets } from '../server.js';
import { seedDemo } from './seed-demo.js';

export async function startServer(config: Config): Promise<void> {
  const sb = await createSwitchboard(config);
  const log = sb.logger;
  const accounts = await sb.store.db.selectFrom('accounts').select('id').limit(1).execute();
  if (accounts.length === 0) {
    if (config.demo) {
      if (!config.demoPassword)
        log.warn('SWITCHBOARD_DEMO_PASSWORD is not set: demo logins use the password "demo"');
      const demo = await seedDemo(sb.services, config.demoPassword ?? 'demo');
      log.info({ widgetKey: demo.widgetKey }, 'demo account created');
      console.log(
        `\nDemo account ready. Log in at ${config.publicUrl} as:\n${demo.logins
          .map((l) => `  ${l.email.padEnd(22)} ${l.role.padEnd(10)} limit ${l.limit}`)
          .join(
            '\n',
          )}\npassword: ${config.demoPassword ? '(SWITCHBOARD_DEMO_PASSWORD)' : 'demo'}\nShop page with the widget: ${config.publicUrl}/demo\n`,
      );
    } else {
      console.log(
        '\nThe database is empty. Create the first admin:\n  npx switchboard create-admin --email you@example.com --password ...\n',
      );
    }
  }
  await sb.app.listen({ port: config.port, host: config.host });
  log.info(
    `Switchboard on ${config.publicUrl} (store: ${sb.store.kind}, bus: ${config.redisUrl ? 'redis' : 'memory'})`,
  );
  const stop = async () => {
    await sb.close();
    process.exit(0);
  };
  process.on('SIGHUP', () => reloadSecrets(config, log));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // A closed terminal: stop the embedded server too rather than leave it running.
  process.once('SIGHUP', stop);
}
