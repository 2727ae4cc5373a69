// Telegram: webhook mode (updates POSTed with X-Telegram-Bot-Api-Secret-Token)
// or long polling; either way an update is stored in the inbox first and
// normalised here by the inbox worker.
import type { Update } from 'grammy/types';
import { channelSettings } from '../settings.js';
import type { ChannelAdapter } from '../types.js';
import { classifyTelegramError } from './api.js';
import { deliverToTelegram } from './deliver.js';
import { normalizeUpdate } from './normalize.js';

export const telegramAdapter: ChannelAdapter = {
  kind: 'telegram',
  async normalize(item, ctx) {
    if (!item.payload) return { kind: 'ignore', reason: 'empty update' };
    return normalizeUpdate(
      item.payload as unknown as Update,
      channelSettings('telegram', item.channel),
      ctx,
    );
  },
  deliver(out, ctx) {
    return deliverToTelegram(out, channelSettings('telegram', out.channel), ctx);
  },
  classify: classifyTelegramError,
};

/** Inbox keys of an update: applied once per update_id, ordered by it, one chat at a time. */
export function updateInboxItem(update: Update) {
  const chatId =
    update.message?.chat.id ??
    update.edited_message?.chat.id ??
    update.callback_query?.message?.chat.id ??
    'other';
  return {
    externalId: `update:${update.update_id}`,
    threadKey: String(chatId),
    orderKey: update.update_id,
    payload: update as unknown as Record<string, unknown>,
  };
}
