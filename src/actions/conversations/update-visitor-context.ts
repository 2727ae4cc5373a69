import { parseUserAgent } from '../../domain/user-agent.js';
import {
  mergeVisitorContext,
  sameVisit,
  type VisitorReport,
} from '../../domain/visitor-context.js';
import { event } from '../../events/catalog.js';
import type { ActionContext } from '../context.js';
import { lockConversation } from '../load.js';

/**
 * The widget reports the visitor's page, language and clock; the browser and
 * OS come from the request's User-Agent. Stored on the visitor's open
 * conversation on the token's channel, if there is one (page views create no
 * conversations: the widget reports again when one opens), and announced to
 * the staff who see that conversation when something changed.
 */
export async function updateVisitorContext(
  ctx: ActionContext,
  input: { channelId: string; contactId: string; report: VisitorReport; userAgent: string | null },
): Promise<{ conversationId: string | null }> {
  const open = await ctx.trx
    .selectFrom('conversations')
    .select('id')
    .where('account_id', '=', ctx.accountId)
    .where('contact_id', '=', input.contactId)
    .where('channel_id', '=', input.channelId)
    .where('state', '!=', 'closed')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  if (!open) return { conversationId: null };
  // Locked so two reports from two tabs cannot interleave their read and write.
  const conv = await lockConversation(ctx, open.id);
  if (conv.state === 'closed') return { conversationId: null };
  const context = mergeVisitorContext(
    conv.visitor_context,
    input.report,
    parseUserAgent(input.userAgent),
    ctx.now,
  );
  if (sameVisit(conv.visitor_context, context)) return { conversationId: conv.id };
  await ctx.trx
    .updateTable('conversations')
    .set({ visitor_context: JSON.stringify(context) })
    .where('id', '=', conv.id)
    .where('account_id', '=', ctx.accountId)
    .execute();
  ctx.emit(
    event(
      'visitor.context',
      conv.id,
      { conversationId: conv.id, context },
      { operatorId: conv.operator_id, teamId: conv.team_id },
    ),
  );
  return { conversationId: conv.id };
}
