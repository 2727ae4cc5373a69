// Every event type has one declared audience (src/events/catalog.ts), and the
// gateway's index and filters give each type to exactly that audience. The
// test walks the whole catalog: a new event type cannot ship without one.
import { describe, expect, it } from 'vitest';
import {
  type Audience,
  EVENT_AUDIENCE,
  EVENT_TYPES,
  type StoredEvent,
} from '../../src/events/catalog.js';
import type { Principal } from '../../src/http/auth.js';
import { createAudience, type Member } from '../../src/realtime/audience.js';
import { forVisitor, operatorSees } from '../../src/realtime/visibility.js';

const ACCOUNT = 'a0000000-0000-4000-8000-000000000001';
const CONVERSATION = 'c0000000-0000-4000-8000-000000000001';
const SUPPORT = 't0000000-0000-4000-8000-000000000001';
const SALES = 't0000000-0000-4000-8000-000000000002';

type Person = Member & { name: string; teamIds: Set<string> };

function operator(name: string, role: 'operator' | 'supervisor', teams: string[]): Person {
  const principal: Principal = {
    kind: 'operator',
    accountId: ACCOUNT,
    operatorId: name,
    role,
    via: 'token',
    csrf: null,
    credential: `token:${name}`,
  };
  return { principal, ready: false, name, teamIds: new Set(teams) };
}

const visitor: Person = {
  principal: {
    kind: 'visitor',
    accountId: ACCOUNT,
    channelId: 'widget',
    contactId: 'anna',
    visitorId: 'anna',
  },
  ready: false,
  name: 'visitor',
  teamIds: new Set(),
};

const people = [
  operator('supervisor', 'supervisor', []),
  // Natalia's conversation, waiting in or served by the Support team.
  operator('natalia', 'operator', [SUPPORT]),
  operator('teammate', 'operator', [SUPPORT]),
  operator('other-team', 'operator', [SALES]),
  visitor,
];

/** Who each audience reaches, in the words of src/events/catalog.ts. */
const REACH: Record<Audience, string[]> = {
  account: ['natalia', 'other-team', 'supervisor', 'teammate'],
  queue: ['natalia', 'supervisor', 'teammate'],
  conversation: ['natalia', 'supervisor', 'teammate', 'visitor'],
  dialog: ['natalia', 'supervisor', 'visitor'],
  owner: ['natalia', 'supervisor'],
  supervisors: ['supervisor'],
};

function sample(type: StoredEvent['type']): StoredEvent {
  const conversation = {
    id: CONVERSATION,
    contactId: 'anna',
    channelId: 'widget',
    state: 'assigned',
    lastSeq: 1,
    closedAt: null,
    operatorId: 'natalia',
    teamId: SUPPORT,
  };
  return {
    id: 1,
    seq: 1,
    accountId: ACCOUNT,
    at: new Date(0).toISOString(),
    type,
    audience: EVENT_AUDIENCE[type],
    conversationId: CONVERSATION,
    payload: { conversation, fromOperatorId: null, conversationId: CONVERSATION } as never,
    route: { operatorId: 'natalia', teamId: SUPPORT },
  } as StoredEvent;
}

/** The gateway's two steps: the index narrows who is asked, the filter decides per person. */
function receivers(e: StoredEvent): string[] {
  const audience = createAudience<Person>();
  for (const p of people) {
    audience.add(p);
    audience.ready(p, p === visitor ? [CONVERSATION] : []);
  }
  return [...audience.recipients(e)]
    .filter((p) => {
      const who = p.principal;
      if (who.kind === 'visitor') return forVisitor(e, new Set([CONVERSATION])) !== null;
      if (who.role !== 'operator') return true;
      return operatorSees(e, who.operatorId, p.teamIds);
    })
    .map((p) => p.name)
    .sort();
}

describe('the event catalog and its audiences', () => {
  it.each([...EVENT_TYPES])('gives %s to exactly its declared audience', (type) => {
    const declared = EVENT_AUDIENCE[type];
    expect(Object.keys(REACH)).toContain(declared);
    expect(receivers(sample(type))).toEqual(REACH[declared]);
  });

  it('declares an audience for every type and nothing else', () => {
    expect(Object.keys(EVENT_AUDIENCE).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it("keeps outbound delivery states from other teams' operators and from visitors", () => {
    expect(receivers(sample('delivery.updated'))).toEqual(['natalia', 'supervisor']);
  });

  it('gives a mention to the mentioned operator (and staff) only, never the visitor', () => {
    const mention = {
      ...sample('note.mentioned'),
      route: { operatorId: 'other-team', teamId: null },
    };
    expect(receivers(mention as StoredEvent)).toEqual(['other-team', 'supervisor']);
    expect(receivers(sample('note.created'))).toEqual(['natalia', 'supervisor']);
  });
});
