// The API's JSON shapes (what src/presenters.ts and src/channels/present.ts
// produce), as zod schemas. Routes declare them as responses, so Fastify
// serialises through them (a field not named here never leaves the server);
// events carry them (src/contract/events.ts); the web app, the widget and
// clients/js take their types from them. Import only zod and plain constants
// here: the web app and the widget type-check this file too.
import { z } from 'zod';
import { URGENCY_REASONS } from '../domain/care/urgency-lexicon.js';
import { named } from './registry.js';

const iso = z.string().describe('ISO 8601 instant');
const nullableIso = iso.nullable();

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export const OpenInterval = z.object({ from: z.string(), to: z.string() });
export const WorkingHours = named(
  'WorkingHours',
  z.object({
    timezone: z.string(),
    days: z.partialRecord(Weekday, z.union([z.array(OpenInterval), OpenInterval])),
    holidays: z.array(z.object({ date: z.string(), intervals: z.array(OpenInterval) })).optional(),
  }),
);

export const Role = z.enum(['admin', 'supervisor', 'operator']);
export const OperatorStatus = z.enum(['online', 'away', 'offline']);
export const ChannelKind = z.enum(['widget', 'telegram', 'email', 'api']);
export const ConversationState = z.enum(['bot', 'queued', 'assigned', 'closed']);
export const AuthorKind = z.enum(['contact', 'operator', 'bot', 'system']);
export const DistributionMode = z.enum(['least_loaded', 'random', 'manual', 'round_robin']);
export const Rating = z.enum(['like', 'dislike']);
export const ClosedBy = z.enum(['contact', 'operator', 'system', 'bot']);

export const AccountSettings = named(
  'AccountSettings',
  z.object({
    defaultLimit: z.number(),
    sla: z.object({ yellowMs: z.number(), redMs: z.number() }),
    serviceLevelTargetMs: z.number(),
    categoryRequired: z.boolean(),
    routing: z.object({
      mode: DistributionMode,
      languageRouting: z.boolean(),
      languageTimeoutMs: z.number(),
    }),
    workingHours: WorkingHours.nullable(),
    /** Null or absent: the server's OFFLINE_GRACE_MS. */
    offlineGraceMs: z.number().nullable().optional(),
    newOperatorsOnline: z.boolean().optional(),
  }),
);

export const VisitorContext = named(
  'VisitorContext',
  z.object({
    url: z.string(),
    title: z.string().nullable(),
    referrer: z.string().nullable(),
    browser: z.string().nullable(),
    os: z.string().nullable(),
    language: z.string().nullable(),
    timeZone: z.string().nullable(),
    utcOffsetMin: z.number().nullable(),
    updatedAt: iso,
  }),
);

export const ConversationFlagView = named(
  'ConversationFlagView',
  z.object({
    at: iso,
    /** Why, strongest first (src/domain/care/urgency.ts). */
    reasons: z.array(z.enum(URGENCY_REASONS)),
    /** The first operator message after the flag; null until then. */
    answeredAt: nullableIso,
  }),
);

export const ConversationView = named(
  'ConversationView',
  z.object({
    id: z.string(),
    channelId: z.string(),
    contactId: z.string(),
    contactName: z
      .string()
      .nullable()
      .describe("The contact's name, else their e-mail address; null for an anonymous visitor"),
    teamId: z.string().nullable(),
    operatorId: z.string().nullable(),
    state: ConversationState,
    priority: z.number(),
    language: z.string().nullable(),
    categoryId: z.string().nullable(),
    targeted: z.boolean().nullable(),
    rating: Rating.nullable(),
    lastSeq: z.number(),
    createdAt: iso,
    queuedAt: nullableIso,
    assignedAt: nullableIso,
    firstOperatorReplyAt: nullableIso,
    closedAt: nullableIso,
    closedBy: ClosedBy.nullable(),
    visitorContext: VisitorContext.nullable(),
    closeNote: z.string().nullable(),
    reopenedFromId: z.string().nullable(),
    flag: ConversationFlagView.nullable().describe(
      'Flagged as angry or urgent by a client message (issue 17); staff only. Null: not flagged.',
    ),
  }),
);

