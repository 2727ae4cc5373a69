// Sending messages, for one message or a batch of many in one transaction.
// The batch form is what makes group commit possible (group-commit.ts): under
// load, concurrent sends of one account share a transaction, a handful of
// set-based statements and one commit, instead of each paying for its own.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { AppError, invalid } from '../../errors.js';
import { event } from '../../events/catalog.js';
import { type MessageView, presentMessage } from '../../presenters.js';
import type { Attachment, AuthorKind, ConversationRow, MessageRow } from '../../store/schema.js';
import type { ActionContext, Actor } from '../context.js';
import { can } from '../policy.js';

export const MAX_MESSAGE_LENGTH = 10_000;

export interface SendMessageInput {
  conversationId: string;
  text: string;
  attachments?: Attachment[];
  /** The sender's idempotency key: a retry with the same key returns the original message. */
  clientKey?: string | null;
  /** The channel's own message id (Telegram message id, e-mail Message-ID): duplicates are dropped. */
  externalId?: string | null;
  /** For system actors: post as the bot rather than as a system notice. */
  asBot?: boolean;
}

export interface MessageRequest {
  actor: Actor;
  input: SendMessageInput;
}

export type MessageOutcome =
  | { ok: true; message: MessageView; duplicate: boolean }
  | { ok: false; error: AppError };

interface Author {
  kind: AuthorKind;
  id: string | null;
  name: string | null;
}

/**
 * Writes each request's message, or explains why not, without one bad request
 * failing the others. Conversation rows are locked (FOR UPDATE, in id order so
 * concurrent batches cannot deadlock): sequence numbers stay gap-free and a
 * retried key is always seen by the later of two racing retries.
 */
export async function sendMessages(
  ctx: ActionContext,
  requests: readonly MessageRequest[],
): Promise<MessageOutcome[]> {
  const outcomes: (MessageOutcome | null)[] = requests.map((r) => checkText(r.input));
  const live = requests.map((r, i) => ({ ...r, i })).filter((r) => outcomes[r.i] === null);
  if (live.length === 0) return outcomes as MessageOutcome[];
  const conversations = await lockConversations(ctx, [
    ...new Set(live.map((r) => r.input.conversationId)),
  ]);
  const authors = await loadAuthors(
    ctx,
    live.map((r) => r.actor),
  );
  const replays = await findReplays(ctx, live, conversations);
  const seen = new Map<string, number>();
  const rows: MessageRow[] = [];
  const firstReplies = new Set<string>();
  for (const r of live) {
    const conv = conversations.get(r.input.conversationId);
    const author = conv && authorOf(r.actor, conv, authors, r.input.asBot === true);
    if (!conv || author instanceof AppError || !author) {
      outcomes[r.i] = {
        ok: false,
        error:
          author instanceof AppError
            ? author
            : new AppError('not_found', 'Conversation not found.'),
      };
      continue;
    }
    const key = replayKey(r.input, author, conv.channel_id);
    const replay = key ? replays.get(key) : undefined;
    if (replay) {
      outcomes[r.i] = { ok: true, message: presentMessage(replay, author.name), duplicate: true };
      continue;
    }
    const earlier = key ? seen.get(key) : undefined;
    if (earlier !== undefined) {
      const first = outcomes[earlier];
      outcomes[r.i] = first?.ok ? { ...first, duplicate: true } : (first ?? null);
      continue;
    }
    if (conv.state === 'closed') {
      outcomes[r.i] = { ok: false, error: new AppError('conversation_closed') };
      continue;
    }
    conv.last_seq += 1;
    if (author.kind === 'operator' && !conv.first_operator_reply_at) {
      conv.first_operator_reply_at = ctx.now;
      firstReplies.add(conv.id);
    }
    const row: MessageRow = {
      id: randomUUID(),
      account_id: ctx.accountId,
      conversation_id: conv.id,
      channel_id: conv.channel_id,
      seq: conv.last_seq,
      author_kind: author.kind,
      author_id: author.id,
      text: r.input.text.trim(),
      attachments: r.input.attachments ?? [],
      client_key: r.input.clientKey ?? null,
      external_id: r.input.externalId ?? null,
      created_at: ctx.now,
    };
    rows.push(row);
    if (key) seen.set(key, r.i);
    const message = presentMessage(row, author.name);
    outcomes[r.i] = { ok: true, message, duplicate: false };
    ctx.emit(
      event(
        'message.created',
        'conversation',
        conv.id,
        { message },
        { operatorId: conv.state === 'assigned' ? conv.operator_id : null, teamId: conv.team_id },
      ),
    );
  }
  await writeMessages(ctx, rows, conversations, firstReplies);
  return outcomes as MessageOutcome[];
}

function checkText(input: SendMessageInput): MessageOutcome | null {
  const text = input.text.trim();
  if (text.length === 0 && (input.attachments ?? []).length === 0)
    return { ok: false, error: invalid('text', 'Write a message or attach a file.') };
  if (text.length > MAX_MESSAGE_LENGTH)
    return { ok: false, error: invalid('text', `At most ${MAX_MESSAGE_LENGTH} characters.`) };
  return null;
}

