// Sending messages, for one message or a batch of many in one transaction.
// The batch form is what makes group commit possible (group-commit.ts): under
// load, concurrent sends of one account share a transaction, a handful of
// set-based statements and one commit, instead of each paying for its own.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { AppError, invalid } from '../../errors.js';
import { event } from '../../events/catalog.js';
import { type MessageView, presentMessage } from '../../presenters.js';
import { inOneMessage } from '../../store/one-message.js';
import type {
  Attachment,
  AuthorKind,
  ConversationRow,
  Database,
  MessageRow,
} from '../../store/schema.js';
import type { ActionContext, Actor } from '../context.js';
import { FlagChanges } from '../conversations/flag-urgent.js';
import { can } from '../policy.js';
import { type AttachmentRef, resolveAttachments } from './attachments.js';

export const MAX_MESSAGE_LENGTH = 10_000;

export interface SendMessageInput {
  conversationId: string;
  text: string;
  /** Ids of the sender's uploads; what is stored comes from the uploads table (attachments.ts). */
  attachments?: readonly AttachmentRef[];
  /** The sender's idempotency key: a retry with the same key returns the original message. */
  clientKey?: string | null;
  /** The channel's own message id (Telegram message id, e-mail Message-ID): duplicates are dropped. */
  externalId?: string | null;
  /** For system actors: post as the bot rather than as a system notice. */
  asBot?: boolean;
  /** A bot message's buttons (docs/bot.md); ignored for anyone but the bot. */
  buttons?: readonly { id: string; label: string }[];
}

export interface MessageRequest {
  actor: Actor;
  input: SendMessageInput;
}

export type MessageOutcome =
  | {
      ok: true;
      message: MessageView;
      duplicate: boolean;
      /** The conversation was with the bot (state 'bot') when the message was written. */
      inBot: boolean;
    }
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
  const checks = await checkRequests(ctx, requests);
  const outcomes: (MessageOutcome | null)[] = checks.map((c) =>
    c instanceof AppError ? { ok: false, error: c } : null,
  );
  const attachments = new Map<number, Attachment[]>();
  for (const [i, c] of checks.entries()) if (!(c instanceof AppError)) attachments.set(i, c);
  const live = requests.map((r, i) => ({ ...r, i })).filter((r) => outcomes[r.i] === null);
  if (live.length === 0) return outcomes as MessageOutcome[];
  const { conversations, authors, replays } = await lockAndLoad(ctx, live);
  const seen = new Map<string, number>();
  const rows: MessageRow[] = [];
  const firstReplies = new Set<string>();
  const flags = new FlagChanges();
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
      outcomes[r.i] = {
        ok: true,
        message: presentMessage(replay, author.name),
        duplicate: true,
        inBot: conv.state === 'bot',
      };
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
      attachments: attachments.get(r.i) ?? [],
      client_key: r.input.clientKey ?? null,
      external_id: r.input.externalId ?? null,
      created_at: ctx.now,
      buttons:
        author.kind === 'bot' && r.input.buttons && r.input.buttons.length > 0
          ? [...r.input.buttons]
          : null,
    };
    rows.push(row);
    flags.see(ctx, conv, author.kind, row);
    if (key) seen.set(key, r.i);
    const message = presentMessage(row, author.name);
    outcomes[r.i] = { ok: true, message, duplicate: false, inBot: conv.state === 'bot' };
    ctx.emit(
      event(
        'message.created',
        conv.id,
        { message },
        { operatorId: conv.state === 'assigned' ? conv.operator_id : null, teamId: conv.team_id },
      ),
    );
  }
  await writeMessages(ctx, rows, conversations, firstReplies);
  await flags.write(ctx);
  return outcomes as MessageOutcome[];
}

/**
 * What can be refused before any conversation is touched: the text, and each
 * attachment as a reference to the sender's own upload (attachments.ts). Gives
 * each request's stored attachments, or why it is refused. Receiving calls it
 * too, before opening a conversation for a message that would be refused.
 */
export async function checkRequests(
  ctx: ActionContext,
  requests: readonly { actor: Actor; input: Pick<SendMessageInput, 'text' | 'attachments'> }[],
): Promise<(Attachment[] | AppError)[]> {
  const texts = requests.map((r) => checkText(r.input));
  const resolved = await resolveAttachments(
    ctx,
    requests.map((r, i) => ({ actor: r.actor, refs: texts[i] ? [] : (r.input.attachments ?? []) })),
  );
  return resolved.map((found, i) => texts[i] ?? found);
}

