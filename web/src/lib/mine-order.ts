// Order of "my conversations": clients who wait longest first, then the rest
// by assignment time, so the next one to answer is always at the top.
import { clientWaitingSince } from '../../../src/domain/sla';
import type { ConversationView } from '../api/types';
import type { ClockMessage } from '../state/workspace';

export interface MineItem {
  conversation: ConversationView;
  waitingSince: number | null;
}

export function orderMine(
  conversations: Iterable<ConversationView>,
  clocks: ReadonlyMap<string, readonly ClockMessage[]>,
): MineItem[] {
  const items = [...conversations].map((conversation) => ({
    conversation,
    waitingSince: clientWaitingSince(clocks.get(conversation.id) ?? []),
  }));
  return items.sort((a, b) => {
    if (a.waitingSince !== null && b.waitingSince !== null) return a.waitingSince - b.waitingSince;
    if (a.waitingSince !== null) return -1;
    if (b.waitingSince !== null) return 1;
    return (a.conversation.assignedAt ?? '').localeCompare(b.conversation.assignedAt ?? '');
  });
}

/** The next conversation to open: the longest-waiting client other than the current one. */
export function nextConversation(
  items: readonly MineItem[],
  current: string | null,
): string | null {
  const others = items.filter((i) => i.conversation.id !== current);
  const waiting = others.find((i) => i.waitingSince !== null);
  if (waiting) return waiting.conversation.id;
  const index = items.findIndex((i) => i.conversation.id === current);
  const next = items[(index + 1) % Math.max(1, items.length)];
  return next && next.conversation.id !== current ? next.conversation.id : null;
}