export const TransferView = named(
  'TransferView',
  z.object({
    id: z.string(),
    conversationId: z.string(),
    byOperatorId: z.string().nullable(),
    fromOperatorId: z.string().nullable(),
    toOperatorId: z.string().nullable(),
    toTeamId: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: iso,
  }),
);

export const Attachment = named(
  'Attachment',
  z.object({ id: z.string(), name: z.string(), contentType: z.string(), size: z.number() }),
);

export const MessageView = named(
  'MessageView',
  z.object({
    id: z.string(),
    conversationId: z.string(),
    seq: z.number(),
    author: AuthorKind,
    authorId: z.string().nullable(),
    authorName: z.string().nullable(),
    text: z.string(),
    attachments: z.array(Attachment),
    clientKey: z.string().nullable(),
    createdAt: iso,
    /** A bot message's buttons (issue 17); absent on every other message. */
    buttons: z.array(z.object({ id: z.string(), label: z.string() })).optional(),
  }),
);

export const NoteView = named(
  'NoteView',
  z.object({
    id: z.string(),
    conversationId: z.string(),
    authorId: z.string(),
    authorName: z.string().nullable(),
    text: z.string(),
    mentions: z.array(z.string()),
    createdAt: iso,
  }),
);

export const OperatorView = named(
  'OperatorView',
  z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: Role,
    status: OperatorStatus,
    limit: z.number(),
    openCount: z.number(),
    languages: z.array(z.string()),
    teamIds: z.array(z.string()),
    active: z.boolean(),
    invited: z.boolean(),
  }),
);

export const TeamView = named(
  'TeamView',
  z.object({
    id: z.string(),
    name: z.string(),
    mode: DistributionMode,
    languageRouting: z.boolean(),
    languageTimeoutMs: z.number(),
    workingHours: WorkingHours.nullable(),
  }),
);

export const AccountView = named(
  'AccountView',
  z.object({ id: z.string(), name: z.string(), settings: AccountSettings }),
);

export const ChannelView = named(
  'ChannelView',
  z.object({
    id: z.string(),
    kind: ChannelKind,
    name: z.string(),
    priority: z.number(),
    defaultTeamId: z.string().nullable(),
    publicKey: z.string(),
    /** Per-kind settings without secrets (src/presenters.ts drops them). */
    settings: z.record(z.string(), z.unknown()),
  }),
);

export const DeliveryView = named(
  'DeliveryView',
  z.object({
    id: z.string(),
    target: z.enum(['channel', 'webhook']),
    channelId: z.string().nullable(),
    webhookId: z.string().nullable(),
    conversationId: z.string().nullable(),
    messageId: z.string().nullable(),
    eventId: z.number().nullable(),
    status: z.enum(['pending', 'sent', 'failed', 'dead', 'discarded']),
    attempts: z.number(),
    responseStatus: z.number().nullable(),
    responseExcerpt: z.string().nullable(),
    test: z.boolean(),
    errorKind: z.enum(['temporary', 'permanent', 'auth_revoked']).nullable(),
    lastError: z.string().nullable(),
    nextAttemptAt: nullableIso,
    sentAt: nullableIso,
    createdAt: iso,
    updatedAt: iso,
  }),
);

export const WebhookView = named(
  'WebhookView',
  z.object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    active: z.boolean(),
    paused: z.boolean(),
    createdAt: iso,
  }),
);

export const ContactView = named(
  'ContactView',
  z.object({
    id: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    blocked: z.boolean(),
  }),
);

export type ConversationView = z.infer<typeof ConversationView>;
export type TransferView = z.infer<typeof TransferView>;
export type MessageView = z.infer<typeof MessageView>;
export type NoteView = z.infer<typeof NoteView>;
export type OperatorView = z.infer<typeof OperatorView>;
export type TeamView = z.infer<typeof TeamView>;
export type AccountView = z.infer<typeof AccountView>;
export type ChannelView = z.infer<typeof ChannelView>;
export type DeliveryView = z.infer<typeof DeliveryView>;
export type WebhookView = z.infer<typeof WebhookView>;
export type ContactView = z.infer<typeof ContactView>;
export type VisitorContext = z.infer<typeof VisitorContext>;
export type Attachment = z.infer<typeof Attachment>;
export type AccountSettings = z.infer<typeof AccountSettings>;
