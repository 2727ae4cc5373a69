// Full-text search over messages and contacts (issue 15, docs/search.md).
// Messages: their stored search_vector (migration 017), GIN-indexed. Newest
// matches first, paged by keyset (created_at, id): common words are found
// among the newest messages, rare ones through the index (matchingIds).
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
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
  const hits = await matchingIds(db, s, query);
  if (hits.length === 0) return { rows: [], next: null };
  // The headline is made for the page's rows only, after the limit.
  const rows = await db
    .selectFrom('messages as m')
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
    .where(
      'm.id',
      'in',
      hits.map((h) => h.id),
    )
    .where('m.account_id', '=', s.accountId)
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

/**
 * How many of the newest messages the first try reads. A word in more than
 * about one message in 200 has its page of matches among them; the planner
 * cannot know that for words its statistics do not list, and would either
 * walk all messages for a word that occurs nowhere or fetch millions of
 * matches of a common one through the GIN index to sort them.
 */
const RECENT_WINDOW = 10_000;

/**
 * The page's message ids, newest first: among the newest RECENT_WINDOW
 * messages when a full page (plus one) matches there — common words — else
 * through the GIN index, ordered by an expression no index provides, so the
 * planner never walks every message to find a rare word.
 */
async function matchingIds(db: Kysely<Database>, s: MessageSearch, query: RawBuilder<unknown>) {
  const before = s.before;
  const recent = db
    .selectFrom('messages')
    .select(['id', 'created_at', 'conversation_id', sql<string>`search_vector`.as('search_vector')])
    .where('account_id', '=', s.accountId)
    .$if(before !== undefined, (q) =>
      q.where(sql<SqlBool>`(created_at, id) < (${before!.at}, ${before!.id}::uuid)`),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(RECENT_WINDOW)
    .as('m');
  const inWindow = await db
    .selectFrom(recent)
    .innerJoin('conversations', 'conversations.id', 'm.conversation_id')
    .select(['m.id', 'm.created_at'])
    .where('conversations.account_id', '=', s.accountId)
    .where(sql<SqlBool>`${messageDocument('m')} @@ ${query}`)
    .where((eb) => visibleTo(eb, s.viewer))
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(s.limit + 1)
    .execute();
  if (inWindow.length > s.limit) return inWindow;
  let indexed = db
    .selectFrom('messages as m')
    .innerJoin('conversations', 'conversations.id', 'm.conversation_id')
    .select(['m.id', 'm.created_at'])
    .where('m.account_id', '=', s.accountId)
    .where('conversations.account_id', '=', s.accountId)
    .where(sql<SqlBool>`${messageDocument('m')} @@ ${query}`)
    .where((eb) => visibleTo(eb, s.viewer));
  if (before)
    indexed = indexed.where(
      sql<SqlBool>`(m.created_at, m.id) < (${before.at}, ${before.id}::uuid)`,
    );
  return indexed
    .orderBy(sql`m.created_at + interval '0 seconds'`, 'desc')
    .orderBy('m.id', 'desc')
    .limit(s.limit + 1)
    .execute();
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
