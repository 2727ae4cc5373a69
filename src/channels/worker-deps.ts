import type { Logger } from 'pino';
import type { Services } from '../actions/context.js';
import type { ChannelsOptions } from './options.js';
import type { OutboundPolicy } from './outbound-address.js';
import type { AdapterContext } from './types.js';

/** What the channel workers share, built once per node by the runtime. */
export interface WorkerDeps {
  services: Services;
  /** This node's id for channel leases (not the bus's: tests share one bus between nodes). */
  node: string;
  logger: Logger;
  options: ChannelsOptions;
  /** Where files are stored (config.dataDir). */
  dataDir: string;
  /** Inbound files above this size are left out with a note (config.maxUploadBytes). */
  maxFileBytes: number;
  /** Which addresses channel connections may reach (config.outbound). */
  outbound: OutboundPolicy;
}

export function adapterContext(deps: WorkerDeps): AdapterContext {
  return {
    logger: deps.logger,
    timeoutMs: deps.options.timeoutMs,
    outbound: deps.outbound,
    telegramLocalFilesDir: deps.options.telegramLocalFilesDir,
  };
}

export const systemScope = (accountId: string) => ({
  accountId,
  actor: { kind: 'system' as const },
});
