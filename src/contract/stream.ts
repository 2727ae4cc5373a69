// What the server sends on a websocket, with every event type's payload and its
// one audience (src/events/catalog.ts), as zod schemas: the `event` frames,
// `ready`, `resync`, `ack`, `typing`, `error`, `pong` (docs/realtime.md).
import { z } from 'zod';
import { EVENT_AUDIENCE, EVENT_TYPES } from '../events/catalog.js';
import { ApiErrorBody } from './errors.js';
import { EVENT_PAYLOADS, VisitorEvent } from './events.js';
import { named } from './registry.js';
import { MessageView } from './views.js';

/** `Event.conversation.created`…: one schema per event type, its audience a constant. */
const eventSchemas = EVENT_TYPES.map((type) =>
  named(
    `Event.${type}`,
    z.object({
      id: z.number(),
      /** 1, 2, 3… per account, without holes, in commit order. */
      seq: z.number(),
      type: z.literal(type),
      accountId: z.string(),
      conversationId: z.string().nullable(),
      audience: z.literal(EVENT_AUDIENCE[type]),
      payload: EVENT_PAYLOADS[type],
      at: z.string(),
    }),
  ),
);

export const StoredEvent = named(
  'StoredEvent',
  z.discriminatedUnion('type', eventSchemas as unknown as [(typeof eventSchemas)[number]]),
);

export const ServerMessage = named(
  'ServerMessage',
  z.discriminatedUnion('type', [
    z.object({
      type: z.literal('ready'),
      lastEventId: z.number(),
      lastSeq: z.number(),
      /** Events replayed before this frame. */
      resumed: z.number(),
    }),
    z.object({
      type: z.literal('resync'),
      reason: z.string(),
      lastEventId: z.number(),
      lastSeq: z.number(),
    }),
    z.object({
      type: z.literal('event'),
      /** Staff: the whole event; visitors: the public part (VisitorEvent). */
      event: z.union([StoredEvent, VisitorEvent]),
    }),
    z.object({
      type: z.literal('typing'),
      conversationId: z.string(),
      author: z.enum(['contact', 'operator']),
      /** The client's draft, for staff who may see it; else null. */
      draft: z.string().nullable(),
    }),
    z.object({
      type: z.literal('ack'),
      clientKey: z.string(),
      conversationId: z.string(),
      message: MessageView,
      duplicate: z.boolean(),
    }),
    z.object({ type: z.literal('error'), clientKey: z.string().optional(), error: ApiErrorBody }),
    z.object({ type: z.literal('pong') }),
  ]),
);
export type ServerMessage = z.infer<typeof ServerMessage>;