async function lockConversations(
  ctx: ActionContext,
  ids: string[],
): Promise<Map<string, ConversationRow>> {
  const rows = await ctx.trx
    .selectFrom('conversations')
    .selectAll()
    .where('id', 'in', ids)
    .where('account_id', '=', ctx.accountId)
    .orderBy('id')
    .forUpdate()
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

async function loadAuthors(ctx: ActionContext, actors: Actor[]) {
  const contactIds = [...new Set(actors.flatMap((a) => (a.kind === 'contact' ? [a.id] : [])))];
  const operatorIds = [...new Set(actors.flatMap((a) => (a.kind === 'operator' ? [a.id] : [])))];
  const [contacts, operators] = await Promise.all([
    contactIds.length > 0
      ? ctx.trx
          .selectFrom('contacts')
          .select(['id', 'name', 'blocked'])
          .where('id', 'in', contactIds)
          .execute()
      : [],
    operatorIds.length > 0
      ? ctx.trx
          .selectFrom('operators')
          .select(['id', 'name'])
          .where('id', 'in', operatorIds)
          .execute()
      : [],
  ]);
  return {
    contacts: new Map(contacts.map((c) => [c.id, c])),
    operators: new Map(operators.map((o) => [o.id, o])),
  };
}

function authorOf(
  actor: Actor,
  conv: ConversationRow,
  authors: Awaited<ReturnType<typeof loadAuthors>>,
  asBot: boolean,
): Author | AppError {
  if (actor.kind === 'system') return { kind: asBot ? 'bot' : 'system', id: null, name: null };
  if (actor.kind === 'contact') {
    const contact = authors.contacts.get(actor.id);
    // A contact writes only in their conversations on the channel they write from.
    if (actor.id !== conv.contact_id || actor.channelId !== conv.channel_id || !contact)
      return new AppError('not_found', 'Conversation not found.');
    if (contact.blocked) return new AppError('contact_blocked');
    return { kind: 'contact', id: actor.id, name: contact.name };
  }
  if (conv.operator_id !== actor.id && !can(actor, 'conversation.manage'))
    return new AppError('forbidden', 'This conversation is assigned to another operator.');
  return { kind: 'operator', id: actor.id, name: authors.operators.get(actor.id)?.name ?? null };
}

/** The identity of a message for de-duplication: the channel's id, else the sender's key. */
function replayKey(input: SendMessageInput, author: Author, channelId: string): string | null {
  if (input.externalId) return `x:${channelId}:${input.externalId}`;
  if (input.clientKey && author.id) return `k:${author.kind}:${author.id}:${input.clientKey}`;
  return null;
}

/**
 * Earlier messages with the same identity as any of these requests. Looked up
 * by the unique indexes' full keys, so the cost follows the batch, not the
 * account's history.
 */
async function findReplays(
  ctx: ActionContext,
  requests: readonly MessageRequest[],
  conversations: Map<string, ConversationRow>,
): Promise<Map<string, MessageRow>> {
  const external = requests.flatMap(({ input }) => {
    const channelId = conversations.get(input.conversationId)?.channel_id;
    return input.externalId && channelId ? [sql`(${channelId}::uuid, ${input.externalId})`] : [];
  });
  const keyed = requests.flatMap(({ actor, input }) =>
    input.clientKey && actor.kind !== 'system'
      ? [sql`(${actor.kind}, ${actor.id}::uuid, ${input.clientKey})`]
      : [],
  );
  const found = new Map<string, MessageRow>();
  if (external.length > 0) {
    const rows = await ctx.trx
      .selectFrom('messages')
      .selectAll()
      .where('account_id', '=', ctx.accountId)
      .where('external_id', 'is not', null)
      .where(sql<boolean>`(channel_id, external_id) IN (${sql.join(external)})`)
      .execute();
    for (const m of rows) found.set(`x:${m.channel_id}:${m.external_id}`, m);
  }
  if (keyed.length > 0) {
    const rows = await ctx.trx
      .selectFrom('messages')
      .selectAll()
      .where('account_id', '=', ctx.accountId)
      .where('client_key', 'is not', null)
      .where(sql<boolean>`(author_kind, author_id, client_key) IN (${sql.join(keyed)})`)
      .execute();
    for (const m of rows) found.set(`k:${m.author_kind}:${m.author_id}:${m.client_key}`, m);
  }
  return found;
}

async function writeMessages(
  ctx: ActionContext,
  rows: MessageRow[],
  conversations: Map<string, ConversationRow>,
  firstReplies: Set<string>,
): Promise<void> {
  if (rows.length === 0) return;
  const touched = [...new Set(rows.map((r) => r.conversation_id))].map(
    (id) => conversations.get(id)!,
  );
  const values = sql.join(
    touched.map(
      (c) => sql`(${c.id}::uuid, ${c.last_seq}::int, ${firstReplies.has(c.id)}::boolean)`,
    ),
  );
  await sql`
    UPDATE conversations c SET last_seq = v.seq,
      first_operator_reply_at = CASE WHEN v.first_reply THEN ${ctx.now}::timestamptz ELSE c.first_operator_reply_at END
    FROM (VALUES ${values}) AS v(id, seq, first_reply)
    WHERE c.id = v.id`.execute(ctx.trx);
  await ctx.trx
    .insertInto('messages')
    .values(rows.map((r) => ({ ...r, attachments: JSON.stringify(r.attachments) })))
    .execute();
}
