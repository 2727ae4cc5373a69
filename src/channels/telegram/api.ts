// The Bot API through grammY's client, with a configurable root so Telegram's
// own local Bot API server (or a test double) can stand in for api.telegram.org.
// The root is a channel setting, so every connection goes through the
// guarded agents (outbound-http.ts), and files come over HTTP(S) from that
// root — or, for a local server's absolute paths, only from the directory the
// operator configured (local-files.ts).
import { Api, GrammyError, HttpError } from 'grammy';
import { isOutboundRefusal, type OutboundPolicy } from '../outbound-address.js';
import { outboundAgents, outboundRequest } from '../outbound-http.js';
import { ChannelError } from '../types.js';
import { readLocalBotFile } from './local-files.js';
import type { TelegramSettings } from './settings.js';

const clients = new WeakMap<OutboundPolicy, Map<string, Api>>();

/** One client per policy, bot token and API root; grammY clients hold no connection state. */
export function botApi(
  settings: Pick<TelegramSettings, 'botToken' | 'apiRoot'>,
  policy: OutboundPolicy,
): Api {
  let byKey = clients.get(policy);
  if (!byKey) {
    byKey = new Map();
    clients.set(policy, byKey);
  }
  const key = `${settings.apiRoot}\n${settings.botToken}`;
  let api = byKey.get(key);
  if (!api) {
    const agents = outboundAgents(policy);
    api = new Api(settings.botToken, {
      apiRoot: settings.apiRoot,
      // node-fetch asks for the agent of every URL, redirects included.
      baseFetchConfig: { agent: agents.forUrl },
    });
    byKey.set(key, api);
  }
  return api;
}

/** Files over the channel's Bot API; a bigger one is refused rather than held in memory. */
const MAX_FILE_BYTES = 2000 * 1024 * 1024;

export interface DownloadContext {
  timeoutMs: number;
  outbound: OutboundPolicy;
  telegramLocalFilesDir: string | null;
}

/** Downloads a file by its file_path, as https://core.telegram.org/bots/api#getfile describes. */
export async function downloadFile(
  settings: Pick<TelegramSettings, 'botToken' | 'apiRoot'>,
  filePath: string,
  ctx: DownloadContext,
): Promise<Buffer> {
  // A local Bot API server started with --local answers getFile with an
  // absolute path on its own disk instead of a download path.
  if (filePath.startsWith('/') || filePath.startsWith('\\'))
    return readLocalBotFile(ctx.telegramLocalFilesDir, settings.botToken, filePath);
  const root = new URL(`${settings.apiRoot}/`);
  const url = new URL(`file/bot${settings.botToken}/${filePath}`, root);
  // A relative file_path cannot leave the Bot API root's server.
  if (url.origin !== root.origin)
    throw new ChannelError('permanent', 'file_path points outside the Bot API server');
  const response = await outboundRequest(url.toString(), {
    policy: ctx.outbound,
    timeoutMs: ctx.timeoutMs,
    maxBytes: MAX_FILE_BYTES,
  }).catch((error: unknown) => {
    throw classifyTelegramError(error);
  });
  if (response.status < 200 || response.status >= 300)
    throw new ChannelError(
      response.status === 401 ? 'auth_revoked' : 'temporary',
      `file download failed: HTTP ${response.status}`,
    );
  return response.body;
}

/**
 * Bot API answers as neutral kinds: 401 = the token was revoked; 403 = the user
 * blocked the bot (no retry helps); 429 carries retry_after; 400 is a request
 * that will never succeed; 5xx and network failures are temporary; an address
 * the server's environment forbids stays forbidden until an admin changes it.
 */
export function classifyTelegramError(error: unknown): ChannelError {
  if (error instanceof ChannelError) return error;
  if (isOutboundRefusal(error))
    return new ChannelError('permanent', error instanceof Error ? error.message : String(error));
  if (error instanceof GrammyError) {
    const code = error.error_code;
    const message = `${error.method}: ${code} ${error.description}`;
    if (code === 401) return new ChannelError('auth_revoked', message);
    if (code === 429 || code === 409 || code >= 500) {
      const seconds = error.parameters.retry_after;
      return new ChannelError('temporary', message, {
        ...(seconds !== undefined ? { retryAfterMs: seconds * 1000 } : {}),
      });
    }
    return new ChannelError('permanent', message);
  }
  if (error instanceof HttpError) return new ChannelError('temporary', error.message);
  return new ChannelError('temporary', error instanceof Error ? error.message : String(error));
}
