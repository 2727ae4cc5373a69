// The contract between the chat (state and server talk) and the view (DOM):
// the view reads ChatState and calls Chat's methods, nothing else.
import type { ConversationView } from '../../src/presenters.js';
import type { UploadLimits } from './file-checks.js';
import type { FileNotice, Upload } from './files.js';
import type { LocalLine } from './lines.js';
import type { Attachment, ChatMessage } from './messages.js';
import type { KeyValueStore } from './outbox.js';

export interface WidgetConfig {
  channelId: string;
  title: string;
  displayShare: number;
  preChatForm: { name: boolean; email: boolean };
  typingPreview: boolean;
  color: string;
  /** Readable text on `color` (light or dark), chosen by the server. */
  textColor?: string;
  allowedOrigins: string[];
  /** Missing in settings cached by an older widget: the server still checks. */
  uploads?: UploadLimits;
  /** A search box over published articles before the chat starts (docs/bot.md). */
  articleSearch?: boolean;
}

/** A published article found by the widget's search; `html` is sanitized by the server. */
export interface FoundArticle {
  id: string;
  title: string;
  html: string;
}

export type Rating = 'like' | 'dislike';

export interface Conversation {
  id: string;
  state: ConversationView['state'];
  rating: Rating | null;
}

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
