// Full-text search over messages and contacts (issue 15, docs/search.md).
// Messages: the expression below is the one the GIN index messages_search
// (migration 017) was built on — change both or neither. Newest matches first,
// paged by keyset (created_at, id); the planner walks the GIN index for rare
// words and messages_account_created newest-first for common ones.
import { type Kysely, type SqlBool, sql } from 'kysely';
import { HIT_END, HIT_START, MARKUP, MARKUP_STAND_INS } from '../../domain/search/query.js';
import type { Database } from '../schema.js';
import { contactDocument, FOLD_FROM, FOLD_TO, messageDocument } from '../search-sql.js';
import { contactName } from './conversations.js';
import { type Viewer, visibleTo } from './visibility.js';

// translate(): markup characters become their stand-ins and Cyrillic is folded
// as in the index; markers and stand-ins a message may contain are dropped
// (no counterpart in HEADLINE_TO), as headlineInput drops them.
const HEADLINE_FROM = [...MARKUP, ...FOLD_FROM, HIT_START, HIT_END, ...MARKUP_STAND_INS].join('');
const HEADLINE_TO = [...MARKUP_STAND_INS, ...FOLD_TO].join('');
const HEADLINE_OPTIONS = `StartSel=${HIT_START}, StopSel=${HIT_END}, HighlightAll=true`;

/** Each word's lexemes in the index's configuration (empty for stop words). */
export async function analyseWords(db: Kysely<Database>, words: readonly string[]) {
  if (words.length === 0) return [];
  const { rows } = await sql<{ word: string; lexemes: string[] }>`
    SELECT w AS word, tsvector_to_array(to_tsvector('russian'::regconfig, w)) AS lexemes
      FROM unnest(${sql.val(words)}::text[]) WITH ORDINALITY AS t(w, n) ORDER BY n`.execute(db);
  return rows;
}

export interface MessageSearch {
  accountId: string;
  viewer: Viewer;
  /** tsquery text built by messageTsQuery (quoted lexemes only). */
  tsquery: string;
  before?: { at: Date; id: string };
  limit: number;
}

export async function searchMessages(db: Kysely<Database>, s: MessageSearch) {
  const query = sql`${s.tsquery}::tsquery`;
  let hits = db
    .selectFrom('messages as m')
    .innerJoin('conversations', 'conversations.id', 'm.conversation_id')
    .select(['m.id', 'm.created_at'])
    .where('m.account_id', '=', s.accountId)
    .where('conversations.account_id', '=', s.accountId)
    .where(sql<SqlBool>`${messageDocument('m')} @@ ${query}`)
    .where((eb) => visibleTo(eb, s.viewer));
  const before = s.before;
  if (before)
    hits = hits.where(sql<SqlBool>`(m.created_at, m.id) < (${before.at}, ${before.id}::uuid)`);
  const page = hits
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(s.limit + 1);
  // The headline is made for the page's rows only, after the limit.
  const rows = await db
    .with('hits', () => page)
    .selectFrom('hits')
    .innerJoin('messages as m', 'm.id', 'hits.id')
    .innerJoin('conversations', 'conversations.id', 'm.conversation_id')
    .select([
      'm.id',
      'm.seq',
      'm.author_kind',
      'm.created_at',
      'conversations.id as conversation_id',
      'conversations.channel_id',
      'conversations.contact_id',
      'conversations.team_id',
      'conversations.operator_id',
      'conversations.state',
    ])
    .select(contactName)
    .select([
      'm.text',
      sql<string>`ts_headline('russian'::regconfig,
        translate(m.text, ${HEADLINE_FROM}, ${HEADLINE_TO}), ${query}, ${HEADLINE_OPTIONS})`.as(
        'headline',
      ),
    ])
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id', 'desc')
    .execute();
  const more = rows.length > s.limit;
  const pageRows = more ? rows.slice(0, s.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    rows: pageRows,
    next: more && last ? { at: new Date(last.created_at), id: last.id } : null,
  };
}

export interface ContactSearch {
  accountId: string;
  viewer: Viewer;
  /** tsquery text built by contactTsQuery, for name, e-mail and phone digits. */
  tsquery: string | null;
  /** The query as typed, for exact matches of a channel identity or e-mail. */
  exact: string;
  limit: number;
}

/**
 * Contacts by name, e-mail or phone (prefixes of their words) or by a channel
 * identity (exact: a Telegram id, an e-mail address, an API channel's id). An
 * operator finds only contacts with a conversation they may see; each comes
 * with its newest such conversation, to open.
 */
export async function searchContacts(db: Kysely<Database>, s: ContactSearch) {
  const byText = s.tsquery
    ? db
        .selectFrom('contacts')
        .select('id')
        .where('account_id', '=', s.accountId)
        .where(sql<SqlBool>`${contactDocument()} @@ ${s.tsquery}::tsquery`)
    : null;
  const byIdentity = db
    .selectFrom('contact_identities')
    .select('contact_id as id')
    .where('account_id', '=', s.accountId)
    .where('external_id', '=', s.exact);
  const ids = byText ? byText.union(byIdentity) : byIdentity;
  return db
    .with('found', () => ids)
    .selectFrom('found')
    .innerJoin('contacts', 'contacts.id', 'found.id')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('conversations')
          .select(['conversations.id as conversation_id', 'conversations.created_at'])
          .whereRef('conversations.contact_id', '=', 'contacts.id')
          .where('conversations.account_id', '=', s.accountId)
          .where((c) => visibleTo(c, s.viewer))
          .orderBy('conversations.created_at', 'desc')
          .limit(1)
          .as('latest'),
      (join) => join.onTrue(),
    )
    .select([
      'contacts.id',
      'contacts.name',
      'contacts.email',
      'contacts.phone',
      'latest.conversation_id',
    ])
    .orderBy('latest.created_at', 'desc')
    .limit(s.limit)
    .execute();
}
