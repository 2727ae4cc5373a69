// Whether an operator's websockets are gone for good (DESIGN §2: a dropped
// connection gets a grace period before the operator goes offline). Presence
// is kept per node; a node that dies cannot lower its own count, so its rows
// are trusted only while it keeps refreshing them.

export interface PresenceRow {
  /** Live websocket connections of the operator on one node. */
  connections: number;
  /** ms epoch: when the node last wrote or refreshed this row. */
  seenAt: number;
}

export interface PresenceTiming {
  /** ms epoch. */
  now: number;
  /** The account's grace period after the last connection dropped. */
  graceMs: number;
  /** A row with live connections not refreshed for this long belongs to a dead node. */
  staleMs: number;
}

/**
 * True when no node holds a live connection of the operator and the last one
 * dropped at least `graceMs` ago. A row of a dead node counts as dropped at its
 * last refresh, and only once it is stale, so a living node's row (refreshed
 * well within `staleMs`) is never mistaken for a dead one. No rows at all means
 * the operator never connected by websocket (API only): nothing to expire.
 */
export function connectionDropped(rows: readonly PresenceRow[], t: PresenceTiming): boolean {
  if (rows.length === 0) return false;
  return rows.every((r) =>
    r.connections === 0
      ? t.now - r.seenAt >= t.graceMs
      : t.now - r.seenAt >= Math.max(t.graceMs, t.staleMs),
  );
}