function checkText(input: Pick<SendMessageInput, 'text' | 'attachments'>): AppError | null {
  const text = input.text.trim();
  if (text.length === 0 && (input.attachments ?? []).length === 0)
    return invalid('text', 'Write a message or attach a file.');
  if (text.length > MAX_MESSAGE_LENGTH)
    return invalid('text', `At most ${MAX_MESSAGE_LENGTH} characters.`);
  return null;
}

/** What sending reads of a conversation; only these columns are fetched (and parsed). */
const LOCKED_COLUMNS = [
  'id',
  'channel_id',
  'contact_id',
  'state',
  'operator_id',
  'team_id',
  'last_seq',
  'first_operator_reply_at',
  'flagged_at',
  'flag_answered_at',
] as const;
type LockedConversation = Pick<ConversationRow, (typeof LOCKED_COLUMNS)[number]>;

interface Authors {
  contacts: Map<string, { id: string; name: string | null; blocked: boolean }>;
  operators: Map<string, { id: string; name: string }>;
}

interface Loaded {
  conversations: Map<string, LockedConversation>;
  authors: Authors;
  /** Earlier messages by the identity of a request (replayKey). */
  replays: Map<string, MessageRow>;
}

/** What lockAndLoad's second statement answers: JSON documents, null where nothing was asked. */
interface LoadedRow {
  conversations:
    | (Omit<LockedConversation, 'first_operator_reply_at' | 'flagged_at' | 'flag_answered_at'> & {
        first_operator_reply_at: string | null;
        flagged_at: string | null;
        flag_answered_at: string | null;
      })[]
    | null;
  contacts: { id: string; name: string | null; blocked: boolean }[] | null;
  operators: { id: string; name: string }[] | null;
  keyed: MessageJson[] | null;
  external: MessageJson[] | null;
}

/** A message row as json_agg writes it: its timestamp as text. */
type MessageJson = Omit<MessageRow, 'created_at'> & { created_at: string };

/**
 * Locks the batch's conversations (FOR UPDATE, in id order) and reads what
 * writing needs — the conversations, the authors, earlier messages with the
 * identity of any request (a retried clientKey, a channel's message id) — in
 * one message to the server (src/store/one-message.ts): the reads run once
 * the locks are granted, with a snapshot that sees what the previous holder
 * committed, so a retry racing its original always finds it. The rows stay
 * locked for two round trips to this node (the write, then the events with
 * the COMMIT) instead of five: a routing pass claiming a new conversation
 * waits on its first messages for that long.
 *
 * Earlier messages: one probe of a unique index per key. The keys arrive as
 * a JSON array, joined laterally with LIMIT 1, so the plan is a loop of index
 * lookups whatever the batch size — an `IN` list of row values planned as a
 * bitmap OR took 17 ms a batch on average under load (half of PostgreSQL's
 * time in the message benchmark), and a plain join would hash the account's
 * whole history.
 */
