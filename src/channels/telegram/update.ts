// Reading a Telegram webhook body. Telegram re-sends an update until it gets
// a 2xx, so a body that is not an update we can file is acknowledged and
// logged by the route, never refused into an endless retry.
import type { Update } from 'grammy/types';
import { z } from 'zod';
import { cleanJson, TooDeep } from '../../domain/text.js';

const chat = z.object({ id: z.number().int().safe() }).loose();
const message = z.object({ message_id: z.number().int().safe(), chat }).loose();

/** What updateInboxItem and the normaliser rely on; the rest is kept as sent. */
const updateShape = z
  .object({
    update_id: z.number().int().nonnegative().safe(),
    message: message.optional(),
    edited_message: message.optional(),
    callback_query: z.object({ message: message.optional() }).loose().optional(),
  })
  .loose();

/**
 * The update in a webhook body, with NUL stripped and lone surrogates
 * replaced (the database stores neither), or null when it is not one.
 */
export function parseTelegramUpdate(body: Buffer): Update | null {
  let value: unknown;
  try {
    value = cleanJson(JSON.parse(body.toString('utf8')));
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof TooDeep) return null;
    throw error;
  }
  const parsed = updateShape.safeParse(value);
  return parsed.success ? (value as Update) : null;
}
