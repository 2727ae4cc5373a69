import { describe, expect, it } from 'vitest';
import {
  forecastIntervals,
  onlineBySlot,
  slotOf,
  sustainedConcurrency,
} from '../../src/domain/staffing-intervals.js';

const MONDAY = Date.UTC(2026, 10, 23);
const MIN = 60_000;
/** UTC as the local zone: Monday 00:00 is slot 0. */
const utcSlot = (interval: 15 | 30 | 60) => (at: number) =>
  slotOf((new Date(at).getUTCDay() + 6) % 7, Math.floor((at % 86_400_000) / MIN), interval);

describe('staffing by intervals', () => {
  it('counts the operators online in each interval, in parts where they came and went', () => {
    // 09:00–10:00 and 09:30–09:45 on one Monday, over one week.
    const online = [
      [MONDAY + 540 * MIN, MONDAY + 600 * MIN],
      [MONDAY + 570 * MIN, MONDAY + 585 * MIN],
    ] as const;
    const slots = onlineBySlot(online, 15, 1, utcSlot(15));
    expect(slots.slice(36, 41)).toEqual([1, 1, 2, 1, 0]);
    const halfHours = onlineBySlot(online, 30, 2, utcSlot(30));
    expect(halfHours.slice(18, 20)).toEqual([0.5, 0.75]);
  });

  it('takes the concurrency operators sustained, never below one', () => {
    expect(sustainedConcurrency(3 * 3600, 2 * 3600)).toBe(1.5);
    expect(sustainedConcurrency(100, 200)).toBe(1);
    expect(sustainedConcurrency(0, 0)).toBeNull();
  });

  it('sets required beside scheduled, and the gap between them', () => {
    const scheduled = new Array(7 * 24 * 2).fill(0);
    scheduled[18] = 3;
    const cells = forecastIntervals({
      samples: [
        {
          dayOfWeek: 0,
          hour: 9,
          minute: 0,
          arrivals: 20,
          handled: 20,
          handleSecondsTotal: 20 * 600,
        },
      ],
      intervalMinutes: 30,
      weeks: 1,
      concurrency: 2,
      slTarget: 0.8,
      slSeconds: 20,
      scheduled,
      open: scheduled.map((_, i) => i >= 18),
    });
    expect(cells).toHaveLength(336);
    const nine = cells[18]!;
    expect(nine).toMatchObject({
      dayOfWeek: 0,
      hour: 9,
      minute: 0,
      arrivals: 20,
      arrivalsPerHour: 40,
      open: true,
    });
    expect(nine.recommendedOperators).toBeGreaterThan(3);
    expect(nine.gap).toBe(3 - nine.recommendedOperators);
    expect(cells[17]).toMatchObject({ recommendedOperators: 0, gap: 0, open: false });
  });
});
