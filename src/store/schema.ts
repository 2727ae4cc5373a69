// Row types of every table, as Kysely sees them. The SQL lives in migrations/.
// Core tables here; the channels' tables in schema-channels.ts, the audit's and
// the reports' in schema-quality.ts — one Database over all of them.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { AlertPrefs } from '../domain/alerts.js';
import type { BotButton, BotState } from '../domain/bot/types.js';
import type { VisitorContext } from '../domain/visitor-context.js';
import type { WorkingHours } from '../domain/working-hours.js';
import type { BotTables } from './schema-bot.js';
import type { ChannelTables } from './schema-channels.js';
import type { CreatedAt, Json, Timestamp } from './schema-columns.js';
import type { QualityTables } from './schema-quality.js';

export type * from './schema-bot.js';
export type * from './schema-channels.js';
export type * from './schema-quality.js';

export type Role = 'admin' | 'supervisor' | 'operator';
export type OperatorStatus = 'online' | 'away' | 'offline';
export type ChannelKind = 'widget' | 'telegram' | 'email' | 'api';
export type ConversationState = 'bot' | 'queued' | 'assigned' | 'closed';
export type AuthorKind = 'contact' | 'operator' | 'bot' | 'system';
export type DistributionMode = 'least_loaded' | 'random' | 'manual' | 'round_robin';
export type Rating = 'like' | 'dislike';
export type ClosedBy = 'contact' | 'operator' | 'system' | 'bot';

export interface AccountSettings {
  defaultLimit: number;
  sla: { yellowMs: number; redMs: number };
  serviceLevelTargetMs: number;
  categoryRequired: boolean;
  routing: { mode: DistributionMode; languageRouting: boolean; languageTimeoutMs: number };
  workingHours: WorkingHours | null;
  /**
   * How long an operator whose websockets all dropped stays as they were before
   * going offline; null or absent: the server's OFFLINE_GRACE_MS.
   */
  offlineGraceMs?: number | null;
  /** Whether a new operator is Online after their first log-in (else Offline); absent: false. */
  newOperatorsOnline?: boolean;
}

export interface Attachment {
  id: string;
  name: string;
  contentType: string;
  size: number;
}

export interface AccountsTable {
  id: string;
  name: string;
  settings: Json<AccountSettings>;
  created_at: CreatedAt;
}

