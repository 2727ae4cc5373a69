// /api/events.schema.json: the websocket protocol as one JSON Schema document
// (draft 2020-12), built from the contract's zod schemas. A frame a client
// sends is a ClientMessage; a frame the server sends is a ServerMessage, whose
// `event` is a StoredEvent (staff) or a VisitorEvent (visitors). `x-events`
// lists each event type with its audience and payload (docs/realtime.md).
import { z } from 'zod';
import { EVENT_PAYLOADS } from '../contract/events.js';
import { contractRegistry } from '../contract/registry.js';
import '../contract/stream.js';
import { EVENT_AUDIENCE, EVENT_TYPES } from '../events/catalog.js';

const PROTOCOL = ['ClientMessage', 'ServerMessage', 'StoredEvent', 'VisitorEvent'];

export function eventsJsonSchema(): Record<string, unknown> {
  const as = (io: 'input' | 'output') =>
    z.toJSONSchema(contractRegistry, {
      target: 'draft-2020-12',
      io,
      unrepresentable: 'any',
      uri: (id) => `#/$defs/${id}`,
    }).schemas;
  // What clients send as they may send it (defaults may be left out); the rest as sent.
  const schemas: Record<string, unknown> = {
    ...as('output'),
    ClientMessage: as('input').ClientMessage,
  };
  // Only what the protocol reaches: its four messages and what they refer to.
  const defs: Record<string, unknown> = {};
  const visit = (id: string) => {
    if (defs[id] || !schemas[id]) return;
    const { $id: _id, $schema: _schema, ...schema } = schemas[id] as Record<string, unknown>;
    defs[id] = schema;
    for (const [, ref] of JSON.stringify(schema).matchAll(/"#\/\$defs\/([^"]+)"/g)) visit(ref!);
  };
  PROTOCOL.forEach(visit);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: '/api/events.schema.json',
    title: 'Switchboard realtime protocol',
    description:
      'Websocket frames of GET /api/v1/ws (operators) and GET /api/v1/visitor/ws (visitors), one JSON object each: clients send ClientMessage, the server sends ServerMessage. Delivery, resuming and audiences: docs/realtime.md.',
    anyOf: [{ $ref: '#/$defs/ClientMessage' }, { $ref: '#/$defs/ServerMessage' }],
    'x-events': Object.fromEntries(
      EVENT_TYPES.map((type) => [
        type,
        {
          audience: EVENT_AUDIENCE[type],
          payload: { $ref: `#/$defs/Event.${type}/properties/payload` },
          fields: Object.keys(EVENT_PAYLOADS[type].shape),
        },
      ]),
    ),
    $defs: defs,
  };
}
