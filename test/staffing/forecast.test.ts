import { describe, expect, it } from 'vitest';
import { sampleUniform } from '../../src/domain/sample.js';
import { staffHour } from '../../src/domain/staffing.js';
import { FALLBACK_HANDLE_TIME_S, forecastStaffing } from '../../src/domain/staffing-forecast.js';

const target = { slTarget: 0.8, slSeconds: 20, concurrency: 2 };

describe('staffing forecast from measured hours', () => {
  it('averages arrivals over the weeks and takes the hour’s own handle time', () => {
    const cells = forecastStaffing({
      ...target,
      weeks: 2,
      samples: [{ dayOfWeek: 2, hour: 14, arrivals: 20, handled: 4, handleSecondsTotal: 1200 }],
    });
    const cell = cells[2 * 24 + 14]!;
    expect(cell).toMatchObject({ dayOfWeek: 2, hour: 14, arrivalsPerHour: 10, handleTimeS: 300 });
    expect(cell.recommendedOperators).toBe(
      staffHour({ arrivalsPerHour: 10, ahtSeconds: 300 }, 2, {
        serviceLevel: 0.8,
        targetSeconds: 20,
      }).operators,
    );
  });

  it('falls back to the week’s handle time, and to the documented guess with none at all', () => {
    const cells = forecastStaffing({
      ...target,
      weeks: 1,
      samples: [
        { dayOfWeek: 0, hour: 9, arrivals: 3, handled: 0, handleSecondsTotal: 0 },
        { dayOfWeek: 0, hour: 10, arrivals: 1, handled: 1, handleSecondsTotal: 900 },
      ],
    });
    expect(cells[9]!.handleTimeS).toBe(900);
    const none = forecastStaffing({
      ...target,
      weeks: 1,
      samples: [{ dayOfWeek: 0, hour: 9, arrivals: 30, handled: 0, handleSecondsTotal: 0 }],
    });
    expect(none[9]!.handleTimeS).toBeNull();
    expect(none[9]!.recommendedOperators).toBe(
      staffHour({ arrivalsPerHour: 30, ahtSeconds: FALLBACK_HANDLE_TIME_S }, 2, {
        serviceLevel: 0.8,
        targetSeconds: 20,
      }).operators,
    );
    expect(none.filter((c) => c.recommendedOperators > 0)).toHaveLength(1);
  });
});

describe('uniform review sample', () => {
  it('picks distinct items, all of them when asked for more', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed - 1) / 2147483646;
    };
    const items = Array.from({ length: 20 }, (_, i) => i);
    const five = sampleUniform(items, 5, random);
    expect(new Set(five).size).toBe(5);
    expect(sampleUniform(items, 50, random).sort((a, b) => a - b)).toEqual(items);
    // Every item is about equally likely: 4000 draws of 5 from 20 → ~1000 each.
    const counts = new Array(20).fill(0);
    for (let i = 0; i < 4000; i++) for (const x of sampleUniform(items, 5, random)) counts[x]++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
    for (const c of counts) expect(c).toBeLessThan(1150);
  });
});
