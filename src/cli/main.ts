// The `switchboard` command: start, migrate, create-admin, reset-password, seed-demo.
import { parseArgs } from 'node:util';
import { createAccount, newId } from '../actions/accounts/create-account.js';
import { perform } from '../actions/context.js';
import { createOperator } from '../actions/operators/create-operator.js';
import { issuePasswordLink } from '../actions/operators/issue-password-link.js';
import { type Config, loadConfig, secretDir } from '../config.js';
import { passwordLinkUrl } from '../domain/password-mail.js';
import { createMemoryBus } from '../events/bus.js';
import { rotateSecretFile } from '../secrets.js';
import { openStore } from '../store/database.js';
import { progressBar } from './progress-bar.js';
import { seedDemo } from './seed-demo.js';
import { parseHistoryDays, seedHistory } from './seed-history.js';
import { startServer } from './start.js';

const USAGE = `usage: switchboard <command>
  start                         run the server (migrates, seeds the demo on an empty database)
  migrate                       apply database migrations and exit
  create-admin --email E --password P [--name N] [--account A]
                                create an account with its first admin
  reset-password --email E [--account A]
                                print a one-time link to set a new password (for when
                                the account cannot send mail); earlier links stop working
  seed-demo [--history 30d] [--seed N] [--volume X]
                                create the demo account; --history also plays that many
                                days of traffic through it (a simulated clock, the
                                same for a seed), --volume scales the traffic
  rotate-secret                 make a new server secret; the previous one still verifies
                                visitor tokens for SECRET_GRACE_HOURS (running nodes
                                pick it up within 30 s, or at once on SIGHUP)`;

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const config = loadConfig();
  if (command === 'start') return startServer(config);
  if (command === 'rotate-secret') {
    if (process.env.SECRET)
      throw new Error(
        'SECRET is set in the environment: rotate it there (new SECRET, the old one in SECRET_PREVIOUS).',
      );
    rotateSecretFile(secretDir(config.dataDir), config.secretGraceMs, new Date());
    console.log(
      `New server secret made. The previous one verifies visitor tokens for ${config.secretGraceMs / 3_600_000} more hours.`,
    );
    return;
  }
  if (command === 'migrate') {
    const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await store.close();
    console.log('Database is up to date.');
    return;
  }
  if (command === 'reset-password') return resetPassword(config, rest);
  if (command === 'create-admin' || command === 'seed-demo') {
    const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const services = {
      db: store.db,
      bus: createMemoryBus(),
      now: () => new Date(),
      random: Math.random,
    };
    try {
      if (command === 'seed-demo') {
        const { values } = parseArgs({
          args: rest,
          options: {
            history: { type: 'string' },
            seed: { type: 'string', default: '1' },
            volume: { type: 'string', default: '1' },
          },
        });
        const history = values.history === undefined ? null : parseHistoryDays(values.history);
        const seed = Number(values.seed);
        const volume = Number(values.volume);
        if (!Number.isInteger(seed)) throw new Error('--seed takes an integer');
        if (!(volume > 0 && volume <= 20)) throw new Error('--volume is more than 0, at most 20');
        const demo = await seedDemo(services, config.demoPassword ?? 'demo');
        console.log(`Demo account created; widget key ${demo.widgetKey}`);
        if (history !== null) {
          const started = Date.now();
          const summary = await seedHistory(store.db, demo, {
            days: history,
            seed,
            volume,
            end: new Date(),
            onProgress: progressBar(`${history} days of history`),
          });
          console.log(
            `History: ${summary.conversations} conversations, ${summary.messages} messages, ${summary.transfers} transfers, ${summary.abandoned} abandoned, ${summary.ratings} ratings in ${((Date.now() - started) / 1000).toFixed(1)} s`,
          );
        }
      } else {
        const { values } = parseArgs({
          args: rest,
          options: {
            email: { type: 'string' },
            password: { type: 'string' },
            name: { type: 'string' },
            account: { type: 'string' },
          },
        });
        if (!values.email || !values.password)
          throw new Error('--email and --password are required');
        const scope = { accountId: newId(), actor: { kind: 'system' as const } };
        await perform(services, scope, async (ctx) => {
          await createAccount(ctx, { name: values.account ?? 'My company' });
          await createOperator(ctx, {
            email: values.email!,
            password: values.password!,
            name: values.name ?? 'Admin',
            role: 'admin',
          });
        });
        console.log(
          `Admin ${values.email} created in account ${scope.accountId}. Log in at ${config.publicUrl}`,
        );
      }
    } finally {
      await store.close();
    }
    return;
  }
  console.error(USAGE);
  process.exitCode = 2;
}

/** Prints a password link for each active operator with the e-mail (one per account). */
async function resetPassword(config: Config, args: string[]) {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, account: { type: 'string' } },
  });
  if (!values.email) throw new Error('--email is required');
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const services = {
    db: store.db,
    bus: createMemoryBus(),
    now: () => new Date(),
    random: Math.random,
  };
  try {
    let query = store.db
      .selectFrom('operators')
      .select(['id', 'account_id'])
      .where('email', '=', values.email.trim().toLowerCase())
      .where('active', '=', true);
    if (values.account) query = query.where('account_id', '=', values.account);
    const found = await query.orderBy('created_at').execute();
    if (found.length === 0) throw new Error(`No active operator with the e-mail ${values.email}.`);
    for (const op of found) {
      const scope = { accountId: op.account_id, actor: { kind: 'system' as const } };
      const { result } = await perform(services, scope, (ctx) =>
        issuePasswordLink(ctx, { operatorId: op.id, ttlMs: config.passwordLinkTtlMs }),
      );
      console.log(
        `Account ${op.account_id}: ${passwordLinkUrl(config.publicUrl, result.token)}\n` +
          `  works once, until ${result.expiresAt.toISOString()}`,
      );
    }
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
