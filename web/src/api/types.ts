// The API's JSON shapes, from the one contract: the zod schemas in src/contract
// (which the server serialises through and publishes as /api/openapi.json and
// /api/events.schema.json). Types only: no zod reaches the bundle.
import type {
  ChannelHealth,
  DeliveryAnswer,
  DeliveryList,
  RetriedAll,
  WebhookList,
  WebhookWithSecret,
} from '../../../src/contract/channels';
import type {
  AlertPrefs,
  AlertsAnswer,
  BlockedContact,
  ConversationAnswer,
  ConversationDetail,
  ConversationPage,
  ConversationSummary,
  MessageList,
  NoteAnswer,
  NoteList,
  SentMessage,
  StartedConversation,
  SummaryList,
} from '../../../src/contract/conversations';
import type { ApiErrorBody } from '../../../src/contract/errors';
import type {
  ApiTokenList,
  ApiTokenView,
  CannedResponse,
  CannedResponseList,
  Category,
  CategoryList,
  ChannelList,
  ContactCard,
  CreatedApiToken,
  CreatedOperator,
  LinkDelivery,
  LoginAnswer,
  Me,
  Monitor,
  OperatorList,
  OperatorStatusAnswer,
  PasswordLinkInfo,
  PasswordSet,
  QueueStat,
  SearchResult,
  TeamList,
} from '../../../src/contract/staff';
import type {
  AccountSettings,
  AccountView,
  ChannelView,
  ContactView,
  ConversationView,
  DeliveryView,
  MessageView,
  NoteView,
  OperatorView,
  TeamView,
  WebhookView,
} from '../../../src/contract/views';
import type { UploadAnswer } from '../../../src/contract/visitor';
import type { Holiday, Weekday, WorkingHours } from '../../../src/domain/working-hours';
import type { StoredEvent } from '../../../src/events/catalog';
import type { StaffServerMessage } from '../../../src/realtime/protocol';

/** Route answers (envelopes), as the routes declare them. */
export type {
  AccountSettings,
  AlertPrefs,
  AlertsAnswer,
  ApiErrorBody,
  ApiTokenList,
  ApiTokenView,
  BlockedContact,
  CannedResponse,
  CannedResponseList,
  Category,
  CategoryList,
  ChannelHealth,
  ChannelList,
  ChannelView,
  ContactCard,
  ConversationAnswer,
  ConversationDetail,
  ConversationPage,
  ConversationSummary,
  ConversationView,
  CreatedApiToken,
  CreatedOperator,
  DeliveryAnswer,
  DeliveryList,
  DeliveryView,
  Holiday,
  LinkDelivery,
  LoginAnswer,
  Me,
  MessageList,
  MessageView,
  Monitor,
  NoteAnswer,
  NoteList,
  NoteView,
  OperatorList,
  OperatorStatusAnswer,
  OperatorView,
  PasswordLinkInfo,
  PasswordSet,
  QueueStat,
  RetriedAll,
  SearchResult,
  SentMessage,
  StartedConversation,
  StoredEvent,
  SummaryList,
  TeamList,
  TeamView,
  UploadAnswer,
  WebhookList,
  WebhookView,
  WebhookWithSecret,
  Weekday,
  WorkingHours,
};

export type Role = OperatorView['role'];
export type OperatorStatus = OperatorView['status'];
export type DistributionMode = TeamView['mode'];
export type ChannelKind = ChannelView['kind'];
export type Attachment = MessageView['attachments'][number];

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The account as staff see it (GET /me, account.updated). */
export type Account = AccountView;
export type Contact = ContactView;

/** What the server sends on the operator websocket: the contract's messages, events as the catalog types them. */
export type ServerMessage = StaffServerMessage;
