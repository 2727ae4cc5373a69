// JSON shapes of the API, used by REST responses and event payloads alike; the
// shapes themselves (zod schemas, and the types inferred from them) are in
// src/contract/views.ts.
// Never include secrets (password hashes, channel secrets) or internal notes
// meant for one audience in a shape another audience receives.
import type {
  AccountView,
  ChannelView,
  ConversationView,
  MessageView,
  NoteView,
  OperatorView,
  TeamView,
  TransferView,
} from './contract/views.js';
import { VisitorConversationView } from './contract/visitor.js';
import type { UrgencyReason } from './domain/care/urgency.js';
import { normalizeWorkingHours } from './domain/working-hours.js';
import type {
  AccountRow,
  ChannelRow,
  ConversationWithContact,
  MessageRow,
  NoteRow,
  OperatorRow,
  TeamRow,
  TransferRow,
} from './store/schema.js';

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

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
    flag: c.flagged_at
      ? {
          at: iso(c.flagged_at)!,
          reasons: (c.flag_reasons ?? []) as UrgencyReason[],
          answeredAt: iso(c.flag_answered_at),
        }
      : null,
  };
}

/**
 * A conversation as its client sees it over REST: only the fields of
 * src/contract/visitor.ts — never the operator's close note, the angry/urgent
 * flag (a client is never told they were flagged), the operator or the team.
 */
export function presentVisitorConversation(c: ConversationWithContact): VisitorConversationView {
  return VisitorConversationView.parse(presentConversation(c));
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

export function presentAccount(a: AccountRow): AccountView {
  // Hours saved in the one-interval-per-day shape are shown as lists.
  const hours = a.settings.workingHours;
  return {
    id: a.id,
    name: a.name,
    settings: { ...a.settings, workingHours: hours ? normalizeWorkingHours(hours) : null },
  };
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

export type {
  AccountView,
  ChannelView,
  ConversationView,
  MessageView,
  NoteView,
  OperatorView,
  TeamView,
  TransferView,
};
