// The contract between the chat (state and server talk) and the view (DOM):
// the view reads ChatState and calls Chat's methods, nothing else.
import type {
  FoundArticle,
  VisitorConversationView,
  WidgetArticles,
  WidgetConfig as WidgetConfigAnswer,
} from '../../src/contract/visitor.js';
import type { FileNotice, Upload } from './files.js';
import type { LocalLine } from './lines.js';
import type { Attachment, ChatMessage } from './messages.js';
import type { KeyValueStore } from './outbox.js';

/**
 * GET /widget/config's answer (src/contract/visitor.ts). `textColor` and
 * `uploads` may be missing in settings cached by an older widget: the server
 * still checks files.
 */
export type WidgetConfig = Omit<WidgetConfigAnswer, 'textColor' | 'uploads'> &
  Partial<Pick<WidgetConfigAnswer, 'textColor' | 'uploads'>>;

/** GET /widget/articles's answer. */
export type { WidgetArticles };

export type Rating = NonNullable<VisitorConversationView['rating']>;

export type Conversation = Pick<VisitorConversationView, 'id' | 'state' | 'rating'>;

export interface ChatState {
  open: boolean;
  conversation: Conversation | null;
  messages: ChatMessage[];
  unread: number;
  operatorTyping: boolean;
  notice: 'offline' | 'limited' | null;
  needIntro: boolean;
  /** After a like/dislike in this page: offer the optional comment, then thank. */
  feedback: 'comment' | 'thanks' | null;
  /** Files on their way up. */
  uploads: Upload[];
  /** The last file refused (too large, wrong type) or that failed to upload. */
  fileNotice: FileNotice | null;
  /** "Tatiana joined the chat", "The operator sent you to this page". */
  lines: LocalLine[];
}

export interface Chat {
  readonly state: ChatState;
  subscribe(listener: () => void): void;
  setOpen(open: boolean): void;
  send(text: string): void;
  attach(files: readonly File[]): void;
  draft(text: string): void;
  introduce(name: string | null, email: string | null): Promise<void>;
  rate(rating: Rating, comment?: string): Promise<void>;
  end(): Promise<void>;
  attachmentUrl(a: Attachment): string | null;
  articles(q: string): Promise<FoundArticle[]>;
}

export interface ChatOptions {
  base: string;
  channelKey: string;
  config: WidgetConfig;
  store: KeyValueStore;
  navigate: (url: string) => void;
}

export type { FoundArticle };
