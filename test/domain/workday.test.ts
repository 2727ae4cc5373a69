// Pure rules of the working day: mentions, which alerts ring, taking, and the
// status after a log-in (issue 15).
import { describe, expect, it } from 'vitest';
import { messageAlerts, queueAlerts, takeBlocker } from '../../src/domain/alerts.js';
import { findMentions } from '../../src/domain/mentions.js';
import { statusAtLogin } from '../../src/domain/operator-status.js';

const people = [
  { id: 'tatiana', name: 'Tatiana Ivanova', email: 'tatiana@shop.test' },
  { id: 'maxim', name: 'Maxim', email: 'max.p@shop.test' },
  { id: 'ivan-1', name: 'Ivan Petrov', email: 'ivan.p@shop.test' },
  { id: 'ivan-2', name: 'Ivan Sidorov', email: 'sidorov@shop.test' },
  { id: 'natalia', name: 'Наталья', email: 'natalia@shop.test' },
];

describe('@name mentions', () => {
  it('finds full names, unique first names and e-mail names, in any case', () => {
    expect(findMentions('@tatiana ivanova and @MAXIM, please look', people)).toEqual([
      'tatiana',
      'maxim',
    ]);
    expect(findMentions('@max.p can you?', people)).toEqual(['maxim']);
    expect(findMentions('спросите @Наталья', people)).toEqual(['natalia']);
  });

  it('needs a whole word and a unique first name', () => {
    expect(findMentions('@Maximilian and mail@maxim.test', people)).toEqual([]);
    expect(findMentions('@Ivan, which one?', people)).toEqual([]);
    expect(findMentions('@ivan sidorov', people)).toEqual(['ivan-2']);
    expect(findMentions('no mentions here', people)).toEqual([]);
  });
});

describe('which alerts ring', () => {
  it("rings for a client's message unless a visible tab shows that conversation", () => {
    expect(messageAlerts('b', [{ conversationId: 'a', visible: true }])).toBe(true);
    expect(messageAlerts('a', [{ conversationId: 'a', visible: false }])).toBe(true);
    expect(
      messageAlerts('a', [
        { conversationId: 'b', visible: true },
        { conversationId: 'a', visible: true },
      ]),
    ).toBe(false);
  });

  it('rings for a waiting conversation I can take: manual teams, or any queue with a free slot', () => {
    const base = { visibleToMe: true, status: 'online' as const, openCount: 5, limit: 5 };
    expect(queueAlerts({ ...base, mode: 'manual' })).toBe(true);
    expect(queueAlerts({ ...base, mode: 'least_loaded' })).toBe(false);
    expect(queueAlerts({ ...base, mode: 'round_robin', openCount: 4 })).toBe(true);
    expect(queueAlerts({ ...base, mode: 'manual', status: 'away' })).toBe(false);
    expect(queueAlerts({ ...base, mode: 'manual', visibleToMe: false })).toBe(false);
  });

  it('says why I cannot take one', () => {
    const base = { visibleToMe: true, status: 'online' as const, openCount: 1, limit: 5 };
    expect(takeBlocker(base)).toBeNull();
    expect(takeBlocker({ ...base, openCount: 5 })).toBe('at_limit');
    expect(takeBlocker({ ...base, status: 'offline' })).toBe('not_online');
  });
});

describe('status after a log-in', () => {
  const at = (over: Partial<Parameters<typeof statusAtLogin>[0]>) =>
    statusAtLogin({
      status: 'offline',
      chosen: null,
      firstLogin: false,
      newOperatorsOnline: false,
      ...over,
    });
  it('is the one I last chose', () => {
    expect(at({ chosen: 'away' })).toBe('away');
    expect(at({ chosen: 'online', firstLogin: true })).toBe('online');
  });
  it("is the account's choice at a first log-in, and otherwise what it was", () => {
    expect(at({ firstLogin: true, newOperatorsOnline: true })).toBe('online');
    expect(at({ firstLogin: true })).toBe('offline');
    expect(at({ newOperatorsOnline: true })).toBe('offline');
  });
});
