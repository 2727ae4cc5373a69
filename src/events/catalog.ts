// The one typed catalog of events. Events are the only way state changes leave
// the core: to websockets, webhooks and the audit trail. Server, operator app and
// widget share these types.
import type { DeliveryView } from '../channels/present.js';
import type { UrgencyReason } from '../domain/care/urgency.js';
import type { VisitorContext } from '../domain/visitor-context.js';
import type {
  AccountView,
  ChannelView,
  ConversationView,
  MessageView,
  NoteView,
  OperatorView,
  TeamView,
} from '../presenters.js';

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
export type Audience = 'account' | 'queue' | 'conversation' | 'dialog' | 'owner' | 'supervisors';

export interface EventPayloads {
  'conversation.created': { conversation: ConversationView };
  'conversation.queued': { conversation: ConversationView; position: number | null };
  'conversation.assigned': {
    conversation: ConversationView;
    operatorId: string;
    /** Shown to the visitor as "Tatiana joined the chat" (issue 15), as their messages show it. */
    operatorName: string;
    by: 'router' | 'take' | 'supervisor';
  };
  'conversation.updated': { conversation: ConversationView };
  'conversation.transferred': {
    conversation: ConversationView;
    fromOperatorId: string | null;
    toOperatorId: string | null;
    toTeamId: string | null;
    /** Why: the transfer note, or a supervisor's reason for a reassignment (the previous operator sees it). */
    note: string | null;
    /** Who moved it: the operator who handed it on, a supervisor, or null for the system. */
    byOperatorId?: string | null;
  };
  'conversation.closed': { conversation: ConversationView };
  /**
   * A client message flagged the conversation as angry or urgent (issue 17):
   * it moves ahead in its priority's queue, stands out in lists, and
   * supervisors are told. The message itself travels as message.created.
   */
  'conversation.flagged': {
    conversation: ConversationView;
    reasons: UrgencyReason[];
    messageId: string;
  };
  /**
   * The bot gave the conversation to the queue (issue 17): the client asked for
   * a person, said an article did not help, ran out of bot turns, or the
   * external bot handed over (with its note) or failed. `conversation.queued`
   * follows for the router.
   */
  'conversation.handed_over': {
    conversation: ConversationView;
    reason: 'asked' | 'not_helped' | 'turns' | 'menu' | 'external' | 'bot_failed';
    note: string | null;
  };
  'conversation.rated': {
    conversationId: string;
    rating: 'like' | 'dislike';
    comment: string | null;
  };
  'message.created': { message: MessageView };
  'contact.updated': {
    contactId: string;
    name: string | null;
    email: string | null;
    blocked: boolean;
  };
  'operator.updated': { operator: OperatorView };
  /** An admin deleted an operator who had no history (deactivation keeps everyone else). */
  'operator.removed': { operatorId: string };
  /**
   * A supervisor or admin changed this operator's status or limit: the app
   * tells the operator who did it. Routed to that operator (`owner`).
   */
  'operator.notice': {
    operatorId: string;
    by: { id: string; name: string };
    status?: 'online' | 'away' | 'offline';
    limit?: number;
  };
  'team.updated': { team: TeamView };
  /** An admin changed the account's name or settings (SLA, limits, routing…); staff only. */
  'account.updated': { account: AccountView };
  /** An admin changed a channel (priority, default team, settings without secrets); staff only. */
  'channel.updated': { channel: ChannelView };
  'visitor.navigate': { conversationId: string; url: string };
  /** The website visitor moved to another page (or first reported it); staff who see the conversation. */
  'visitor.context': { conversationId: string; context: VisitorContext };
  /** Outbound state of an operator message on Telegram, e-mail or the API channel. */
  'delivery.updated': { delivery: DeliveryView };
  /** An operator merged `mergedContactId` into `contactId`; the merged contact is gone. */
  'contact.merged': { contactId: string; mergedContactId: string };
  /** A closed conversation was audited (or re-audited after another close); supervisors only. */
  /** An operator read a conversation up to `readSeq`: their other tabs clear its unread count. */
  'conversation.read': { conversationId: string; operatorId: string; readSeq: number };
  /** A private note (or a supervisor's whisper): the conversation's operator and staff; never visitors. */
  'note.created': { note: NoteView };
  /** A note mentions `operatorId`: they (and staff) receive it, with the conversation to open. */
  'note.mentioned': { note: NoteView; conversation: ConversationView; operatorId: string };
  'audit.recorded': {
    conversationId: string;
    operatorId: string | null;
    closedAt: string;
    score: number;
    failed: string[];
  };
}

export type EventType = keyof EventPayloads;

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
