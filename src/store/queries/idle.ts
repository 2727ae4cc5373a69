// Conversations auto-close looks at (src/processors/caretaker.ts): open ones
// someone is answering (bot or operator) whose last message that was not a
// system notice came from the operator or the bot, across all accounts, with
// what src/domain/care/auto-close.ts needs to decide. A read without locks:
// the action re-reads under the conversation's lock before it acts.
import { type Kysely, sql } from 'kysely';
import type { ChannelKind, Database } from '../schema.js';

export interface IdleCandidate {
  conversationId: string;
  accountId: string;
  channelId: string;
  channelKind: ChannelKind;
  /** The channel's `settings.autoCloseMs` as stored (see autoCloseAfterMs). */
  setting: unknown;
  lastAuthor: 'operator' | 'bot';
  lastAt: Date;
  warnedAt: Date | null;
}

export async function idleCandidates(db: Kysely<Database>): Promise<IdleCandidate[]> {
  const { rows } = await sql<IdleCandidate>`
    SELECT c.id AS "conversationId", c.account_id AS "accountId", c.channel_id AS "channelId",
      ch.kind AS "channelKind", ch.settings -> 'autoCloseMs' AS setting,
      m.author_kind AS "lastAuthor", m.created_at AS "lastAt", c.idle_warned_at AS "warnedAt"
    FROM conversations c
    JOIN channels ch ON ch.id = c.channel_id
    CROSS JOIN LATERAL (
      SELECT m.author_kind, m.created_at FROM messages m
      WHERE m.conversation_id = c.id AND m.author_kind <> 'system'
      ORDER BY m.seq DESC LIMIT 1
    ) m
    WHERE c.state IN ('bot', 'assigned') AND m.author_kind IN ('operator', 'bot')`.execute(db);
  return rows.map((r) => ({
    ...r,
    lastAt: new Date(r.lastAt),
    warnedAt: r.warnedAt && new Date(r.warnedAt),
  }));
}
