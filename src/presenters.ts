// JSON shapes of the API, used by REST responses and event payloads alike.
// Never include secrets (password hashes, channel secrets) or internal notes
// meant for one audience in a shape another audience receives.
import type { VisitorContext } from './domain/visitor-context.js';
import { normalizeWorkingHours, type WorkingHours } from './domain/working-hours.js';
import type {
  AccountRow,
  AccountSettings,
  Attachment,
  ChannelRow,
  ConversationWithContact,
  MessageRow,
  NoteRow,
  OperatorRow,
  TeamRow,
  TransferRow,
} from './store/schema.js';

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export interface ConversationView {
  id: string;
  channelId: string;
  contactId: string;
  /** The contact's name when known, so lists need not load every contact. */
  contactName: string | null;
  teamId: string | null;
  operatorId: string | null;
  state: ConversationWithContact['state'];
  priority: number;
  language: string | null;
  categoryId: string | null;
  targeted: boolean | null;
  rating: ConversationWithContact['rating'];
  lastSeq: number;
  createdAt: string;
  queuedAt: string | null;
  assignedAt: string | null;
  firstOperatorReplyAt: string | null;
  closedAt: string | null;
  closedBy: ConversationWithContact['closed_by'];
  /** A website visitor's page, browser and clock as last reported; null on other channels. */
  visitorContext: VisitorContext | null;
  /** The operator's note on the close, also written after the client ended the chat; staff only. */
  closeNote: string | null;
  /** The closed conversation this one reopened (the same thread of history), else null. */
  reopenedFromId: string | null;
}

export function presentConversation(c: ConversationWithContact): ConversationView {
  return {
    id: c.id,
    channelId: c.channel_id,
    contactId: c.contact_id,
    contactName: c.contact_name,
    teamId: c.team_id,
    operatorId: c.operator_id,
    state: c.state,
    priority: c.priority,
    language: c.language,
    categoryId: c.category_id,
    targeted: c.targeted,
    rating: c.rating,
    lastSeq: c.last_seq,
    createdAt: iso(c.created_at)!,
    queuedAt: iso(c.queued_at),
    assignedAt: iso(c.assigned_at),
    firstOperatorReplyAt: iso(c.first_operator_reply_at),
    closedAt: iso(c.closed_at),
    closedBy: c.closed_by,
    visitorContext: c.visitor_context ?? null,
    closeNote: c.close_note,
    reopenedFromId: c.reopened_from_id,
  };
}

/**
 * A hand-over in a conversation's history, with the note for the next
 * operator. Staff only: visitors never receive transfers or their notes.
 */
export interface TransferView {
  id: string;
  conversationId: string;
  byOperatorId: string | null;
  fromOperatorId: string | null;
  toOperatorId: string | null;
  toTeamId: string | null;
  note: string | null;
  createdAt: string;
}

export function presentTransfer(t: TransferRow): TransferView {
  return {
    id: t.id,
    conversationId: t.conversation_id,
    byOperatorId: t.by_operator_id,
    fromOperatorId: t.from_operator_id,
    toOperatorId: t.to_operator_id,
    toTeamId: t.to_team_id,
    note: t.note,
    createdAt: iso(t.created_at)!,
  };
}

export interface MessageView {
  id: string;
  conversationId: string;
  seq: number;
  author: MessageRow['author_kind'];
  authorId: string | null;
  authorName: string | null;
  text: string;
  attachments: Attachment[];
  clientKey: string | null;
  createdAt: string;
  /** A bot message's buttons (issue 17); absent on every other message. */
  buttons?: { id: string; label: string }[];
}

export function presentMessage(m: MessageRow, authorName: string | null = null): MessageView {
  return {
    id: m.id,
    conversationId: m.conversation_id,
    seq: m.seq,
    author: m.author_kind,
    authorId: m.author_id,
    authorName,
    text: m.text,
    attachments: m.attachments,
    clientKey: m.client_key,
    createdAt: iso(m.created_at)!,
    ...(m.buttons && m.buttons.length > 0 ? { buttons: m.buttons } : {}),
  };
}

/**
 * A private note inside a conversation. Staff only: it never appears in any
 * shape a visitor, a channel or a webhook receives.
 */
export interface NoteView {
  id: string;
  conversationId: string;
  authorId: string;
  authorName: string | null;
  text: string;
  /** Operators the note mentions with `@name`. */
  mentions: string[];
  createdAt: string;
}

export function presentNote(n: NoteRow, authorName: string | null): NoteView {
  return {
    id: n.id,
    conversationId: n.conversation_id,
    authorId: n.author_id,
    authorName,
    text: n.text,
    mentions: n.mentions,
    createdAt: iso(n.created_at)!,
  };
}

export interface OperatorView {
  id: string;
  email: string;
  name: string;
  role: OperatorRow['role'];
  status: OperatorRow['status'];
  limit: number;
  openCount: number;
  languages: string[];
  teamIds: string[];
  /** False once an admin deactivated the operator: no log-in, no sessions, no tokens. */
  active: boolean;
  /** Invited and has not set a password yet (their link may still be out). */
  invited: boolean;
}

export function presentOperator(o: OperatorRow, teamIds: string[]): OperatorView {
  return {
    id: o.id,
    email: o.email,
    name: o.name,
    role: o.role,
    status: o.status,
    limit: o.limit,
    openCount: o.open_count,
    languages: o.languages,
    teamIds,
    active: o.active,
    invited: o.password_hash === null,
  };
}

export interface TeamView {
  id: string;
  name: string;
  mode: TeamRow['mode'];
  languageRouting: boolean;
  languageTimeoutMs: number;
  /** The team's own schedule; null: the account's applies. */
  workingHours: WorkingHours | null;
}

export function presentTeam(t: TeamRow): TeamView {
  return {
    id: t.id,
    name: t.name,
    mode: t.mode,
    languageRouting: t.language_routing,
    languageTimeoutMs: t.language_timeout_ms,
    workingHours: t.working_hours ? normalizeWorkingHours(t.working_hours) : null,
  };
}

/** The account as staff see it (GET /me, account.updated). */
export interface AccountView {
  id: string;
  name: string;
  settings: AccountSettings;
}

export function presentAccount(a: AccountRow): AccountView {
  // Hours saved in the one-interval-per-day shape are shown as lists.
  const hours = a.settings.workingHours;
  return {
    id: a.id,
    name: a.name,
    settings: { ...a.settings, workingHours: hours ? normalizeWorkingHours(hours) : null },
  };
}

export interface ChannelView {
  id: string;
  kind: ChannelRow['kind'];
  name: string;
  priority: number;
  defaultTeamId: string | null;
  publicKey: string;
  settings: Record<string, unknown>;
}

/** Channel secrets (bot tokens, HMAC keys, passwords) are kept out of every response. */
const SECRET_SETTINGS = new Set([
  'botToken',
  'secret',
  'hmacSecret',
  'password',
  'smtpPassword',
  'imapPassword',
  // The external bot's signing secret and its API token's hash (src/channels/bot-settings.ts).
  'botSecret',
  'botTokenHash',
]);

export function presentChannel(c: ChannelRow): ChannelView {
  const settings = Object.fromEntries(
    Object.entries(c.settings).filter(([k]) => !SECRET_SETTINGS.has(k)),
  );
  return {
    id: c.id,
    kind: c.kind,
    name: c.name,
    priority: c.priority,
    defaultTeamId: c.default_team_id,
    publicKey: c.public_key,
    settings,
  };
}
