import { sql } from 'kysely';
import { detectLanguage } from '../../domain/language.js';
import { AppError } from '../../errors.js';
import { type BotBoundMessage, runBots } from '../bot/run-bots.js';
import type { ActionContext, Actor } from '../context.js';
import { startConversation } from '../conversations/start-conversation.js';
import type { SendMessageResult } from './send-message.js';
import {
  checkRequests,
  type MessageOutcome,
  type MessageRequest,
  type SendMessageInput,
  sendMessages,
} from './send-messages.js';

export type ContactMessageInput = Omit<SendMessageInput, 'conversationId' | 'asBot'> & {
  channelId: string;
  contactId: string;
};

export type ReceiveOutcome =
  | {
      ok: true;
      result: SendMessageResult & { conversationId: string; conversationCreated: boolean };
    }
  | { ok: false; error: AppError };

/**
 * Messages from clients on any channel: each goes into the open conversation of
 * its contact on its channel, or opens a new one (a closed conversation is
 * never reopened — the client's next message starts a new one). The
 * conversation's language is detected from the client's first messages until
 * known; an operator can override it.
 */
export async function receiveContactMessages(
  ctx: ActionContext,
  items: readonly { actor: Actor; input: ContactMessageInput }[],
): Promise<ReceiveOutcome[]> {
  return (await receiveAlongside(ctx, items, [])).received;
}

/**
 * Clients' messages and, in the same pass, other senders' messages into known
 * conversations: one lock, one author lookup and one write for all of them
 * (group commit's mixed batches).
 */
export async function receiveAlongside(
  ctx: ActionContext,
  items: readonly { actor: Actor; input: ContactMessageInput }[],
  alongside: readonly MessageRequest[],
): Promise<{ received: ReceiveOutcome[]; alongside: MessageOutcome[] }> {
  const open =
    items.length > 0
      ? await openConversations(
          ctx,
          items.map((i) => i.input),
        )
      : new Map<string, { id: string; language: string | null }>();
  const resolved: (
    | { conversationId: string; created: boolean; language: string | null }
    | AppError
  )[] = new Array(items.length);
  const opened = new Set<number>();
  // A message that will be refused opens no conversation (nothing half-written).
  const refused = await checkRequests(ctx, items);
  // New conversations are started in (contact, channel) order: two batches
  // (on two nodes) starting the same two wait on the same unique index entries
  // in the same order, so they cannot deadlock.
  const byKey = items
    .map(({ input }, i) => ({ i, input, key: `${input.contactId}:${input.channelId}` }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i));
  for (const { i, input, key } of byKey) {
    const refusal = refused[i];
    if (refusal instanceof AppError) {
      resolved[i] = refusal;
      continue;
    }
    const known = open.get(key);
    if (known) {
      resolved[i] = { conversationId: known.id, created: false, language: known.language };
      continue;
    }
    try {
      // Its first message's language goes in with the new row (no update after).
      const { conversation, created } = await startConversation(ctx, {
        channelId: input.channelId,
        contactId: input.contactId,
        language: detectLanguage([input.text]),
      });
      open.set(key, { id: conversation.id, language: conversation.language });
      resolved[i] = { conversationId: conversation.id, created, language: conversation.language };
      if (created) opened.add(i);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      resolved[i] = error;
    }
  }
  const requests: MessageRequest[] = [];
  const index: number[] = [];
  items.forEach((item, i) => {
    const r = resolved[i]!;
    if (r instanceof AppError) return;
    const { channelId: _c, contactId: _k, ...message } = item.input;
    requests.push({ actor: item.actor, input: { ...message, conversationId: r.conversationId } });
    index.push(i);
  });
  const all = await sendMessages(ctx, [...requests, ...alongside]);
  await reopenClosedUnderfoot(ctx, items, requests, index, resolved, all);
  const sent = all.slice(0, requests.length);
  await detectLanguages(ctx, sent, index, resolved, items, opened);
  await runBots(ctx, botBound(sent, index, resolved, items));
  const positions = new Map(index.map((itemIndex, n) => [itemIndex, n]));
  const received = items.map((_, i): ReceiveOutcome => {
    const r = resolved[i]!;
    if (r instanceof AppError) return { ok: false, error: r };
    const outcome = sent[positions.get(i)!]!;
    if (!outcome.ok) return outcome;
    return {
      ok: true,
      result: {
        message: outcome.message,
        duplicate: outcome.duplicate,
        conversationId: r.conversationId,
        conversationCreated: r.created,
      },
    };
  });
  return { received, alongside: all.slice(requests.length) };
}

/**
 * A conversation found open, then closed before its row was locked (an
 * operator's close, or auto-close committing first): the client's message
 * goes into a new conversation instead of being refused, so it is never lost.
 * Rare, so done after the batch: new conversations in (contact, channel)
 * order, as above. Updates `resolved`, `requests` and `all` in place.
 */
