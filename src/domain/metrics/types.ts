/**
 * Plain data the metric formulas read. The store maps its rows onto these
 * shapes; nothing here knows about SQL, so a simulation can feed the same code.
 */

export type MessageAuthor = 'contact' | 'operator' | 'bot' | 'system';

export interface MetricMessage {
  /** Per-conversation sequence number; the only trustworthy order (DESIGN §1). */
  seq: number;
  author: MessageAuthor;
  /** Epoch milliseconds. */
  at: number;
  operatorId: string | null;
}

export type ClosedBy = 'contact' | 'operator' | 'system' | 'bot';

export type Rating = 'like' | 'dislike';

export interface MetricConversation {
  id: string;
  createdAt: number;
  /** When it entered the operator queue; null when it never did (e.g. the bot resolved it). */
  queuedAt: number | null;
  assignedAt: number | null;
  closedAt: number | null;
  closedBy: ClosedBy | null;
  operatorId: string | null;
  channelId: string;
  teamId: string | null;
  categoryId: string | null;
  targeted: boolean | null;
  rating: Rating | null;
}

export interface MetricItem {
  conv: MetricConversation;
  messages: readonly MetricMessage[];
}
