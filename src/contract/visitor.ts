// Answers of the visitor (widget) routes and of the channels' inbound routes.
// A visitor sees of a conversation only what the widget shows: never its
// operator, team, notes or the visitor context staff see.
import { z } from 'zod';
import { named } from './registry.js';
import { Attachment, ConversationView, MessageView } from './views.js';

export const VisitorConversationView = named(
  'VisitorConversationView',
  ConversationView.pick({
    id: true,
    channelId: true,
    state: true,
    rating: true,
    lastSeq: true,
    createdAt: true,
    closedAt: true,
    closedBy: true,
    reopenedFromId: true,
  }),
);
export type VisitorConversationView = z.infer<typeof VisitorConversationView>;

export const VisitorSession = named(
  'VisitorSession',
  z.object({
    /** `v1.…`: send as `Authorization: Bearer`. */
    token: z.string(),
    contactId: z.string(),
    channel: z.object({ id: z.string(), name: z.string() }),
  }),
);
export const VisitorConversations = z.object({ conversations: z.array(VisitorConversationView) });
export const VisitorConversationAnswer = z.object({ conversation: VisitorConversationView });
export const VisitorMessages = z.object({ messages: z.array(MessageView) });
export const VisitorSent = z.object({
  message: MessageView,
  duplicate: z.boolean(),
  conversationId: z.string(),
});
export const RatingAnswer = z.object({
  conversationId: z.string(),
  rating: z.enum(['like', 'dislike']),
});
export const VisitorContextAnswer = z.object({
  /** Null: no open conversation, nothing stored. */
  conversationId: z.string().nullable(),
});
export const UploadAnswer = z.object({ attachment: Attachment });

export const WidgetConfig = named(
  'WidgetConfig',
  z.object({
    channelId: z.string(),
    title: z.string(),
    displayShare: z.number(),
    preChatForm: z.object({ name: z.boolean(), email: z.boolean() }),
    typingPreview: z.boolean(),
    color: z.string(),
    /** Readable text on `color` (light or dark). */
    textColor: z.string(),
    allowedOrigins: z.array(z.string()),
    uploads: z.object({ maxBytes: z.number(), types: z.array(z.string()) }),
    /** A search box over published articles before the chat starts (docs/bot.md). */
    articleSearch: z.boolean(),
  }),
);
export type WidgetConfig = z.infer<typeof WidgetConfig>;

/** A published article found by the widget's search; `html` is sanitized by the server. */
export const FoundArticle = named(
  'FoundArticle',
  z.object({ id: z.string(), title: z.string(), html: z.string() }),
);
export type FoundArticle = z.infer<typeof FoundArticle>;
export const WidgetArticles = z.object({ articles: z.array(FoundArticle) });
export type WidgetArticles = z.infer<typeof WidgetArticles>;

export const TelegramAck = z.object({
  ok: z.boolean(),
  ignored: z.literal('malformed').optional(),
});
export const ApiChannelAnswer = z.union([
  z.object({
    duplicate: z.boolean(),
    messageId: z.string().nullable(),
    conversationId: z.string().nullable(),
  }),
  /** Our own outbound delivery came back: ignored (loop protection). */
  z.object({ ignored: z.literal('loop'), deliveryId: z.string() }),
]);
export type UploadAnswer = z.infer<typeof UploadAnswer>;
export type VisitorSession = z.infer<typeof VisitorSession>;
export type VisitorConversations = z.infer<typeof VisitorConversations>;
export type VisitorMessages = z.infer<typeof VisitorMessages>;
export type VisitorSent = z.infer<typeof VisitorSent>;