async function lockAndLoad(
  ctx: ActionContext,
  requests: readonly MessageRequest[],
): Promise<Loaded> {
  const ids = [...new Set(requests.map((r) => r.input.conversationId))];
  const actors = requests.map((r) => r.actor);
  const contactIds = [...new Set(actors.flatMap((a) => (a.kind === 'contact' ? [a.id] : [])))];
  const operatorIds = [...new Set(actors.flatMap((a) => (a.kind === 'operator' ? [a.id] : [])))];
  const keyed = requests.flatMap(({ actor, input }) =>
    input.clientKey && actor.kind !== 'system'
      ? [{ kind: actor.kind, author: actor.id, key: input.clientKey }]
      : [],
  );
  const external = requests.flatMap(({ input }) =>
    input.externalId ? [{ conversation: input.conversationId, id: input.externalId }] : [],
  );
  const acc = ctx.accountId;
  const list = (values: string[]) => sql.join(values);
  const none = sql`NULL::json`;
  const [row] = await inOneMessage<LoadedRow, Database>(ctx.trx, [
    sql`SELECT id FROM conversations WHERE id IN (${list(ids)}) AND account_id = ${acc}
      ORDER BY id FOR UPDATE`,
    sql`SELECT
      (SELECT json_agg(c) FROM (
        SELECT ${sql.join(LOCKED_COLUMNS.map((c) => sql.ref(c)))} FROM conversations
        WHERE id IN (${list(ids)}) AND account_id = ${acc}) c) AS conversations,
      ${
        contactIds.length > 0
          ? sql`(SELECT json_agg(x) FROM (SELECT id, name, blocked FROM contacts
              WHERE id IN (${list(contactIds)}) AND account_id = ${acc}) x)`
          : none
      } AS contacts,
      ${
        operatorIds.length > 0
          ? sql`(SELECT json_agg(x) FROM (SELECT id, name FROM operators
              WHERE id IN (${list(operatorIds)}) AND account_id = ${acc}) x)`
          : none
      } AS operators,
      ${
        keyed.length > 0
          ? sql`(SELECT json_agg(m) FROM json_to_recordset(${JSON.stringify(keyed)}::json)
                AS k(kind text, author uuid, key text)
              CROSS JOIN LATERAL (
                SELECT * FROM messages m
                WHERE m.account_id = ${acc} AND m.client_key IS NOT NULL
                  AND m.author_kind = k.kind AND m.author_id = k.author AND m.client_key = k.key
                LIMIT 1) m)`
          : none
      } AS keyed,
      ${
        external.length > 0
          ? sql`(SELECT json_agg(m) FROM json_to_recordset(${JSON.stringify(external)}::json)
                AS k(conversation uuid, id text)
              JOIN conversations c ON c.id = k.conversation AND c.account_id = ${acc}
              CROSS JOIN LATERAL (
                SELECT * FROM messages m
                WHERE m.channel_id = c.channel_id AND m.external_id = k.id
                  AND m.external_id IS NOT NULL AND m.account_id = ${acc}
                LIMIT 1) m)`
          : none
      } AS external`,
  ]);
  const date = (v: string | null) => (v === null ? null : new Date(v));
  const conversations = new Map<string, LockedConversation>(
    (row!.conversations ?? []).map((c) => [
      c.id,
      {
        ...c,
        first_operator_reply_at: date(c.first_operator_reply_at),
        flagged_at: date(c.flagged_at),
        flag_answered_at: date(c.flag_answered_at),
      },
    ]),
  );
  const message = (m: MessageJson): MessageRow => ({ ...m, created_at: new Date(m.created_at) });
  const replays = new Map<string, MessageRow>();
  for (const m of row!.external ?? [])
    replays.set(`x:${m.channel_id}:${m.external_id}`, message(m));
  for (const m of row!.keyed ?? [])
    replays.set(`k:${m.author_kind}:${m.author_id}:${m.client_key}`, message(m));
  return {
    conversations,
    authors: {
      contacts: new Map((row!.contacts ?? []).map((c) => [c.id, c])),
      operators: new Map((row!.operators ?? []).map((o) => [o.id, o])),
    },
    replays,
  };
}

function authorOf(
  actor: Actor,
  conv: LockedConversation,
  authors: Authors,
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

/** The batch's rows as one JSON array, its conversations' counters as arrays (see appendEventsAndCommit). */
async function writeMessages(
  ctx: ActionContext,
  rows: MessageRow[],
  conversations: Map<string, LockedConversation>,
  firstReplies: Set<string>,
): Promise<void> {
  if (rows.length === 0) return;
  const touched = [...new Set(rows.map((r) => r.conversation_id))].map(
    (id) => conversations.get(id)!,
  );
  // One statement, one round trip: the counters' update runs to completion
  // as a data-modifying WITH, whether or not the INSERT reads it.
  await sql`
    WITH counters AS (
      UPDATE conversations c SET last_seq = v.seq,
        first_operator_reply_at = CASE WHEN v.first_reply THEN ${ctx.now}::timestamptz ELSE c.first_operator_reply_at END
      FROM unnest(${touched.map((c) => c.id)}::uuid[], ${touched.map((c) => c.last_seq)}::int[],
                  ${touched.map((c) => firstReplies.has(c.id))}::boolean[]) AS v(id, seq, first_reply)
      WHERE c.id = v.id)
    INSERT INTO messages (id, account_id, conversation_id, channel_id, seq, author_kind, author_id,
                          text, attachments, client_key, external_id, created_at, buttons)
    SELECT id, account_id, conversation_id, channel_id, seq, author_kind, author_id,
           text, attachments, client_key, external_id, created_at, buttons
    FROM json_populate_recordset(NULL::messages, ${JSON.stringify(rows)}::json)`.execute(ctx.trx);
}
