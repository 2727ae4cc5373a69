import type { ChannelRow } from '../../store/schema.js';
import type { OutboundPolicy } from '../outbound-address.js';
import { channelSettings } from '../settings.js';
import { botApi } from './api.js';
import { ALLOWED_UPDATES } from './poller.js';
import { webhookSecret } from './settings.js';

export function telegramWebhookUrl(publicUrl: string, channel: ChannelRow): string {
  return `${publicUrl}/api/v1/channels/telegram/${channel.public_key}/webhook`;
}

/**
 * Registers the webhook with its secret_token, which Telegram then sends in
 * X-Telegram-Bot-Api-Secret-Token. max_connections 1: Telegram sends the next
 * update only after the previous one was answered, so updates arrive in order.
 */
export async function registerTelegramWebhook(
  channel: ChannelRow,
  publicUrl: string,
  serverSecret: string,
  outbound: OutboundPolicy,
) {
  const settings = channelSettings('telegram', channel);
  await botApi(settings, outbound).setWebhook(telegramWebhookUrl(publicUrl, channel), {
    secret_token: webhookSecret(channel.settings, channel.id, serverSecret),
    allowed_updates: [...ALLOWED_UPDATES],
    max_connections: 1,
  });
}
