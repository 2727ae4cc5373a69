// The one narrow interface every external channel implements (STYLE §8):
// normalise a stored inbound item, deliver one outbound message, and translate
// provider failures into three neutral kinds so the delivery worker alone
// decides between retry and dead letter.
import type { Logger } from 'pino';
import type { InboundMessage } from '../actions/channels/ingest-inbound.js';
import type {
  Attachment,
  AuthorKind,
  ChannelKind,
  ChannelRow,
  DeliveryErrorKind,
} from '../store/schema.js';
import type { OutboundPolicy } from './outbound-address.js';

export type { DeliveryErrorKind, InboundMessage };

/** Channels that live outside Switchboard; the widget talks to the API directly. */
export type ExternalChannelKind = Exclude<ChannelKind, 'widget'>;

export const EXTERNAL_CHANNEL_KINDS: readonly ExternalChannelKind[] = ['telegram', 'email', 'api'];

export function isExternalKind(kind: ChannelKind): kind is ExternalChannelKind {
  return kind !== 'widget';
}

/** A provider failure translated for the worker: retry later, give up, or the credentials are gone. */
export class ChannelError extends Error {
  constructor(
    readonly kind: DeliveryErrorKind,
    message: string,
    readonly details: { retryAfterMs?: number; partsSent?: number } = {},
  ) {
    super(message);
  }
}

/** What an inbound item turned out to be. */
export type Normalized =
  | { kind: 'message'; message: InboundMessage }
  /** Not for an operator: from a bot, an auto-reply, a loop, an unsupported update. */
  | { kind: 'ignore'; reason: string }
  /** A bounce of mail we sent: the deliveries whose Message-IDs it names are dead. */
  | { kind: 'bounce'; reason: string; messageIds: string[] };

/** One stored inbound item: the provider's JSON (Telegram update, API call) or raw bytes (e-mail). */
export interface InboundItem {
  channel: ChannelRow;
  payload: Record<string, unknown> | null;
  raw: Buffer | null;
}

export interface OutboundFile {
  attachment: Attachment;
  data: Buffer;
}

export interface OutboundMessage {
  /** Stable across retries: providers that accept an idempotency key get this one. */
  deliveryId: string;
  channel: ChannelRow;
  conversationId: string;
  message: {
    id: string;
    seq: number;
    author: AuthorKind;
    authorName: string | null;
    text: string;
    createdAt: string;
    /** A bot message's buttons (docs/bot.md): Telegram inline keyboard, e-mail numbered list, API payload. */
    buttons?: { id: string; label: string }[];
  };
  files: OutboundFile[];
  /** Who receives it: the channel identity that last wrote in this conversation. */
  recipient: { externalId: string; name: string | null; email: string | null };
  /** The conversation's reply token and (e-mail) subject and Message-ID chain. */
  thread: { token: string; subject: string | null; messageIds: string[] };
  /** Parts (text chunks, files) that an earlier attempt already sent: skip them. */
  partsSent: number;
}

export interface DeliveryReceipt {
  /** The provider's id for what was sent (Telegram message id, Message-ID, API response id). */
  externalId: string | null;
}

export interface AdapterContext {
  logger: Pick<Logger, 'warn' | 'info' | 'debug'>;
  /** Longest wait for one provider call; the claim lease is longer. */
  timeoutMs: number;
  /** Which addresses connections may reach; every connection is checked (outbound-address.ts). */
  outbound: OutboundPolicy;
  /** Where absolute file paths of a local Bot API server may be read; null = nowhere. */
  telegramLocalFilesDir: string | null;
}

export interface ChannelAdapter {
  readonly kind: ExternalChannelKind;
  normalize(item: InboundItem, ctx: AdapterContext): Promise<Normalized>;
  deliver(out: OutboundMessage, ctx: AdapterContext): Promise<DeliveryReceipt>;
  classify(error: unknown): ChannelError;
}
