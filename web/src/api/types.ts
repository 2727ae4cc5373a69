// The API's JSON shapes, from the one contract: the zod schemas in src/contract
// (which the server serialises through and publishes as /api/openapi.json and
// /api/events.schema.json). Types only: no zod reaches the bundle.
import type { AlertPrefs } from '../../../src/contract/conversations';
import type { ApiErrorBody } from '../../../src/contract/errors';
import type {
  ApiTokenView,
  CannedResponse,
  Category,
  LinkDelivery,
  Me,
  Monitor,
  QueueStat,
  SearchResult,
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
import type { Holiday, Weekday, WorkingHours } from '../../../src/domain/working-hours';
import type { StoredEvent } from '../../../src/events/catalog';
import type { StaffServerMessage } from '../../../src/realtime/protocol';

export type {
  AccountSettings,
  AlertPrefs,
  ApiErrorBody,
  ApiTokenView,
  CannedResponse,
  Category,
  ChannelView,
  ConversationView,
  DeliveryView,
  Holiday,
  LinkDelivery,
  Me,
  MessageView,
  Monitor,
  NoteView,
  OperatorView,
  QueueStat,
  SearchResult,
  StoredEvent,
  TeamView,
  WebhookView,
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
