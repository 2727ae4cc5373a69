// Angry or urgent clients (issue 17): a client message the classifier
// (src/domain/care/urgency.ts) calls urgent flags its conversation, once, in
// the same transaction as the message; the first operator message after the
// flag records when it was answered (the flag statistics). Called by
// sendMessages with the conversation rows it holds locked.
import { sql } from 'kysely';
import { classifyUrgency, type UrgencyReason } from '../../domain/care/urgency.js';
import { event } from '../../events/catalog.js';
import { presentConversation } from '../../presenters.js';
import { contactName } from '../../store/queries/conversations.js';
import type { AuthorKind } from '../../store/schema.js';
import type { ActionContext } from '../context.js';

export interface FlagState {
  flagged_at: Date | null;
  flag_answered_at: Date | null;
}

/** What one batch of messages does to flags: new flags (with the message), new answers. */
export class FlagChanges {
  readonly flagged = new Map<string, { reasons: UrgencyReason[]; messageId: string }>();
  readonly answered = new Set<string>();

  /** Looks at one message about to be written to a conversation in `conv`'s state (updated in place). */
  see(
    ctx: ActionContext,
    conv: FlagState & { id: string },
    author: AuthorKind,
    message: { id: string; text: string },
  ): void {
    if (author === 'contact' && conv.flagged_at === null) {
      const urgency = classifyUrgency(message.text);
      if (!urgency.urgent) return;
      conv.flagged_at = ctx.now;
      this.flagged.set(conv.id, { reasons: urgency.reasons, messageId: message.id });
    } else if (
      author === 'operator' &&
      conv.flagged_at !== null &&
      conv.flag_answered_at === null
    ) {
      conv.flag_answered_at = ctx.now;
      this.answered.add(conv.id);
    }
  }

  /** Writes the batch's flags and answers and emits `conversation.flagged` for each new flag. */
  async write(ctx: ActionContext): Promise<void> {
    if (this.answered.size > 0) {
      await sql`
        UPDATE conversations SET flag_answered_at = ${ctx.now}::timestamptz
        WHERE id = ANY(${[...this.answered]}::uuid[]) AND account_id = ${ctx.accountId}
          AND flagged_at IS NOT NULL AND flag_answered_at IS NULL`.execute(ctx.trx);
    }
    for (const [id, flag] of this.flagged) {
      const row = await ctx.trx
        .updateTable('conversations')
        .set({
          flagged_at: ctx.now,
          flag_reasons: flag.reasons,
          // An operator message later in the same batch already answered it.
          flag_answered_at: this.answered.has(id) ? ctx.now : null,
        })
        .where('id', '=', id)
        .where('account_id', '=', ctx.accountId)
        .where('flagged_at', 'is', null)
        .returningAll()
        .returning(contactName)
        .executeTakeFirst();
      if (!row) continue;
      ctx.emit(
        event('conversation.flagged', id, {
          conversation: presentConversation(row),
          reasons: flag.reasons,
          messageId: flag.messageId,
        }),
      );
    }
  }
}
