// Websocket protocol (docs/realtime.md). Client → server messages are validated
// here at the edge; server → client messages are typed below.
import { z } from 'zod';
import type { StoredEvent } from '../events/catalog.js';

export const clientMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    /** The highest event seq the client applied (preferred). */
    lastSeq: z.number().int().min(0).optional(),
    /** The highest event id the client applied (older clients; as exact, within an account). */
    lastEventId: z.number().int().min(0).optional(),
  }),
  z.object({
    type: z.literal('send'),
    conversationId: z.string().uuid().optional(),
    text: z.string().max(10_000).default(''),
    clientKey: z.string().min(1).max(100),
    attachments: z
      .array(
        // The id of an upload of the sender's; the rest is taken from the upload
        // (name, type and size sent along by older clients are ignored).
        z.object({
          id: z.string().max(100),
          name: z.string().optional(),
          contentType: z.string().optional(),
          size: z.number().optional(),
        }),
      )
      .max(10)
      .optional(),
  }),
  z.object({
    type: z.literal('typing'),
    conversationId: z.string().uuid(),
    draft: z.string().max(10_000).nullable().optional(),
  }),
  z.object({ type: z.literal('ping') }),
]);

export type ClientMessage = z.infer<typeof clientMessage>;

export type ServerMessage =
  | { type: 'ready'; lastEventId: number; lastSeq: number; resumed: number }
  | { type: 'resync'; reason: string; lastEventId: number; lastSeq: number }
  | { type: 'event'; event: StoredEvent | VisitorEvent }
  | { type: 'typing'; conversationId: string; author: 'contact' | 'operator'; draft: string | null }
  | { type: 'ack'; clientKey: string; conversationId: string; message: unknown; duplicate: boolean }
  | {
      type: 'error';
      clientKey?: string;
      error: { code: string; message: string; field: string | null };
    }
  | { type: 'pong' };

/** What a visitor receives of an event: only what concerns them, nothing internal. */
export interface VisitorEvent {
  id: number;
  seq: number;
  type: StoredEvent['type'];
  conversationId: string | null;
  payload: Record<string, unknown>;
  at: string;
}

/** A client that was away longer than this many events re-fetches state instead. */
export const MAX_RESUME_EVENTS = 2000;
