// Answers of the conversation routes (src/http/routes/conversation*.ts, workday.ts).
import { z } from 'zod';
import { named } from './registry.js';
import { ContactView, ConversationView, MessageView, NoteView, TransferView } from './views.js';

export const ConversationAnswer = z.object({ conversation: ConversationView });

export const ConversationPage = z.object({
  conversations: z.array(ConversationView),
  /** Pass as `cursor` for the next page; null: no more. */
  nextCursor: z.string().nullable(),
});

export const ConversationDetail = z.object({
  conversation: ConversationView,
  transfers: z.array(TransferView),
  contact: ContactView.nullable(),
});

export const QueueStanding = named(
  'QueueStanding',
  z.object({
    /** 1-based place among the queued conversations of its team; null when not queued. */
    position: z.number().nullable(),
    ahead: z.number().nullable(),
    /** Null when not queued or nobody of the team is online. */
    estimatedWaitS: z.number().nullable(),
  }),
);

export const MessageList = z.object({ messages: z.array(MessageView) });

/** A sent message: 201, or 200 with `duplicate: true` for a retry with the same clientKey. */
export const SentMessage = named(
  'SentMessage',
  z.object({ message: MessageView, duplicate: z.boolean() }),
);

export const BlockedContact = z.object({
  contact: z.object({ id: z.string(), blocked: z.boolean() }),
});

export const StartedConversation = z.object({
  conversation: ConversationView,
  /** False: the contact's open conversation on the channel was answered instead. */
  created: z.boolean(),
});

export const ConversationSummary = named(
  'ConversationSummary',
  z.object({
    conversationId: z.string(),
    readSeq: z.number(),
    unread: z.number(),
    lastMessage: z
      .object({
        seq: z.number().nullable(),
        author: MessageView.shape.author,
        authorName: z.string().nullable(),
        text: z.string(),
        /** How many files the message carries. */
        attachments: z.number(),
        createdAt: z.string(),
      })
      .nullable(),
  }),
);

export const NoteList = z.object({ notes: z.array(NoteView) });
export const NoteAnswer = z.object({ note: NoteView });

export type ConversationPage = z.infer<typeof ConversationPage>;
export type ConversationDetail = z.infer<typeof ConversationDetail>;
export type QueueStanding = z.infer<typeof QueueStanding>;
export type SentMessage = z.infer<typeof SentMessage>;
export type ConversationSummary = z.infer<typeof ConversationSummary>;
export const SummaryList = z.object({ summaries: z.array(ConversationSummary) });
export const ReadPosition = z.object({ conversationId: z.string(), readSeq: z.number() });
export const AlertPrefs = named(
  'AlertPrefs',
  z.object({
    sound: z.boolean(),
    desktop: z.boolean(),
    assigned: z.boolean(),
    messages: z.boolean(),
    queue: z.boolean(),
    mentions: z.boolean(),
  }),
);
export const AlertsAnswer = z.object({ alerts: AlertPrefs });
export const NavigateAnswer = z.object({ ok: z.boolean() });
export type AlertPrefs = z.infer<typeof AlertPrefs>;
export type ConversationAnswer = z.infer<typeof ConversationAnswer>;
export type MessageList = z.infer<typeof MessageList>;
export type NoteList = z.infer<typeof NoteList>;
export type NoteAnswer = z.infer<typeof NoteAnswer>;
export type SummaryList = z.infer<typeof SummaryList>;
export type AlertsAnswer = z.infer<typeof AlertsAnswer>;
export type StartedConversation = z.infer<typeof StartedConversation>;
export type BlockedContact = z.infer<typeof BlockedContact>;
