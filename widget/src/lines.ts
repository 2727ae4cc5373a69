// One-line notes the widget adds to the conversation for the visitor (issue 15):
// "Tatiana joined the chat" when an operator takes it, and "The operator sent
// you to this page" after a "go to URL". They are not messages (the operator's
// log has its own record of both), so they live in the widget's storage, which
// keeps them across the page change a navigate causes.
import type { KeyValueStore } from './outbox.js';

export interface LocalLine {
  /** The conversation. */
  c: string;
  kind: 'joined' | 'moved';
  /** The operator's name, or the page's address. */
  arg: string;
  /** Shown after the message with this sequence number. */
  seq: number;
}

const KEY = 'lines';
const KEEP = 20;

export function readLines(store: KeyValueStore): LocalLine[] {
  try {
    const list: unknown = JSON.parse(store.getItem(KEY) ?? '[]');
    return Array.isArray(list) ? (list as LocalLine[]) : [];
  } catch {
    return [];
  }
}

export function addLine(store: KeyValueStore, line: LocalLine): LocalLine[] {
  const list = readLines(store);
  if (list.some((l) => l.c === line.c && l.kind === line.kind && l.seq === line.seq)) return list;
  const next = [...list, line].slice(-KEEP);
  store.setItem(KEY, JSON.stringify(next));
  return next;
}

/** The seq from which a joined operator makes earlier waiting notices stale, or null. */
export function joinedAt(
  lines: readonly LocalLine[],
  conversationId: string | null,
): number | null {
  const joined = lines.filter((l) => l.c === conversationId && l.kind === 'joined');
  return joined.length > 0 ? joined[joined.length - 1]!.seq : null;
}
