// The one typed catalog of events. Events are the only way state changes leave
// the core: to websockets, webhooks and the audit trail. Server, operator app and
// widget share these types.
import type { DeliveryView } from '../channels/present.js';
import type {
  AccountView,
  ChannelView,
  ConversationView,
  MessageView,
  OperatorView,
  TeamView,
} from '../presenters.js';

/**
 * Who may see an event: operators of the account, or also the conversation's
 * contact, or only supervisors and admins (quality results about operators).
 */
export type Audience = 'account' | 'conversation' | 'supervisors';

export interface EventPayloads {
  'conversation.created': { conversation: ConversationView };
  'conversation.queued': { conversation: ConversationView; position: number | null };
  'conversation.assigned': {
    conversation: ConversationView;
    operatorId: string;
    by: 'router' | 'take' | 'supervisor';
  };
  'conversation.updated': { conversation: ConversationView };
  'conversation.transferred': {
    conversation: ConversationView;
    fromOperatorId: string | null;
    toOperatorId: string | null;
    toTeamId: string | null;
    note: string | null;
  };
  'conversation.closed': { conversation: ConversationView };
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
  'team.updated': { team: TeamView };
  /** An admin changed the account's name or settings (SLA, limits, routing…); staff only. */
  'account.updated': { account: AccountView };
  /** An admin changed a channel (priority, default team, settings without secrets); staff only. */
  'channel.updated': { channel: ChannelView };
  'visitor.navigate': { conversationId: string; url: string };
  /** Outbound state of an operator message on Telegram, e-mail or the API channel. */
  'delivery.updated': { delivery: DeliveryView };
  /** An operator merged `mergedContactId` into `contactId`; the merged contact is gone. */
  'contact.merged': { contactId: string; mergedContactId: string };
  /** A closed conversation was audited (or re-audited after another close); supervisors only. */
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
  'conversation.rated',
  'message.created',
  'contact.updated',
  'operator.updated',
  'team.updated',
  'account.updated',
  'channel.updated',
  'visitor.navigate',
  'delivery.updated',
  'contact.merged',
  'audit.recorded',
] as const satisfies readonly EventType[];

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

export function event<K extends EventType>(
  type: K,
  audience: Audience,
  conversationId: string | null,
  payload: EventPayloads[K],
  route?: EventRoute,
): PendingEvent {
  const conversation = (payload as { conversation?: ConversationView | null }).conversation;
  const derived = conversation
    ? { operatorId: conversation.operatorId, teamId: conversation.teamId }
    : null;
  return { type, audience, conversationId, payload, route: route ?? derived } as PendingEvent;
}
