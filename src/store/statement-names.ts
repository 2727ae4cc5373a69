// Which statements the database keeps prepared on each connection
// (src/store/pg-pool.ts). A statement sent with a name is parsed and analysed
// once per connection, and after five runs PostgreSQL plans it once too when
// a generic plan costs no more than the plans made for each run's values
// (plan_cache_mode = auto): parsing, analysis and planning were half of
// PostgreSQL's time under the cluster bench, most of it for the same small
// statements of every message and routing pass. Only statements inside a
// transaction (the actions' small ones; reports and lists outside one keep
// plans made for their values), only hot ones (seen often enough), and only
// so many, so a connection keeps a bounded set whatever texts the
// application builds (IN lists of every length, say).

/** Uses of a statement text in this process before it is given a name. */
export const PREPARE_AFTER_USES = 20;
/** Names handed out per process at most; each connection keeps at most these. */
export const MAX_NAMED_STATEMENTS = 200;
/** Texts counted at most; past it the counts start over (names already given stay). */
const MAX_COUNTED = 5_000;

const ARBITER_WITH_PREDICATE = /\bon\s+conflict\s*\([^)]*\)\s*where\b/i;

const names = new Map<string, string>();
const uses = new Map<string, number>();

/** The statement's name, once it is hot; null while it is not (or no more names are left). */
export function statementName(text: string): string | null {
  // The hot path: a named statement (never one the test below refuses).
  const named = names.get(text);
  if (named !== undefined) return named;
  if (names.size >= MAX_NAMED_STATEMENTS) return null;
  // ON CONFLICT (…) WHERE <partial index predicate>: a generic plan cannot
  // infer the arbiter index when the predicate holds a parameter (Kysely makes
  // every value one) and fails — so such a statement is never named.
  if (ARBITER_WITH_PREDICATE.test(text)) return null;
  const seen = (uses.get(text) ?? 0) + 1;
  if (seen < PREPARE_AFTER_USES) {
    if (uses.size >= MAX_COUNTED) uses.clear();
    uses.set(text, seen);
    return null;
  }
  uses.delete(text);
  const name = `sb_${names.size + 1}`;
  names.set(text, name);
  return name;
}

/**
 * A prepared statement whose tables changed shape since it was prepared (a
 * migration added a column to a `SELECT *`): the server refuses to run it.
 * The connection drops its prepared statements and the transaction is
 * retried (src/store/resilience.ts).
 */
export function isStalePreparedStatement(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return (
    e?.code === '0A000' &&
    typeof e.message === 'string' &&
    e.message.includes('cached plan must not change result type')
  );
}
