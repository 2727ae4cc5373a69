// A Telegram update as a Switchboard message. Only private chats with people
// become conversations; updates from bots (including, in groups, our own) are
// dropped so two bots can never talk to each other through Switchboard.
import { GrammyError } from 'grammy';
import type { CallbackQuery, Message, Update } from 'grammy/types';
import type { InboundFile } from '../../actions/channels/store-channel-files.js';
import type { AdapterContext, Normalized } from '../types.js';
import { botApi, classifyTelegramError, downloadFile } from './api.js';
import type { TelegramSettings } from './settings.js';

interface FileRef {
  fileId: string;
  name: string;
  contentType: string;
}

export async function normalizeUpdate(
  update: Update,
  settings: TelegramSettings,
  ctx: AdapterContext,
): Promise<Normalized> {
  if (update.callback_query) return normalizeButtonPress(update.callback_query, settings, ctx);
  const msg = update.message;
  if (!msg) {
    const kinds = Object.keys(update).filter((k) => k !== 'update_id');
    return { kind: 'ignore', reason: `unsupported update: ${kinds.join(', ') || 'empty'}` };
  }
  if (msg.chat.type !== 'private') return { kind: 'ignore', reason: 'not a private chat' };
  if (!msg.from || msg.from.is_bot) return { kind: 'ignore', reason: 'sent by a bot' };
  const notes: string[] = [];
  const files: InboundFile[] = [];
  for (const ref of fileRefs(msg)) {
    const file = await fetchFile(ref, settings, ctx);
    if (typeof file === 'string') notes.push(file);
    else files.push(file);
  }
  const text = msg.text ?? msg.caption ?? '';
  const placeholder = text || files.length > 0 || notes.length > 0 ? null : describe(msg);
  const name = [msg.from.first_name, msg.from.last_name].filter(Boolean).join(' ');
  return {
    kind: 'message',
    message: {
      // message_id is unique per chat, so the pair is unique per bot.
      externalId: `${msg.chat.id}:${msg.message_id}`,
      contact: {
        externalId: String(msg.chat.id),
        name: name || msg.from.username || null,
        email: null,
      },
      text: [text, placeholder, ...notes].filter(Boolean).join('\n'),
      files,
    },
  };
}

function fileRefs(msg: Message): FileRef[] {
  const refs: FileRef[] = [];
  // Telegram sends every size of a photo, smallest first: keep the largest.
  const photo = msg.photo?.[msg.photo.length - 1];
  if (photo)
    refs.push({
      fileId: photo.file_id,
      name: `photo-${photo.file_unique_id}.jpg`,
      contentType: 'image/jpeg',
    });
  if (msg.document)
    refs.push({
      fileId: msg.document.file_id,
      name: msg.document.file_name ?? `document-${msg.document.file_unique_id}`,
      contentType: msg.document.mime_type ?? 'application/octet-stream',
    });
  if (msg.voice)
    refs.push({
      fileId: msg.voice.file_id,
      name: `voice-${msg.voice.file_unique_id}.ogg`,
      contentType: msg.voice.mime_type ?? 'audio/ogg',
    });
  if (msg.audio)
    refs.push({
      fileId: msg.audio.file_id,
      name: msg.audio.file_name ?? `audio-${msg.audio.file_unique_id}.mp3`,
      contentType: msg.audio.mime_type ?? 'audio/mpeg',
    });
  if (msg.video)
    refs.push({
      fileId: msg.video.file_id,
      name: msg.video.file_name ?? `video-${msg.video.file_unique_id}.mp4`,
      contentType: msg.video.mime_type ?? 'video/mp4',
    });
  return refs;
}

/**
 * getFile works up to 20 MB on api.telegram.org; a bigger file becomes a note
 * for the operator, not a retry loop — so does a file this server refuses to
 * fetch (a local path outside TELEGRAM_LOCAL_FILES_DIR, a forbidden address).
 */
async function fetchFile(
  ref: FileRef,
  settings: TelegramSettings,
  ctx: AdapterContext,
): Promise<InboundFile | string> {
  const tooLarge = `[file too large to fetch from Telegram: ${ref.name}]`;
  try {
    const file = await botApi(settings, ctx.outbound).getFile(ref.fileId);
    if (!file.file_path) return tooLarge;
    const data = await downloadFile(settings, file.file_path, ctx);
    return { name: ref.name, contentType: ref.contentType, data };
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 400) return tooLarge;
    const e = classifyTelegramError(error);
    if (e.kind !== 'permanent') throw e;
    ctx.logger.warn({ err: e, file: ref.name }, 'telegram file not fetched');
    return `[file not fetched from Telegram: ${ref.name}]`;
  }
}

/** Content without text or file (a sticker, a location): tell the operator what it was. */
function describe(msg: Message): string {
  if (msg.sticker) return `[sticker ${msg.sticker.emoji ?? ''}]`.replace(' ]', ']');
  if (msg.location) return `[location ${msg.location.latitude}, ${msg.location.longitude}]`;
  if (msg.contact)
    return `[contact ${[msg.contact.first_name, msg.contact.phone_number].join(' ')}]`;
  return '[a message Switchboard cannot show]';
}

/**
 * A press of a bot's inline button (docs/bot.md): the client's message is
 * the button's label, found in the keyboard of the message it was pressed
 * under (Telegram sends that message along), so the bot reads it as it reads
 * a typed answer. The spinner on the button is stopped with
 * answerCallbackQuery; a failure there loses nothing, so it is only logged.
 */
async function normalizeButtonPress(
  query: CallbackQuery,
  settings: TelegramSettings,
  ctx: AdapterContext,
): Promise<Normalized> {
  const chat = query.message?.chat;
  if (chat?.type !== 'private') return { kind: 'ignore', reason: 'not a private chat' };
  if (query.from.is_bot) return { kind: 'ignore', reason: 'sent by a bot' };
  const keyboard =
    (
      query.message as {
        reply_markup?: { inline_keyboard?: { text: string; callback_data?: string }[][] };
      }
    ).reply_markup?.inline_keyboard ?? [];
  const label = keyboard.flat().find((b) => b.callback_data === query.data)?.text ?? query.data;
  await botApi(settings, ctx.outbound)
    .answerCallbackQuery(query.id)
    .catch((error: unknown) =>
      ctx.logger.warn({ err: classifyTelegramError(error) }, 'answerCallbackQuery failed'),
    );
  if (!label) return { kind: 'ignore', reason: 'a button without data' };
  const name = [query.from.first_name, query.from.last_name].filter(Boolean).join(' ');
  return {
    kind: 'message',
    message: {
      // Callback query ids are unique per bot.
      externalId: `callback:${query.id}`,
      contact: {
        externalId: String(chat.id),
        name: name || query.from.username || null,
        email: null,
      },
      text: label,
      files: [],
    },
  };
}
