// Auto-close of one conversation (issue 17; the rule: src/domain/care/auto-close.ts).
// Under the conversation's row lock, the same lock every message write takes
// (sendMessages), the last messages are read again and the rule decided
// again: a client message that committed first makes the client the last
// author and nothing happens; one that comes after waits for this commit,
// finds the conversation closed and opens a new one
// (receive-contact-message.ts), so it is never lost. Locked with SKIP LOCKED:
// a conversation someone is writing to right now is left for the next look.
import { autoCloseAfterMs, decideIdle, type IdleDecision } from '../../domain/care/auto-close.js';
import { type NoticeOverrides, renderNotice } from '../../domain/notices.js';
import type { ActionContext } from '../context.js';
import { sendMessage } from '../messages/send-message.js';
import { closeConversation } from './close-conversation.js';

export type IdleOutcome = IdleDecision | { action: 'busy' };

export async function careForIdle(
  ctx: ActionContext,
  input: { conversationId: string },
): Promise<IdleOutcome> {
  const conv = await ctx.trx
    .selectFrom('conversations as c')
    .innerJoin('channels as ch', 'ch.id', 'c.channel_id')
    .select(['c.id', 'c.state', 'c.language', 'c.idle_warned_at', 'ch.kind', 'ch.settings'])
    .where('c.id', '=', input.conversationId)
    .where('c.account_id', '=', ctx.accountId)
    .forUpdate('c')
    .skipLocked()
    .executeTakeFirst();
  if (!conv) return { action: 'busy' };
  if (conv.state !== 'bot' && conv.state !== 'assigned') return { action: 'none' };
  const last = await ctx.trx
    .selectFrom('messages')
    .select(['author_kind', 'created_at'])
    .where('conversation_id', '=', conv.id)
    .where('author_kind', '<>', 'system')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const decision = decideIdle({
    lastAuthor: last ? (last.author_kind as 'contact' | 'operator' | 'bot') : null,
    lastAt: last ? new Date(last.created_at).getTime() : null,
    warnedAt: conv.idle_warned_at ? new Date(conv.idle_warned_at).getTime() : null,
    afterMs: autoCloseAfterMs(conv.kind, conv.settings.autoCloseMs),
    now: ctx.now.getTime(),
  });
  if (decision.action !== 'warn' && decision.action !== 'close') return decision;
  const notice = (kind: 'idle_warning' | 'idle_closed') =>
    renderNotice(
      kind,
      conv.language ?? 'en',
      {},
      conv.settings.notices as NoticeOverrides | undefined,
    );
  if (decision.action === 'warn') {
    await sendMessage(ctx, { conversationId: conv.id, text: notice('idle_warning') });
    await ctx.trx
      .updateTable('conversations')
      .set({ idle_warned_at: ctx.now })
      .where('id', '=', conv.id)
      .execute();
    return decision;
  }
  await sendMessage(ctx, { conversationId: conv.id, text: notice('idle_closed') });
  await closeConversation(ctx, { conversationId: conv.id });
  return decision;
}