export interface OperatorsTable {
  id: string;
  account_id: string;
  email: string;
  name: string;
  password_hash: string | null;
  role: Role;
  status: OperatorStatus;
  limit: number;
  open_count: ColumnType<number, number | undefined, number>;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  last_assigned_at: Timestamp | null;
  /** False once deactivated: cannot log in, sessions and tokens stop working. */
  active: ColumnType<boolean, boolean | undefined, boolean>;
  /** The status the operator (or a supervisor) last chose; restored at log-in (migration 016). */
  chosen_status: ColumnType<
    OperatorStatus | null,
    OperatorStatus | null | undefined,
    OperatorStatus | null
  >;
  /** Null until the first log-in (migration 016). */
  last_login_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Which alerts the operator wants; null: all of them (migration 016). */
  alerts: ColumnType<AlertPrefs | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface TeamsTable {
  id: string;
  account_id: string;
  name: string;
  mode: DistributionMode;
  language_routing: ColumnType<boolean, boolean | undefined, boolean>;
  language_timeout_ms: ColumnType<number, number | undefined, number>;
  /** The team's own schedule; null: the account's applies. */
  working_hours: ColumnType<WorkingHours | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface TeamMembersTable {
  account_id: string;
  team_id: string;
  operator_id: string;
}

export interface ChannelsTable {
  id: string;
  account_id: string;
  kind: ChannelKind;
  name: string;
  priority: number;
  default_team_id: string | null;
  public_key: string;
  settings: Json<Record<string, unknown>>;
  created_at: CreatedAt;
}

export interface ContactsTable {
  id: string;
  account_id: string;
  name: string | null;
  email: string | null;
  /** As the client or a channel gave it (migration 017); searched by its digits. */
  phone: ColumnType<string | null, string | null | undefined, string | null>;
  blocked: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface ContactIdentitiesTable {
  account_id: string;
  contact_id: string;
  channel_id: string;
  external_id: string;
}

export interface ConversationsTable {
  id: string;
  account_id: string;
  channel_id: string;
  contact_id: string;
  team_id: string | null;
  operator_id: string | null;
  state: ConversationState;
  priority: number;
  language: string | null;
  category_id: string | null;
  targeted: boolean | null;
  rating: Rating | null;
  rating_comment: string | null;
  excluded_operator_id: string | null;
  last_seq: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  queued_at: Timestamp | null;
  assigned_at: Timestamp | null;
  first_operator_reply_at: Timestamp | null;
  closed_at: Timestamp | null;
  closed_by: ClosedBy | null;
  close_note: string | null;
  /** The closed conversation this one reopened (migration 017): the same thread of history. */
  reopened_from_id: ColumnType<string | null, string | null | undefined, string | null>;
  notice_sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The website visitor's page, browser and clock (migration 018); null on other channels. */
  visitor_context: ColumnType<VisitorContext | null, string | null | undefined, string | null>;
  /** When a client message first flagged it as angry or urgent (migration 023); null: not flagged. */
  flagged_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Why (src/domain/care/urgency.ts reasons, strongest first). */
  flag_reasons: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
  /** The first operator message after the flag. */
  flag_answered_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** When auto-close warned the client that the conversation closes in a minute. */
  idle_warned_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Started in front of a bot (migration 022): the bot statistics count it. */
  with_bot: ColumnType<boolean, boolean | undefined, boolean>;
  /** The built-in bot's memory while the conversation is in state 'bot' (migration 022). */
  bot_state: ColumnType<BotState | null, string | null | undefined, string | null>;
  /** When the bot gave the conversation to the queue (migration 022); queued_at starts then too. */
  handed_over_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface UploadsTable {
  id: string;
  account_id: string;
  name: string;
  content_type: string;
  size: number;
  uploader_kind: 'operator' | 'contact' | 'system';
  uploader_id: string | null;
  /** The channel a contact's upload came from (migration 009); null for operators' and older rows. */
  channel_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

/** A hand-over of a conversation, with the note for the next operator (migration 009). */
export interface TransfersTable {
  id: string;
  account_id: string;
  conversation_id: string;
  by_operator_id: string | null;
  from_operator_id: string | null;
  to_operator_id: string | null;
  to_team_id: string | null;
  note: string | null;
  created_at: Timestamp;
}

/** Live websocket connections of an operator on one node (migration 008). */
export interface OperatorPresenceTable {
  operator_id: string;
  node: string;
  account_id: string;
  connections: number;
  seen_at: Timestamp;
}

/** One status change of an operator, at the action's time (migration 024). */
export interface OperatorStatusLogTable {
  id: Generated<string>;
  account_id: string;
  operator_id: string;
  status: OperatorStatus;
  at: Timestamp;
}

/** The highest event seq the account's last routing pass saw (migration 028). */
export interface RoutingStateTable {
  account_id: string;
  routed_seq: number;
}

export interface RoutingCursorsTable {
  account_id: string;
  team_key: string;
  last_operator_id: string;
}

/** An operator's read position in a conversation (migration 016). */
export interface ConversationReadsTable {
  account_id: string;
  operator_id: string;
  conversation_id: string;
  read_seq: number;
  updated_at: Timestamp;
}

/** A private note inside a conversation: staff only, never sent to the client (migration 016). */
export interface NotesTable {
  id: string;
  account_id: string;
  conversation_id: string;
  author_id: string;
  text: string;
  mentions: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Timestamp;
}

export interface MessagesTable {
  id: string;
  account_id: string;
  conversation_id: string;
  channel_id: string;
  seq: number;
  author_kind: AuthorKind;
  author_id: string | null;
  text: string;
  attachments: Json<Attachment[]>;
  client_key: string | null;
  external_id: string | null;
  created_at: Timestamp;
  /** Buttons a bot message offers (migration 022); null on every other message. */
  buttons: ColumnType<BotButton[] | null, string | null | undefined, string | null>;
}

export interface CategoriesTable {
  id: string;
  account_id: string;
  name: string;
  created_at: CreatedAt;
}

export interface CannedResponsesTable {
  id: string;
  account_id: string;
  shortcut: string;
  text: string;
  created_at: CreatedAt;
}

export interface SessionsTable {
  id: string;
  account_id: string;
  operator_id: string;
  csrf_token: string;
  expires_at: Timestamp;
  created_at: CreatedAt;
}

export interface ApiTokensTable {
  id: string;
  account_id: string;
  operator_id: string;
  name: string;
  token_hash: string;
  expires_at: Timestamp | null;
  /** Written at most once a minute per token (src/actions/sessions/touch-api-token.ts). */
  last_used_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface EventsTable {
  id: Generated<string>;
  account_id: string;
  /** Gapless per account, in commit order (migration 014). */
  seq: string;
  type: string;
  conversation_id: string | null;
  audience: string;
  payload: Json<Record<string, unknown>>;
  route_operator_id: string | null;
  route_team_id: string | null;
  routed: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<string>;
  account_id: string;
  actor_id: string | null;
  action: string;
  details: Json<Record<string, unknown>>;
  created_at: CreatedAt;
}

/** A one-time link to set a password (migration 019); the token itself is never stored. */
export interface PasswordLinksTable {
  token_hash: string;
  account_id: string;
  operator_id: string;
  purpose: 'invite' | 'reset';
  expires_at: Timestamp;
  created_at: CreatedAt;
}

export interface Database extends ChannelTables, QualityTables, BotTables {
  accounts: AccountsTable;
  operators: OperatorsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  channels: ChannelsTable;
  contacts: ContactsTable;
  contact_identities: ContactIdentitiesTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  categories: CategoriesTable;
  canned_responses: CannedResponsesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  events: EventsTable;
  routing_cursors: RoutingCursorsTable;
  routing_state: RoutingStateTable;
  operator_presence: OperatorPresenceTable;
  operator_status_log: OperatorStatusLogTable;
  uploads: UploadsTable;
  transfers: TransfersTable;
  audit_log: AuditLogTable;
  conversation_reads: ConversationReadsTable;
  notes: NotesTable;
  password_links: PasswordLinksTable;
}

export type AccountRow = Selectable<AccountsTable>;
export type OperatorRow = Selectable<OperatorsTable>;
export type TeamRow = Selectable<TeamsTable>;
export type ChannelRow = Selectable<ChannelsTable>;
export type ContactRow = Selectable<ContactsTable>;
export type ConversationRow = Selectable<ConversationsTable>;
/** A conversation with its contact's name, as presentConversation needs it (store/queries/conversations.ts). */
export type ConversationWithContact = ConversationRow & { contact_name: string | null };
export type MessageRow = Selectable<MessagesTable>;
export type EventRow = Selectable<EventsTable>;
export type NewMessage = Insertable<MessagesTable>;
export type TransferRow = Selectable<TransfersTable>;
export type NoteRow = Selectable<NotesTable>;
