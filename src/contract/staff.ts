// Answers of the staff routes: log-in and the operator's own (auth.ts,
// workday.ts), operators, teams, channels, the catalog, settings, the monitor
// and search.
import { z } from 'zod';
import { AlertPrefs } from './conversations.js';
import { named } from './registry.js';
import {
  AccountView,
  AuthorKind,
  ChannelView,
  ConversationState,
  ConversationView,
  OperatorView,
  TeamView,
} from './views.js';

export const Ok = named('Ok', z.object({ ok: z.boolean() }));

export const LoginAnswer = z.object({ operator: OperatorView, csrfToken: z.string() });

export const Me = named(
  'Me',
  z.object({
    operator: OperatorView,
    account: AccountView,
    alerts: AlertPrefs,
    /** The session's CSRF token; null with an API token. */
    csrfToken: z.string().nullable(),
  }),
);

export const ApiTokenView = named(
  'ApiTokenView',
  z.object({
    id: z.string(),
    name: z.string(),
    operatorId: z.string(),
    operatorName: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    expired: z.boolean(),
  }),
);
export const ApiTokenList = z.object({ tokens: z.array(ApiTokenView) });
export const CreatedApiToken = z.object({
  id: z.string(),
  name: z.string(),
  /** `sbk_…`, shown this once. */
  token: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
});

/** How a one-time password link reached its operator (or came back to copy). */
export const LinkDelivery = named(
  'LinkDelivery',
  z.union([
    z.object({ sent: z.literal(true), to: z.string(), expiresAt: z.string() }),
    z.object({
      sent: z.literal(false),
      link: z.string(),
      reason: z.enum(['no_mail_server', 'mail_failed']),
      expiresAt: z.string(),
    }),
  ]),
);
export const PasswordLinkInfo = z.object({
  email: z.string(),
  name: z.string(),
  purpose: z.enum(['invite', 'reset']),
  expiresAt: z.string(),
});
export const PasswordSet = z.object({ email: z.string(), accountId: z.string() });

export const OperatorList = z.object({ operators: z.array(OperatorView) });
export const CreatedOperator = OperatorView.extend({ invitation: LinkDelivery.nullable() });
export const OperatorStatusAnswer = z.object({
  operator: OperatorView,
  /** Conversations sent back to the queue (going offline). */
  requeued: z.number(),
});

export const Category = named('Category', z.object({ id: z.string(), name: z.string() }));
export const CannedResponse = named(
  'CannedResponse',
  z.object({ id: z.string(), shortcut: z.string(), text: z.string() }),
);
export const TeamList = z.object({ teams: z.array(TeamView) });
export const ChannelList = z.object({ channels: z.array(ChannelView) });
export const CategoryList = z.object({ categories: z.array(Category) });
export const CannedResponseList = z.object({ cannedResponses: z.array(CannedResponse) });
export const TeamMembers = z.object({ operatorIds: z.array(z.string()) });

export const QueueStat = named(
  'QueueStat',
  z.object({ teamId: z.string().nullable(), waiting: z.number(), longestWaitMs: z.number() }),
);
export const Monitor = named(
  'Monitor',
  z.object({
    operators: z.array(OperatorView),
    queues: z.array(QueueStat),
    serviceLevelToday: z.object({
      ratio: z.number().nullable(),
      within: z.number(),
      total: z.number(),
    }),
  }),
);
export const ContactCard = z.object({
  contact: z.object({
    id: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    blocked: z.boolean(),
    createdAt: z.string(),
  }),
  conversations: z.array(ConversationView),
});

const Segment = z.object({ text: z.string(), hit: z.boolean() });
export const SearchResult = named(
  'SearchResult',
  z.object({
    messages: z.array(
      z.object({
        messageId: z.string(),
        seq: z.number(),
        author: AuthorKind,
        createdAt: z.string(),
        conversation: z.object({
          id: z.string(),
          channelId: z.string(),
          contactId: z.string(),
          contactName: z.string().nullable(),
          teamId: z.string().nullable(),
          operatorId: z.string().nullable(),
          state: ConversationState,
        }),
        /** The match in its context, as plain-text segments (`hit`: a matched word). */
        snippet: z.array(Segment),
      }),
    ),
    contacts: z.array(
      z.object({
        id: z.string(),
        name: z.string().nullable(),
        email: z.string().nullable(),
        phone: z.string().nullable(),
        conversationId: z.string().nullable(),
      }),
    ),
    nextCursor: z.string().nullable(),
  }),
);

export const Health = z.object({ status: z.literal('ok'), store: z.string() });
export const Readiness = z.object({
  status: z.enum(['ready', 'unavailable']),
  store: z.string(),
  checks: z.object({
    database: z.enum(['ok', 'unavailable', 'pending']),
    bus: z.enum(['ok', 'unavailable', 'pending']),
    migrations: z.enum(['ok', 'unavailable', 'pending']),
  }),
});

export type Me = z.infer<typeof Me>;
export type ApiTokenView = z.infer<typeof ApiTokenView>;
export type LinkDelivery = z.infer<typeof LinkDelivery>;
export type Category = z.infer<typeof Category>;
export type CannedResponse = z.infer<typeof CannedResponse>;
export type QueueStat = z.infer<typeof QueueStat>;
export type Monitor = z.infer<typeof Monitor>;
export type SearchResult = z.infer<typeof SearchResult>;
export type OperatorList = z.infer<typeof OperatorList>;
export type OperatorStatusAnswer = z.infer<typeof OperatorStatusAnswer>;
export type TeamList = z.infer<typeof TeamList>;
export type ChannelList = z.infer<typeof ChannelList>;
export type CategoryList = z.infer<typeof CategoryList>;
export type CannedResponseList = z.infer<typeof CannedResponseList>;
export type ApiTokenList = z.infer<typeof ApiTokenList>;
export type PasswordSet = z.infer<typeof PasswordSet>;
export type ContactCard = z.infer<typeof ContactCard>;
export type LoginAnswer = z.infer<typeof LoginAnswer>;
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;
export type CreatedOperator = z.infer<typeof CreatedOperator>;
export type PasswordLinkInfo = z.infer<typeof PasswordLinkInfo>;
