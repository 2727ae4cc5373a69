import { describe, expect, it } from 'vitest';
import { requiredAgents, serviceLevel } from '../../src/domain/erlang-c.js';
import {
  HOURS_PER_WEEK,
  type HourDemand,
  operatorsFor,
  recommendStaffing,
  slotsFor,
  staffHour,
} from '../../src/domain/staffing.js';

const target = { serviceLevel: 0.8, targetSeconds: 20 };
// 200 chats an hour at 180 s = 10 Erlangs, the standard vector's load.
const busyHour: HourDemand = { arrivalsPerHour: 200, ahtSeconds: 180 };

describe('staffing one hour', () => {
  it('with one chat at a time asks Erlang C directly: 14 operators for 10 Erlangs at 80/20', () => {
    const cell = staffHour(busyHour, 1, target);
    expect(cell.trafficErlangs).toBeCloseTo(10, 10);
    expect(cell.chatSlots).toBe(14);
    expect(cell.operators).toBe(14);
    expect(cell.serviceLevel).toBeCloseTo(0.888, 3);
  });

  it('divides chat slots by concurrency: 3 chats each need 5 operators for 14 slots', () => {
    const cell = staffHour(busyHour, 3, target);
    expect(cell.chatSlots).toBe(14);
    expect(cell.operators).toBe(5);
    // 5 × 3 = 15 slots actually staffed.
    expect(cell.serviceLevel).toBeCloseTo(serviceLevel(15, 10, 180, 20), 10);
    expect(cell.serviceLevel).toBeGreaterThanOrEqual(0.8);
  });

  it('counts whole slots for a fractional concurrency so it never overpromises', () => {
    expect(slotsFor(5, 2.5)).toBe(12);
    expect(operatorsFor(14, 2.5)).toBe(6);
    expect(operatorsFor(30, 0.1 * 30)).toBe(10);
    const cell = staffHour(busyHour, 2.5, target);
    expect(cell.operators).toBe(6);
    expect(cell.occupancy).toBeCloseTo(10 / 15, 10);
  });

  it('uses the handle time measured at that concurrency, so slower multitasking costs operators', () => {
    const alone = staffHour({ arrivalsPerHour: 200, ahtSeconds: 180 }, 3, target);
    const stretched = staffHour({ arrivalsPerHour: 200, ahtSeconds: 270 }, 3, target);
    expect(stretched.operators).toBeGreaterThan(alone.operators);
  });

  it('honours an occupancy cap', () => {
    const capped = staffHour(busyHour, 1, { ...target, maxOccupancy: 0.7 });
    expect(capped.operators).toBe(15);
  });

  it('recommends nobody for an hour without chats', () => {
    const cell = staffHour({ arrivalsPerHour: 0, ahtSeconds: 180 }, 3, target);
    expect(cell).toMatchObject({ operators: 0, serviceLevel: 1, asaSeconds: 0, occupancy: 0 });
  });

  it('rejects a concurrency below one chat', () => {
    expect(() => staffHour(busyHour, 0.5, target)).toThrow(RangeError);
  });
});

describe('the week heat-map', () => {
  const week: HourDemand[] = Array.from({ length: HOURS_PER_WEEK }, (_, i) => {
    const hour = i % 24;
    const day = Math.floor(i / 24);
    const open = day < 5 && hour >= 9 && hour < 18;
    return { arrivalsPerHour: open ? 120 + 10 * (hour - 9) : 6, ahtSeconds: 240 };
  });

  it('returns all 168 cells with day, hour and the inputs beside the outputs', () => {
    const plan = recommendStaffing({ demand: week, concurrency: 2, target });
    expect(plan.cells).toHaveLength(168);
    const tuesdayTen = plan.cells[1 * 24 + 10];
    expect(tuesdayTen).toMatchObject({ day: 1, hour: 10, arrivalsPerHour: 130, ahtSeconds: 240 });
    expect(tuesdayTen?.concurrency).toBe(2);
  });

  it('meets the target in every hour with the recommended operators', () => {
    const plan = recommendStaffing({ demand: week, concurrency: 2, target });
    for (const cell of plan.cells) expect(cell.serviceLevel).toBeGreaterThanOrEqual(0.8);
  });

  it('agrees cell by cell with Erlang C over slots and sums operator-hours', () => {
    const plan = recommendStaffing({ demand: week, concurrency: 2, target });
    const friday17 = plan.cells[4 * 24 + 17];
    const slots = requiredAgents({
      traffic: (200 * 240) / 3600,
      ahtSeconds: 240,
      targetSeconds: 20,
      serviceLevelTarget: 0.8,
    });
    expect(friday17?.operators).toBe(Math.ceil(slots / 2));
    expect(plan.operatorHours).toBe(plan.cells.reduce((s, c) => s + c.operators, 0));
    expect(plan.peakOperators).toBe(friday17?.operators);
  });

  it('refuses a week that is not 168 hours', () => {
    expect(() => recommendStaffing({ demand: week.slice(1), concurrency: 1, target })).toThrow(
      RangeError,
    );
  });
});
