import { randomUUID } from 'node:crypto';
import { findMentions } from '../../domain/mentions.js';
import { AppError, invalid } from '../../errors.js';
import { event } from '../../events/catalog.js';
import { presentConversation, presentNote } from '../../presenters.js';
import type { ActionContext } from '../context.js';
import { lockConversation } from '../load.js';
import { can } from '../policy.js';

export const NOTE_MAX_LENGTH = 5000;

/**
 * A private note inside a conversation. Staff only: notes live in a table of
 * their own that no channel, webhook or visitor read touches, and their events
 * go to staff audiences only (never `conversation` or `dialog`).
 *
 * Who may write one: the conversation's operator, a supervisor or admin (a
 * whisper: they need not take the conversation), and an operator an earlier
 * note mentioned (to answer it). `@name` mentions notify each mentioned
 * operator by a `note.mentioned` event that only they (and staff) receive.
 */
export async function createNote(
  ctx: ActionContext,
  input: { conversationId: string; text: string },
) {
  const actor = ctx.actor;
  if (actor.kind !== 'operator')
    throw new AppError('forbidden', 'Only staff can write private notes.');
  const text = input.text.trim();
  if (!text) throw invalid('text', 'Write the note first.');
  if (text.length > NOTE_MAX_LENGTH)
    throw invalid('text', `A note has at most ${NOTE_MAX_LENGTH} characters.`);
  const conv = await lockConversation(ctx, input.conversationId);
  if (actor.id !== conv.operator_id && !can(actor, 'conversation.manage')) {
    const mentioned = await ctx.trx
      .selectFrom('notes')
      .select('id')
      .where('account_id', '=', ctx.accountId)
      .where('conversation_id', '=', conv.id)
      .where((eb) => eb(eb.val(actor.id), '=', eb.fn.any('mentions')))
      .limit(1)
      .executeTakeFirst();
    if (!mentioned)
      throw new AppError(
        'forbidden',
        'You can write notes only in your own conversations, or where someone mentioned you.',
      );
  }
  const operators = await ctx.trx
    .selectFrom('operators')
    .select(['id', 'name', 'email'])
    .where('account_id', '=', ctx.accountId)
    .where('active', '=', true)
    .orderBy('name')
    .orderBy('id')
    .execute();
  const mentions = findMentions(text, operators).filter((id) => id !== actor.id);
  const row = await ctx.trx
    .insertInto('notes')
    .values({
      id: randomUUID(),
      account_id: ctx.accountId,
      conversation_id: conv.id,
      author_id: actor.id,
      text,
      mentions,
      created_at: ctx.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const author = operators.find((o) => o.id === actor.id)?.name ?? null;
  const note = presentNote(row, author);
  ctx.emit(
    event(
      'note.created',
      conv.id,
      { note },
      { operatorId: conv.operator_id, teamId: conv.team_id },
    ),
  );
  const conversation = presentConversation(conv);
  for (const operatorId of mentions) {
    ctx.emit(
      event(
        'note.mentioned',
        conv.id,
        { note, conversation, operatorId },
        { operatorId, teamId: null },
      ),
    );
  }
  return note;
}
