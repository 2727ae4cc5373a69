import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/events/catalog.js';
import type { Principal } from '../../src/http/auth.js';
import { createAudience, type Member } from '../../src/realtime/audience.js';

const ACCOUNT = 'a0000000-0000-4000-8000-000000000001';
const OTHER_ACCOUNT = 'a0000000-0000-4000-8000-000000000002';

function operator(id: string, role: 'operator' | 'supervisor' = 'operator', accountId = ACCOUNT) {
  const principal: Principal = {
    kind: 'operator',
    accountId,
    operatorId: id,
    role,
    via: 'token',
    csrf: null,
    credential: 'token:test',
  };
  return { principal, ready: false, name: id } as Member & { name: string };
}

function visitor(contactId: string) {
  const principal: Principal = {
    kind: 'visitor',
    accountId: ACCOUNT,
    channelId: 'channel',
    contactId,
    visitorId: contactId,
  };
  return { principal, ready: false, name: contactId } as Member & { name: string };
}

function message(conversationId: string, owner: string | null): StoredEvent {
  return {
    id: 1,
    seq: 1,
    accountId: ACCOUNT,
    at: new Date(0).toISOString(),
    type: 'message.created',
    audience: 'dialog',
    conversationId,
    payload: {} as never,
    route: { operatorId: owner, teamId: null },
  } as StoredEvent;
}

function created(conversationId: string, contactId: string): StoredEvent {
  return {
    id: 2,
    seq: 2,
    accountId: ACCOUNT,
    at: new Date(0).toISOString(),
    type: 'conversation.created',
    audience: 'conversation',
    conversationId,
    payload: { conversation: { id: conversationId, contactId } } as never,
    route: { operatorId: null, teamId: null },
  } as StoredEvent;
}

const names = (set: Set<Member & { name: string }>) => [...set].map((m) => m.name).sort();

describe('the audience index', () => {
  it('sends a message to its operator, the supervisors and its visitor only', () => {
    const audience = createAudience<Member & { name: string }>();
    const natalia = operator('natalia');
    const maxim = operator('maxim');
    const boss = operator('boss', 'supervisor');
    const anna = visitor('anna');
    const oleg = visitor('oleg');
    const stranger = operator('stranger', 'supervisor', OTHER_ACCOUNT);
    for (const m of [natalia, maxim, boss, anna, oleg, stranger]) audience.add(m);
    for (const m of [natalia, maxim, boss, oleg, stranger]) audience.ready(m, []);
    audience.ready(anna, ['conv-anna']);

    expect(names(audience.recipients(message('conv-anna', 'natalia')))).toEqual([
      'anna',
      'boss',
      'natalia',
    ]);
    // A conversation nobody owns yet: its messages stay with supervisors.
    expect(names(audience.recipients(message('conv-anna', null)))).toEqual(['anna', 'boss']);
  });

  it('gives a connection that is not ready yet everything of its account, to buffer', () => {
    const audience = createAudience<Member & { name: string }>();
    const natalia = operator('natalia');
    const late = operator('late');
    audience.add(natalia);
    audience.add(late);
    audience.ready(natalia, []);
    expect(names(audience.recipients(message('conv-x', 'natalia')))).toEqual(['late', 'natalia']);
  });

  it('finds the visitor of a new conversation by contact, then by the conversation they own', () => {
    const audience = createAudience<Member & { name: string }>();
    const anna = visitor('anna');
    const maxim = operator('maxim');
    audience.add(anna);
    audience.add(maxim);
    audience.ready(anna, []);
    audience.ready(maxim, []);
    expect(names(audience.recipients(created('conv-new', 'anna')))).toEqual(['anna', 'maxim']);
    expect(names(audience.recipients(message('conv-new', null)))).toEqual([]);
    audience.own(anna, 'conv-new');
    expect(names(audience.recipients(message('conv-new', null)))).toEqual(['anna']);
    audience.remove(anna);
    expect(names(audience.recipients(message('conv-new', null)))).toEqual([]);
    expect([...audience.all(ACCOUNT)]).toEqual([maxim]);
  });
});
