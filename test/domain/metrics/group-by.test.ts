import { describe, expect, it } from 'vitest';
import { bucketKey, groupBy } from '../../../src/domain/metrics/index.js';
import { item } from './fixtures.js';

const MOSCOW = 180;
const NEW_YORK_WINTER = -300;

describe('time buckets', () => {
  it('puts 20:59 UTC and 21:00 UTC on different Moscow days', () => {
    expect(bucketKey(Date.UTC(2025, 0, 6, 20, 59, 59, 999), 'day', MOSCOW)).toBe('2025-01-06');
    expect(bucketKey(Date.UTC(2025, 0, 6, 21, 0), 'day', MOSCOW)).toBe('2025-01-07');
  });

  it('keys hours in local time', () => {
    expect(bucketKey(Date.UTC(2025, 0, 6, 2, 30), 'hour', NEW_YORK_WINTER)).toBe('2025-01-05T21');
    expect(bucketKey(Date.UTC(2025, 0, 6, 2, 30), 'hour', 0)).toBe('2025-01-06T02');
  });

  it('starts weeks on the local Monday', () => {
    // Sunday 2025-01-12 23:30 in New York is Monday 04:30 UTC.
    const sundayNight = Date.UTC(2025, 0, 13, 4, 30);
    expect(bucketKey(sundayNight, 'week', NEW_YORK_WINTER)).toBe('2025-01-06');
    expect(bucketKey(sundayNight, 'week', 0)).toBe('2025-01-13');
    // Monday 00:00 Moscow is Sunday 21:00 UTC.
    expect(bucketKey(Date.UTC(2025, 0, 12, 21, 0), 'week', MOSCOW)).toBe('2025-01-13');
    expect(bucketKey(Date.UTC(2025, 0, 12, 20, 59), 'week', MOSCOW)).toBe('2025-01-06');
  });

  it('handles weeks across a year boundary and before 1970', () => {
    expect(bucketKey(Date.UTC(2025, 0, 1, 12), 'week', 0)).toBe('2024-12-30');
    expect(bucketKey(Date.UTC(1969, 11, 31, 12), 'week', 0)).toBe('1969-12-29');
  });
});

describe('groupBy', () => {
  const items = [
    item({ id: 'a', operatorId: 'natalia', channelId: 'widget' }, ['contact', 0], ['operator', 10]),
    item(
      { id: 'b', operatorId: 'tatiana', channelId: 'telegram' },
      ['contact', 0],
      ['operator', 30],
    ),
    item({ id: 'c', operatorId: 'natalia', channelId: 'widget' }, ['contact', 0], ['operator', 20]),
    item({ id: 'd', operatorId: null, assignedAt: null, closedBy: 'contact' }, ['contact', 0]),
  ];

  it('summarises each operator with the same definitions, unassigned last', () => {
    const groups = groupBy(items, 'operator');
    expect(groups.map((g) => [g.key, g.summary.conversations])).toEqual([
      ['natalia', 2],
      ['tatiana', 1],
      [null, 1],
    ]);
    expect(groups[0]?.summary.firstResponse.medianMs).toBe(15_000);
    expect(groups[2]?.summary.abandoned).toBe(1);
  });

  it('cuts by channel so the rows add up to the total', () => {
    const groups = groupBy(items, 'channel');
    expect(groups.map((g) => g.key)).toEqual(['telegram', 'widget']);
    expect(groups.reduce((n, g) => n + g.summary.conversations, 0)).toBe(items.length);
  });

  it('files conversations under the local day of their creation', () => {
    const late = Date.UTC(2025, 0, 6, 22, 0);
    const early = Date.UTC(2025, 0, 6, 20, 0);
    const byDay = groupBy(
      [item({ id: 'x', createdAt: late }), item({ id: 'y', createdAt: early })],
      'day',
      MOSCOW,
    );
    expect(byDay.map((g) => g.key)).toEqual(['2025-01-06', '2025-01-07']);
  });

  it('uses the service-level target it is given', () => {
    const [strict] = groupBy(items.slice(0, 1), 'team', 0, { serviceLevelTargetMs: 5_000 });
    expect(strict?.summary.serviceLevel.ratio).toBe(0);
  });
});
