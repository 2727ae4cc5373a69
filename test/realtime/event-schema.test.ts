// docs/realtime.md's event catalog is checked against the contract's schemas
// (src/contract/events.ts) and the catalog's audiences: every type has one row
// with its audience, and the payload column names exactly the payload's fields.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_PAYLOADS } from '../../src/contract/events.js';
import { EVENT_AUDIENCE, EVENT_TYPES } from '../../src/events/catalog.js';
import { eventsJsonSchema } from '../../src/http/events-schema.js';

const doc = readFileSync(new URL('../../docs/realtime.md', import.meta.url), 'utf8');

/** The catalog table's rows: type → [audience, payload column]. */
function catalogRows(): Map<string, [string, string]> {
  const rows = new Map<string, [string, string]>();
  for (const line of doc.split('\n')) {
    const m = /^\|\s*`([a-z]+\.[a-z_.]+)`\s*\|\s*`([a-z]+)`\s*\|(.*)\|\s*$/.exec(line);
    if (m) rows.set(m[1]!, [m[2]!, m[3]!]);
  }
  return rows;
}

/** The payload's top-level fields a row names: backticked names outside parentheses. */
function namedFields(column: string): string[] {
  let flat = column;
  while (/\([^()]*\)/.test(flat)) flat = flat.replace(/\([^()]*\)/g, '');
  // What follows a colon is prose about the event.
  const fields = flat.split(':')[0]!;
  return [...fields.matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]!).sort();
}

describe('docs/realtime.md against the event schemas', () => {
  const rows = catalogRows();

  it('has one row per event type and no row for a type that does not exist', () => {
    expect([...rows.keys()].sort()).toEqual([...EVENT_TYPES].sort());
  });

  it.each([...EVENT_TYPES])('%s: the audience and payload fields of its schema', (type) => {
    const [audience, column] = rows.get(type)!;
    expect(audience).toBe(EVENT_AUDIENCE[type]);
    expect(namedFields(column)).toEqual(Object.keys(EVENT_PAYLOADS[type].shape).sort());
  });

  it('publishes every event type with its audience in the JSON Schema', () => {
    const schema = eventsJsonSchema() as {
      'x-events': Record<string, { audience: string; fields: string[] }>;
      $defs: Record<string, unknown>;
    };
    for (const type of EVENT_TYPES) {
      expect(schema['x-events'][type]?.audience).toBe(EVENT_AUDIENCE[type]);
      expect(schema.$defs[`Event.${type}`]).toBeDefined();
    }
    expect(Object.keys(schema.$defs)).toEqual(
      expect.arrayContaining(['ClientMessage', 'ServerMessage', 'StoredEvent', 'VisitorEvent']),
    );
  });
});
