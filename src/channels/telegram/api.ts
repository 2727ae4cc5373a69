// The Bot API through grammY's client, with a configurable root so Telegram's
// own local Bot API server (or a test double) can stand in for api.telegram.org.
import { readFile } from 'node:fs/promises';
import { Api, GrammyError, HttpError } from 'grammy';
import { ChannelError } from '../types.js';
import type { TelegramSettings } from './settings.js';

const clients = new Map<string, Api>();

/** One client per bot token and API root; grammY clients hold no connection state. */
export function botApi(settings: Pick<TelegramSettings, 'botToken' | 'apiRoot'>): Api {
  const key = `${settings.apiRoot}\n${settings.botToken}`;
  let api = clients.get(key);
  if (!api) {
    api = new Api(settings.botToken, { apiRoot: settings.apiRoot });
    clients.set(key, api);
  }
  return api;
}

/** Downloads a file by its file_path, as https://core.telegram.org/bots/api#getfile describes. */
export async function downloadFile(
  settings: Pick<TelegramSettings, 'botToken' | 'apiRoot'>,
  filePath: string,
  timeoutMs: number,
): Promise<Buffer> {
  // A local Bot API server started with --local answers getFile with an
  // absolute path on its own disk instead of a download path.
  if (filePath.startsWith('/')) {
    return readFile(filePath).catch(() => {
      throw new ChannelError('permanent', `file ${filePath} is not readable from this node`);
    });
  }
  const url = `${settings.apiRoot}/file/bot${settings.botToken}/${filePath}`;
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok)
    throw new ChannelError(
      response.status === 401 ? 'auth_revoked' : 'temporary',
      `file download failed: HTTP ${response.status}`,
    );
  return Buffer.from(await response.arrayBuffer());
}

/**
 * Bot API answers as neutral kinds: 401 = the token was revoked; 403 = the user
 * blocked the bot (no retry helps); 429 carries retry_after; 400 is a request
 * that will never succeed; 5xx and network failures are temporary.
 */
export function classifyTelegramError(error: unknown): ChannelError {
  if (error instanceof ChannelError) return error;
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
