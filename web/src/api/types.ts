// The API's JSON shapes. Server presenters and the event catalog are the
// contract, so they are imported (types only) instead of copied.
import type { DeliveryView, WebhookView } from '../../../src/channels/present';
import type { AlertPrefs } from '../../../src/domain/alerts';
import type { Holiday, Weekday, WorkingHours } from '../../../src/domain/working-hours';
import type { StoredEvent } from '../../../src/events/catalog';
import type { LinkDelivery } from '../../../src/http/password-links';
import type {
  ChannelView,
  ConversationView,
  MessageView,
  NoteView,
  OperatorView,
  TeamView,
} from '../../../src/presenters';
import type { ApiTokenView } from '../../../src/store/queries/api-tokens';
import type { SearchResult } from '../../../src/store/queries/find-anything';
import type { AccountSettings } from '../../../src/store/schema';

export type {
  AccountSettings,
  AlertPrefs,
  ApiTokenView,
  ChannelView,
  ConversationView,
  DeliveryView,
  Holiday,
  LinkDelivery,
  MessageView,
  NoteView,
  OperatorView,
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

export interface Account {
  id: string;
  name: string;
  settings: AccountSettings;
}

export interface Me {
  operator: OperatorView;
  account: Account;
  csrfToken: string | null;
  /** The operator's alert switches (absent from older servers: all on). */
  alerts?: AlertPrefs;
}

export interface Contact {
  id: string;
  name: string | null;
  email: string | null;
  blocked: boolean;
}

export interface Category {
  id: string;
  name: string;
}

export interface CannedResponse {
  id: string;
  shortcut: string;
  text: string;
}

export interface QueueStat {
  teamId: string | null;
  waiting: number;
  longestWaitMs: number;
}

export interface Monitor {
  operators: OperatorView[];
  queues: QueueStat[];
  serviceLevelToday: { ratio: number | null; within: number; total: number };
}

/** What the server sends on the operator websocket (src/realtime/protocol.ts). */
export type ServerMessage =
  | { type: 'ready'; lastEventId: number; lastSeq: number; resumed: number }
  | { type: 'resync'; reason: string; lastEventId: number; lastSeq: number }
  | { type: 'event'; event: StoredEvent }
  | { type: 'typing'; conversationId: string; author: 'contact' | 'operator'; draft: string | null }
  | {
      type: 'ack';
      clientKey: string;
      conversationId: string;
      message: MessageView;
      duplicate: boolean;
    }
  | { type: 'error'; clientKey?: string; error: ApiErrorBody }
  | { type: 'pong' };

export interface ApiErrorBody {
  code: string;
  message: string;
  field: string | null;
  /** validation_failed: the rule broken, and its numbers (docs/api.md, Errors). */
  reason?: string;
  params?: Record<string, number>;
}
