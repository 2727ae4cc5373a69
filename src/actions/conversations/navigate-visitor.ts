import { AppError, invalid } from '../../errors.js';
import { event } from '../../events/catalog.js';
import type { ActionContext } from '../context.js';
import { lockConversation } from '../load.js';

/**
 * The operator sends the web visitor to another page. Only http(s), and only
 * within the channel's allowed origins when it has any: a support chat must not
 * become a way to push visitors to other sites.
 */
export async function navigateVisitor(
  ctx: ActionContext,
  input: { conversationId: string; url: string },
) {
  const conv = await lockConversation(ctx, input.conversationId);
  if (
    ctx.actor.kind !== 'operator' ||
    (conv.operator_id !== ctx.actor.id && ctx.actor.role === 'operator')
  )
    throw new AppError('forbidden', 'Only the assigned operator can send the visitor to a page.');
  if (conv.state === 'closed') throw new AppError('conversation_closed');
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw invalid('url', 'Not a valid address.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw invalid('url', 'Only http and https addresses.');
  const channel = await ctx.trx
    .selectFrom('channels')
    .select(['kind', 'settings'])
    .where('id', '=', conv.channel_id)
    .executeTakeFirstOrThrow();
  if (channel.kind !== 'widget')
    throw invalid('url', 'Only website visitors can be sent to a page.');
  const allowed = channel.settings.allowedOrigins;
  if (Array.isArray(allowed) && allowed.length > 0 && !allowed.includes(url.origin))
    throw new AppError(
      'origin_not_allowed',
      'This address is outside the sites allowed for the channel.',
      'url',
    );
  ctx.emit(event('visitor.navigate', conv.id, { conversationId: conv.id, url: url.href }));
  return { ok: true };
}
