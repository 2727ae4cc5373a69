// The gateway's per-recipient filter. Actions choose an event's audience;
// here each recipient gets only what they may see.
import { type StoredEvent, VISITOR_AUDIENCES } from '../events/catalog.js';
import type { VisitorEvent } from './protocol.js';

/** A visitor sees 'conversation' events of their own conversations, reduced to public fields. */
export function forVisitor(e: StoredEvent, own: ReadonlySet<string>): VisitorEvent | null {
  if (!VISITOR_AUDIENCES.includes(e.audience) || !e.conversationId || !own.has(e.conversationId))
    return null;
  const base = { id: e.id, seq: e.seq, conversationId: e.conversationId, at: e.at };
  switch (e.type) {
    case 'message.created':
    case 'visitor.navigate':
      return { ...base, type: e.type, payload: e.payload as unknown as Record<string, unknown> };
    case 'conversation.assigned': {
      const c = e.payload.conversation;
      return {
        ...base,
        type: e.type,
        payload: {
          conversation: { id: c.id, state: c.state, lastSeq: c.lastSeq, closedAt: c.closedAt },
          // The name the visitor's messages already show for this operator; never their id.
          operatorName: e.payload.operatorName ?? null,
        },
      };
    }
    case 'conversation.created':
    case 'conversation.handed_over':
    case 'conversation.closed':
    case 'conversation.transferred': {
      const c = e.payload.conversation;
      return {
        ...base,
        type: e.type,
        payload: {
          conversation: { id: c.id, state: c.state, lastSeq: c.lastSeq, closedAt: c.closedAt },
        },
      };
    }
    default:
      return null;
  }
}

/**
 * The conversation an event opens for a visitor: a new conversation of their
 * contact on their token's channel (the same contact on another channel is not theirs).
 */
export function ownedConversation(
  e: StoredEvent,
  visitor: { contactId: string; channelId: string },
): string | null {
  if (
    e.type === 'conversation.created' &&
    e.payload.conversation.contactId === visitor.contactId &&
    e.payload.conversation.channelId === visitor.channelId
  )
    return e.payload.conversation.id;
  return null;
}

/**
 * What an operator (role `operator`) sees, by the event's declared audience
 * (src/events/catalog.ts): everything of the account's `account` events;
 * `dialog` and `owner` events only of their own conversations; of `queue` and
 * `conversation` events, their own conversations, hand-overs away from them,
 * and their teams' (and no team's) conversations — enough to keep the queue
 * view live, including the assignment that takes one out of it. What is said
 * in others' conversations stays with their owner: the queue shows waits, not
 * dialogs, and sending every message to every operator would grow with
 * operators × traffic. Supervisors and admins see the whole account.
 */
export function operatorSees(
  e: StoredEvent,
  operatorId: string,
  teamIds: ReadonlySet<string>,
): boolean {
  switch (e.audience) {
    case 'account':
      return true;
    case 'supervisors':
      return false;
    case 'dialog':
    case 'owner':
      return e.route?.operatorId === operatorId;
    case 'queue':
    case 'conversation': {
      if (!e.route) return true;
      const { operatorId: owner, teamId } = e.route;
      if (owner === operatorId) return true;
      if (e.type === 'conversation.transferred' && e.payload.fromOperatorId === operatorId)
        return true;
      return teamId === null || teamIds.has(teamId);
    }
  }
}
