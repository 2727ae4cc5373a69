// Child process of bench/faults.ts: one Switchboard node configured from the
// environment (DATABASE_URL and REDIS_URL point at the bench's proxies). Prints
// one JSON line once listening; logs go to stderr.
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { createSwitchboard } from '../src/server.js';

const config = loadConfig(process.env);
const logger = pino({ level: config.logLevel }, pino.destination(2));
const sb = await createSwitchboard(config, { logger });
await sb.app.listen({ port: config.port, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ listening: config.port })}\n`);
process.on('SIGTERM', () => void sb.close().finally(() => process.exit(0)));
