// The one typed catalog of events. Events are the only way state changes leave
// the core: to websockets, webhooks and the audit trail. Server, operator app and
// widget share these types. Each type's payload is a zod schema
// (src/contract/events.ts, published at /api/events.schema.json); its audience
// is declared here.
import type { Audience, EventPayloads, EventType } from '../contract/events.js';
import type { ConversationView } from '../presenters.js';

/**
 * Who may receive an event. Supervisors and admins ("staff") receive every
 * audience; visitors never receive more than the public part of their own
 * conversations (src/realtime/visibility.ts).
 * - `account`: every operator of the account; never visitors.
 * - `queue`: a conversation's state, for the queue views: operators (role
 *   `operator`) whose conversation it is, who handed it on, or whose team (or
 *   no team) it waits in; never visitors.
 * - `conversation`: as `queue`, and the conversation's visitor.
 * - `dialog`: what is said: the conversation's operator, and its visitor.
 * - `owner`: the conversation's operator only; never visitors.
 * - `supervisors`: staff only (quality results about operators).
 */
export type { Audience, EventPayloads, EventType };

export const EVENT_TYPES = [
  'conversation.created',
  'conversation.queued',
  'conversation.assigned',
  'conversation.updated',
  'conversation.transferred',
  'conversation.closed',
  'conversation.flagged',
  'conversation.handed_over',
  'conversation.rated',
  'message.created',
  'contact.updated',
  'operator.updated',
  'operator.removed',
  'operator.notice',
  'team.updated',
  'account.updated',
  'channel.updated',
  'visitor.navigate',
  'visitor.context',
  'delivery.updated',
  'contact.merged',
  'audit.recorded',
  'conversation.read',
  'note.created',
  'note.mentioned',
] as const satisfies readonly EventType[];

/**
 * Each event type's one audience. The gateway applies it to live and resumed
 * events alike (an event's stored `audience` column is not read back), and
 * test/realtime/event-audience.test.ts walks the whole catalog against it.
 */
export const EVENT_AUDIENCE = {
  'conversation.created': 'conversation',
  'conversation.queued': 'queue',
  'conversation.assigned': 'conversation',
  'conversation.updated': 'queue',
  'conversation.transferred': 'conversation',
  'conversation.closed': 'conversation',
  // Staff, and operators who see the conversation in their list or queue; never the client.
  'conversation.flagged': 'queue',
  // The visitor's widget leaves the bot's buttons; the queue views see it arrive.
  'conversation.handed_over': 'conversation',
  'conversation.rated': 'owner',
  'message.created': 'dialog',
  'contact.updated': 'account',
  'operator.updated': 'account',
  'operator.removed': 'account',
  // Staff sockets receive every event; the app shows it only to the operator it names.
  'operator.notice': 'owner',
  'team.updated': 'account',
  'account.updated': 'account',
  'channel.updated': 'account',
  'visitor.navigate': 'conversation',
  // Where the visitor is is the staff's business; the visitor knows it already.
  'visitor.context': 'queue',
  // Outbound delivery states name the conversation, channel and message: its operator's business.
  'delivery.updated': 'owner',
  'contact.merged': 'account',
  'audit.recorded': 'supervisors',
  // Routed to the reader: their own tabs (staff see it too and ignore others' reads).
  'conversation.read': 'owner',
  // Routed to the conversation's operator: notes are staff-only, never 'conversation' or 'dialog'.
  'note.created': 'owner',
  // Routed to the mentioned operator, wherever the conversation is.
  'note.mentioned': 'owner',
} as const satisfies { readonly [K in EventType]: Audience };

/** Audiences whose events a visitor may receive (the public part, of their own conversations). */
export const VISITOR_AUDIENCES: readonly Audience[] = ['conversation', 'dialog'];

/**
 * Whose conversation an event concerns at the time it happened: the gateway
 * sends operators (role `operator`) only their own conversations and the
 * waiting ones of their teams. Null for events about no conversation.
 */
export interface EventRoute {
  operatorId: string | null;
  teamId: string | null;
}

/** An event an action produced, before the outbox gave it an id. */
export type PendingEvent = {
  [K in EventType]: {
    type: K;
    audience: Audience;
    conversationId: string | null;
    payload: EventPayloads[K];
    route: EventRoute | null;
  };
}[EventType];

/**
 * An event committed to the outbox. `id` is global; `seq` numbers the
 * account's events 1, 2, 3… without holes. Both increase in commit order
 * within an account (src/events/outbox.ts).
 */
export type StoredEvent = PendingEvent & { id: number; seq: number; accountId: string; at: string };

/** Ephemeral signals: delivered live, never stored, never resumed. */
export interface TypingSignal {
  type: 'typing';
  accountId: string;
  conversationId: string;
  author: 'contact' | 'operator';
  authorId: string;
  /** The conversation's operator when the signal was sent: of role-`operator`s, only they hear it. */
  ownerId: string | null;
  /** The client's draft, for the operator's live preview; never sent to the contact. */
  draft: string | null;
}

/**
 * An event of the catalog, with its declared audience. `route` (whose
 * conversation it is) comes from a `conversation` in the payload unless given;
 * an event for a conversation's operator without one reaches only staff.
 */
export function event<K extends EventType>(
  type: K,
  conversationId: string | null,
  payload: EventPayloads[K],
  route?: EventRoute,
): PendingEvent {
  const conversation = (payload as { conversation?: ConversationView | null }).conversation;
  const derived = conversation
    ? { operatorId: conversation.operatorId, teamId: conversation.teamId }
    : null;
  const audience = EVENT_AUDIENCE[type];
  return { type, audience, conversationId, payload, route: route ?? derived } as PendingEvent;
}
