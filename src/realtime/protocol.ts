// Websocket protocol (docs/realtime.md). Client → server messages are validated
// at the edge with the contract's schema (src/contract/events.ts); server → client
// messages are typed by the contract (src/contract/stream.ts).
import { ClientMessage, type VisitorEvent } from '../contract/events.js';
import type { ServerMessage as ContractServerMessage } from '../contract/stream.js';
import type { StoredEvent } from '../events/catalog.js';

export const clientMessage = ClientMessage;
export type { ClientMessage, VisitorEvent };

/** The contract's server messages (src/contract/stream.ts), events as the catalog types them. */
export type ServerMessage =
  | Exclude<ContractServerMessage, { type: 'event' }>
  | { type: 'event'; event: StoredEvent | VisitorEvent };

/** A client that was away longer than this many events re-fetches state instead. */
export const MAX_RESUME_EVENTS = 2000;

/** What an operator's socket receives: events whole, as the catalog types them. */
export type StaffServerMessage =
  | Exclude<ContractServerMessage, { type: 'event' }>
  | { type: 'event'; event: StoredEvent };
