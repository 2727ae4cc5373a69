// The realtime protocol as zod schemas (docs/realtime.md): what clients send,
// what the server sends, and every event type's payload. Published as JSON
// Schema at /api/events.schema.json (src/http/events-schema.ts) and as
// components of /api/openapi.json; the catalog's types (src/events/catalog.ts)
// are inferred from these. Import only zod here: the web app and the widget
// type-check this file too.
import { z } from 'zod';
import { URGENCY_REASONS } from '../domain/care/urgency-lexicon.js';
import { named } from './registry.js';
import {
  AccountView,
  ChannelView,
  ConversationState,
  ConversationView,
  DeliveryView,
  MessageView,
  NoteView,
  OperatorStatus,
  OperatorView,
  TeamView,
  VisitorContext,
} from './views.js';

/** Each event type's payload. */
export const EVENT_PAYLOADS = {
  'conversation.created': z.object({ conversation: ConversationView }),
  'conversation.queued': z.object({
    conversation: ConversationView,
    position: z.number().nullable(),
  }),
  'conversation.assigned': z.object({
    conversation: ConversationView,
    operatorId: z.string(),
    /** Shown to the visitor as "Tatiana joined the chat". */
    operatorName: z.string(),
    by: z.enum(['router', 'take', 'supervisor']),
  }),
  'conversation.updated': z.object({ conversation: ConversationView }),
  'conversation.transferred': z.object({
    conversation: ConversationView,
    fromOperatorId: z.string().nullable(),
    toOperatorId: z.string().nullable(),
    toTeamId: z.string().nullable(),
    /** The transfer note, or a supervisor's reason for a reassignment. */
    note: z.string().nullable(),
    /** Who moved it; null: the system. */
    byOperatorId: z.string().nullable().optional(),
  }),
  'conversation.closed': z.object({ conversation: ConversationView }),
  /**
   * A client message flagged the conversation as angry or urgent (issue 17):
   * it moves ahead in its priority's queue, stands out in lists, and
   * supervisors are told. The message itself travels as message.created.
   */
  'conversation.flagged': z.object({
    conversation: ConversationView,
    reasons: z.array(z.enum(URGENCY_REASONS)),
    messageId: z.string(),
  }),
  /**
   * The bot gave the conversation to the queue (issue 17): the client asked for
   * a person, said an article did not help, ran out of bot turns, or the
   * external bot handed over (with its note) or failed. `conversation.queued`
   * follows for the router.
   */
  'conversation.handed_over': z.object({
    conversation: ConversationView,
    reason: z.enum(['asked', 'not_helped', 'turns', 'menu', 'external', 'bot_failed']),
    note: z.string().nullable(),
  }),
  'conversation.rated': z.object({
    conversationId: z.string(),
    rating: z.enum(['like', 'dislike']),
    comment: z.string().nullable(),
  }),
  'message.created': z.object({ message: MessageView }),
  'contact.updated': z.object({
    contactId: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    blocked: z.boolean(),
  }),
  'operator.updated': z.object({ operator: OperatorView }),
  'operator.removed': z.object({ operatorId: z.string() }),
  'operator.notice': z.object({
    operatorId: z.string(),
    by: z.object({ id: z.string(), name: z.string() }),
    status: OperatorStatus.optional(),
    limit: z.number().optional(),
  }),
  'team.updated': z.object({ team: TeamView }),
  'account.updated': z.object({ account: AccountView }),
  'channel.updated': z.object({ channel: ChannelView }),
  'visitor.navigate': z.object({ conversationId: z.string(), url: z.string() }),
  'visitor.context': z.object({ conversationId: z.string(), context: VisitorContext }),
  'delivery.updated': z.object({ delivery: DeliveryView }),
  'contact.merged': z.object({ contactId: z.string(), mergedContactId: z.string() }),
  'audit.recorded': z.object({
    conversationId: z.string(),
    operatorId: z.string().nullable(),
    closedAt: z.string(),
    score: z.number(),
    failed: z.array(z.string()),
  }),
  'conversation.read': z.object({
    conversationId: z.string(),
    operatorId: z.string(),
    readSeq: z.number(),
  }),
  'note.created': z.object({ note: NoteView }),
  'note.mentioned': z.object({
    note: NoteView,
    conversation: ConversationView,
    operatorId: z.string(),
  }),
} as const;

export type EventPayloads = {
  [K in keyof typeof EVENT_PAYLOADS]: z.infer<(typeof EVENT_PAYLOADS)[K]>;
};
export type EventType = keyof EventPayloads;

export const Audience = z.enum([
  'account',
  'queue',
  'conversation',
  'dialog',
  'owner',
  'supervisors',
]);
export type Audience = z.infer<typeof Audience>;

/** What a visitor sees of a conversation in an event. */
export const VisitorEventConversation = z.object({
  id: z.string(),
  state: ConversationState,
  lastSeq: z.number(),
  closedAt: z.string().nullable(),
});

/** What a visitor receives of an event: only the public part of their own conversations. */
export const VisitorEvent = named(
  'VisitorEvent',
  z.object({
    id: z.number(),
    seq: z.number(),
    type: z.enum([
      'message.created',
      'visitor.navigate',
      'conversation.assigned',
      'conversation.created',
      'conversation.closed',
      'conversation.transferred',
      'conversation.handed_over',
    ]),
    conversationId: z.string().nullable(),
    /**
     * message.created: `{message}`; visitor.navigate: `{conversationId, url}`;
     * conversation.assigned: `{conversation, operatorName}`; conversation.created,
     * .closed, .transferred, .handed_over: `{conversation}` — `conversation` as
     * VisitorEventConversation.
     */
    payload: z.record(z.string(), z.unknown()),
    at: z.string(),
  }),
);
export type VisitorEvent = z.infer<typeof VisitorEvent>;

/**
 * Files a message carries, as the ids of the sender's own uploads; the rest is
 * taken from the upload (name, type and size sent along by older clients are
 * ignored). The same over the websocket and the REST API.
 */
export const AttachmentReferences = z
  .array(
    z.object({
      id: z.string().max(100),
      name: z.string().optional(),
      contentType: z.string().optional(),
      size: z.number().optional(),
    }),
  )
  .max(10);

export const ClientMessage = named(
  'ClientMessage',
  z.discriminatedUnion('type', [
    z.object({
      type: z.literal('hello'),
      /** The highest event seq the client applied (preferred). */
      lastSeq: z.number().int().min(0).optional(),
      /** The highest event id the client applied (older clients; as exact, within an account). */
      lastEventId: z.number().int().min(0).optional(),
    }),
    z.object({
      type: z.literal('send'),
      /** Visitors leave it out: their open conversation, or a new one. */
      conversationId: z.string().uuid().optional(),
      text: z.string().max(10_000).default(''),
      clientKey: z.string().min(1).max(100),
      attachments: AttachmentReferences.optional(),
    }),
    z.object({
      type: z.literal('typing'),
      conversationId: z.string().uuid(),
      draft: z.string().max(10_000).nullable().optional(),
    }),
    z.object({ type: z.literal('ping') }),
  ]),
);
export type ClientMessage = z.infer<typeof ClientMessage>;
export type VisitorEventConversation = z.infer<typeof VisitorEventConversation>;
