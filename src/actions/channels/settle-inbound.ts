import type { ActionContext } from '../context.js';

export type InboundOutcome =
  /** Not for an operator (bot, auto-reply, loop, blocked contact): kept for the record. */
  | { kind: 'ignored'; reason: string }
  /** A temporary failure (provider file download, database hiccup): try again at `at`. */
  | { kind: 'retry'; error: string; at: Date }
  /** Cannot ever succeed (malformed payload) or out of attempts. */
  | { kind: 'dead'; error: string };

/** Records what became of an inbox item that did not turn into a message. */
export async function settleInbound(
  ctx: ActionContext,
  input: { inboxId: number; outcome: InboundOutcome },
): Promise<void> {
  const o = input.outcome;
  await ctx.trx
    .updateTable('channel_inbox')
    .set(
      o.kind === 'retry'
        ? { next_attempt_at: o.at, last_error: o.error }
        : {
            status: o.kind,
            processed_at: ctx.now,
            last_error: o.kind === 'ignored' ? o.reason : o.error,
          },
    )
    .where('id', '=', input.inboxId)
    .where('account_id', '=', ctx.accountId)
    .where('status', '=', 'pending')
    .execute();
}
