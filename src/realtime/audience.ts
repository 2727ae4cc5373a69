// Who may receive an event, found without asking every socket of the account.
// A message concerns its conversation's visitor, its operator and the account's
// supervisors — three lookups here, where a scan would cost every connection of
// the account for every message. The per-recipient filter (visibility.ts) still
// decides what each one gets; this index only narrows who is asked.
import { type StoredEvent, VISITOR_AUDIENCES } from '../events/catalog.js';
import type { Principal } from '../http/auth.js';

export interface Member {
  principal: Principal;
  ready: boolean;
}

export interface Audience<C extends Member> {
  /** A new connection: it gets every event of its account until it is ready. */
  add(conn: C): void;
  /** The connection has caught up: from now on only what concerns it reaches it. */
  ready(conn: C, ownConversations: Iterable<string>): void;
  /** A visitor's connection now owns this conversation too. */
  own(conn: C, conversationId: string): void;
  remove(conn: C): void;
  /** Everyone who may see the event (a superset: the visibility filter narrows it). */
  recipients(e: StoredEvent): Set<C>;
  /** Every connection of the account. */
  all(accountId: string): Iterable<C>;
}

export function createAudience<C extends Member>(): Audience<C> {
  const byAccount = new Map<
    string,
    { everyone: Set<C>; pending: Set<C>; staff: Set<C>; operators: Set<C> }
  >();
  // Operator, contact and conversation ids are UUIDs, unique across accounts.
  const byOperator = new Map<string, Set<C>>();
  const byContact = new Map<string, Set<C>>();
  const byConversation = new Map<string, Set<C>>();
  const conversationsOf = new Map<C, Set<string>>();

  const account = (id: string) => {
    let a = byAccount.get(id);
    if (!a) {
      a = { everyone: new Set(), pending: new Set(), staff: new Set(), operators: new Set() };
      byAccount.set(id, a);
    }
    return a;
  };

  function put<K>(map: Map<K, Set<C>>, key: K, conn: C) {
    const set = map.get(key) ?? new Set();
    set.add(conn);
    map.set(key, set);
  }

  function drop<K>(map: Map<K, Set<C>>, key: K, conn: C) {
    const set = map.get(key);
    if (!set) return;
    set.delete(conn);
    if (set.size === 0) map.delete(key);
  }

  function own(conn: C, conversationId: string) {
    put(byConversation, conversationId, conn);
    const mine = conversationsOf.get(conn) ?? new Set();
    mine.add(conversationId);
    conversationsOf.set(conn, mine);
  }

  return {
    add(conn) {
      const a = account(conn.principal.accountId);
      a.everyone.add(conn);
      a.pending.add(conn);
    },
    ready(conn, ownConversations) {
      const p = conn.principal;
      const a = account(p.accountId);
      a.pending.delete(conn);
      if (p.kind === 'operator') {
        if (p.role === 'operator') {
          a.operators.add(conn);
          put(byOperator, p.operatorId, conn);
        } else a.staff.add(conn);
        return;
      }
      put(byContact, p.contactId, conn);
      for (const id of ownConversations) own(conn, id);
    },
    own,
    remove(conn) {
      const p = conn.principal;
      const a = byAccount.get(p.accountId);
      if (a) {
        for (const set of [a.everyone, a.pending, a.staff, a.operators]) set.delete(conn);
        if (a.everyone.size === 0) byAccount.delete(p.accountId);
      }
      if (p.kind === 'operator') drop(byOperator, p.operatorId, conn);
      else drop(byContact, p.contactId, conn);
      for (const id of conversationsOf.get(conn) ?? []) drop(byConversation, id, conn);
      conversationsOf.delete(conn);
    },
    recipients(e) {
      const out = new Set<C>();
      const a = byAccount.get(e.accountId);
      if (!a) return out;
      for (const c of a.pending) out.add(c);
      for (const c of a.staff) out.add(c);
      // Role-`operator`s by the event's declared audience (src/events/catalog.ts).
      switch (e.audience) {
        case 'account':
        case 'queue':
        case 'conversation':
          for (const c of a.operators) out.add(c);
          break;
        case 'dialog':
        case 'owner': {
          const owner = e.route?.operatorId;
          for (const c of (owner && byOperator.get(owner)) || []) out.add(c);
          break;
        }
        case 'supervisors':
          break;
      }
      if (VISITOR_AUDIENCES.includes(e.audience) && e.conversationId) {
        for (const c of byConversation.get(e.conversationId) ?? []) out.add(c);
        if (e.type === 'conversation.created')
          for (const c of byContact.get(e.payload.conversation.contactId) ?? []) out.add(c);
      }
      return out;
    },
    all: (accountId) => byAccount.get(accountId)?.everyone ?? [],
  };
}