async function reopenClosedUnderfoot(
  ctx: ActionContext,
  items: readonly { actor: Actor; input: ContactMessageInput }[],
  requests: MessageRequest[],
  index: number[],
  resolved: ({ conversationId: string; created: boolean; language: string | null } | AppError)[],
  all: MessageOutcome[],
): Promise<void> {
  const closed = requests
    .map((_, n) => n)
    .filter((n) => {
      const outcome = all[n]!;
      const r = resolved[index[n]!]!;
      return (
        !outcome.ok &&
        outcome.error.code === 'conversation_closed' &&
        !(r instanceof AppError) &&
        !r.created
      );
    })
    .sort((a, b) => {
      const ka = `${items[index[a]!]!.input.contactId}:${items[index[a]!]!.input.channelId}`;
      const kb = `${items[index[b]!]!.input.contactId}:${items[index[b]!]!.input.channelId}`;
      return ka < kb ? -1 : ka > kb ? 1 : a - b;
    });
  if (closed.length === 0) return;
  for (const n of closed) {
    const { input } = items[index[n]!]!;
    try {
      const { conversation, created } = await startConversation(ctx, {
        channelId: input.channelId,
        contactId: input.contactId,
      });
      resolved[index[n]!] = {
        conversationId: conversation.id,
        created,
        language: conversation.language,
      };
      requests[n] = {
        ...requests[n]!,
        input: { ...requests[n]!.input, conversationId: conversation.id },
      };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      all[n] = { ok: false, error };
    }
  }
  const retried = closed.filter(
    (n) => !all[n]!.ok && (all[n] as { error: AppError }).error.code === 'conversation_closed',
  );
  const outcomes = await sendMessages(
    ctx,
    retried.map((n) => requests[n]!),
  );
  retried.forEach((n, k) => {
    all[n] = outcomes[k]!;
  });
}

/** One client message from the action's actor; throws the reason it cannot be taken. */
export async function receiveContactMessage(ctx: ActionContext, input: ContactMessageInput) {
  const [outcome] = await receiveContactMessages(ctx, [{ actor: ctx.actor, input }]);
  if (!outcome!.ok) throw outcome!.error;
  return outcome!.result;
}

async function openConversations(ctx: ActionContext, inputs: ContactMessageInput[]) {
  const contactIds = [...new Set(inputs.map((i) => i.contactId))];
  const rows = await ctx.trx
    .selectFrom('conversations')
    .select(['id', 'contact_id', 'channel_id', 'language'])
    .where('account_id', '=', ctx.accountId)
    .where('contact_id', 'in', contactIds)
    .where('state', '<>', 'closed')
    .execute();
  return new Map(
    rows.map((r) => [`${r.contact_id}:${r.channel_id}`, { id: r.id, language: r.language }]),
  );
}

/** The batch's new client messages, in order, for conversations that may be in front of a bot. */
function botBound(
  sent: MessageOutcome[],
  index: number[],
  resolved: ({ conversationId: string; created: boolean } | AppError)[],
  items: readonly { actor: Actor; input: ContactMessageInput }[],
): BotBoundMessage[] {
  const out: BotBoundMessage[] = [];
  for (const [n, outcome] of sent.entries()) {
    const i = index[n]!;
    const r = resolved[i]!;
    if (r instanceof AppError || !outcome.ok || outcome.duplicate || !outcome.inBot) continue;
    if (items[i]!.actor.kind !== 'contact') continue;
    out.push({
      conversationId: r.conversationId,
      messageId: outcome.message.id,
      text: outcome.message.text,
      opened: r.created,
    });
  }
  return out;
}

/** The language of conversations still without one, from their new client messages: one update. */
async function detectLanguages(
  ctx: ActionContext,
  sent: MessageOutcome[],
  index: number[],
  resolved: ({ conversationId: string; language: string | null } | AppError)[],
  items: readonly { input: ContactMessageInput }[],
  /** Items whose text was examined when they opened their conversation. */
  opened: ReadonlySet<number>,
) {
  const detected = new Map<string, string>();
  for (const [n, outcome] of sent.entries()) {
    const i = index[n]!;
    const r = resolved[i]!;
    if (
      r instanceof AppError ||
      !outcome.ok ||
      outcome.duplicate ||
      r.language !== null ||
      detected.has(r.conversationId) ||
      opened.has(i)
    )
      continue;
    const language = detectLanguage([items[i]!.input.text]);
    if (language) detected.set(r.conversationId, language);
  }
  if (detected.size === 0) return;
  await sql`
    UPDATE conversations c SET language = v.language
    FROM unnest(${[...detected.keys()]}::uuid[], ${[...detected.values()]}::text[]) AS v(id, language)
    WHERE c.id = v.id AND c.account_id = ${ctx.accountId}`.execute(ctx.trx);
}
