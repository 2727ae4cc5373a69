// An operator message to a Telegram chat: text (split at Telegram's 4096
// characters), then each file as a photo, voice note or document. Each is one
// Bot API call — a "part"; after a failure the retry resumes at the first part
// not yet sent, so the client never gets the same text twice.
import { InputFile } from 'grammy';
import type { Message } from 'grammy/types';
import {
  type AdapterContext,
  ChannelError,
  type DeliveryReceipt,
  type OutboundFile,
  type OutboundMessage,
} from '../types.js';
import { botApi, classifyTelegramError } from './api.js';
import type { TelegramSettings } from './settings.js';

export const TELEGRAM_TEXT_LIMIT = 4096;

type Part = { kind: 'text'; text: string } | { kind: 'file'; file: OutboundFile };

export function splitText(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    // Prefer to break at a line end or a space in the last fifth of the chunk.
    const window = rest.slice(0, limit);
    const at = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const cut = at > limit * 0.8 ? at : limit;
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^[\n ]/, '');
  }
  if (rest.length > 0) chunks.push(rest);
  return chunks;
}

export async function deliverToTelegram(
  out: OutboundMessage,
  settings: TelegramSettings,
  ctx: AdapterContext,
): Promise<DeliveryReceipt> {
  const api = botApi(settings, ctx.outbound);
  const chatId = out.recipient.externalId;
  const parts: Part[] = [
    ...splitText(out.message.text).map((text) => ({ kind: 'text' as const, text })),
    ...out.files.map((file) => ({ kind: 'file' as const, file })),
  ];
  let last: Message | null = null;
  // A bot's buttons go with the last text part, as an inline keyboard; a press
  // comes back as a callback query (normalize.ts).
  const lastText = parts.map((p) => p.kind).lastIndexOf('text');
  const keyboard = inlineKeyboard(out.message.buttons);
  for (let i = out.partsSent; i < parts.length; i++) {
    try {
      last = await sendPart(api, chatId, parts[i]!, i === lastText ? keyboard : undefined);
    } catch (error) {
      const e = classifyTelegramError(error);
      throw new ChannelError(e.kind, e.message, { ...e.details, partsSent: i });
    }
  }
  return { externalId: last ? `${last.chat.id}:${last.message_id}` : null };
}

/** One button per row, its id as callback_data (at most 64 bytes; ids are shorter). */
export function inlineKeyboard(buttons: readonly { id: string; label: string }[] | undefined) {
  if (!buttons || buttons.length === 0) return undefined;
  return { inline_keyboard: buttons.map((b) => [{ text: b.label, callback_data: b.id }]) };
}

function sendPart(
  api: ReturnType<typeof botApi>,
  chatId: string,
  part: Part,
  keyboard?: ReturnType<typeof inlineKeyboard>,
): Promise<Message> {
  if (part.kind === 'text')
    return api.sendMessage(chatId, part.text, keyboard ? { reply_markup: keyboard } : {});
  const { attachment, data } = part.file;
  const input = new InputFile(data, attachment.name);
  const type = attachment.contentType;
  if (/^image\/(jpeg|png|webp)$/.test(type) && data.length <= 10 * 1024 * 1024)
    return api.sendPhoto(chatId, input);
  if (type === 'audio/ogg') return api.sendVoice(chatId, input);
  return api.sendDocument(chatId, input);
}
