import { describe, expect, it } from 'vitest';
import { parseHistoryDays } from '../../src/cli/seed-history.js';
import { localWeekday, planDemoHistory } from '../../src/domain/demo-history/plan.js';
import { DEMO_UTC_OFFSET_MS } from '../../src/domain/demo-history/profiles.js';
import { conversationScript } from '../../src/domain/demo-history/script.js';

const END = Date.parse('2026-11-25T15:00:00Z');
const localHour = (at: number) => new Date(at + DEMO_UTC_OFFSET_MS).getUTCHours();

describe("the demo's planned month", () => {
  const plan = planDemoHistory({ seed: 1, days: 28, end: END });

  it('is the same plan for the same seed and another for another', () => {
    expect(planDemoHistory({ seed: 1, days: 28, end: END })).toEqual(plan);
    expect(planDemoHistory({ seed: 2, days: 28, end: END }).arrivals).not.toEqual(plan.arrivals);
  });

  it('is busy by day and on weekdays, quiet at night and on Sundays', () => {
    const at = (hours: number[]) =>
      plan.arrivals.filter((a) => hours.includes(localHour(a.at))).length;
    expect(at([11, 12, 13])).toBeGreaterThan(5 * at([2, 3, 4]));
    const monday = plan.arrivals.filter((a) => localWeekday(a.at) === 0).length;
    const sunday = plan.arrivals.filter((a) => localWeekday(a.at) === 6).length;
    expect(monday).toBeGreaterThan(1.5 * sunday);
    expect(plan.arrivals.every((a) => a.at < END - 3_600_000)).toBe(true);
  });

  it('has every channel and language, named and nameless clients, transfers and impatience', () => {
    const kinds = (f: (a: (typeof plan.arrivals)[number]) => unknown) =>
      new Set(plan.arrivals.map(f));
    expect(kinds((a) => a.channel)).toEqual(new Set(['widget', 'telegram', 'email']));
    expect(kinds((a) => a.client.language)).toEqual(new Set(['ru', 'uk', 'en']));
    expect(kinds((a) => a.client.name === null)).toEqual(new Set([true, false]));
    expect(plan.arrivals.some((a) => a.transfer)).toBe(true);
    expect(
      plan.arrivals.filter((a) => a.channel === 'email').every((a) => a.patienceMs === null),
    ).toBe(true);
  });

  it('gives careful and sloppy operators different dialogs', () => {
    const arrival = plan.arrivals.find((a) => a.topic === 'Returns' && a.client.name !== null)!;
    const careful = plan.operators.find((o) => o.key === 'tatiana')!;
    const sloppy = plan.operators.find((o) => o.key === 'ivan')!;
    const said = (steps: ReturnType<typeof conversationScript>) =>
      steps.flatMap((s) => (s.kind === 'operator' ? [s.text] : []));
    expect(said(conversationScript(arrival, careful, false, 0)).length).toBeGreaterThan(
      said(conversationScript(arrival, sloppy, false, 0)).length,
    );
    expect(conversationScript(arrival, careful, false, 0)).toEqual(
      conversationScript(arrival, careful, false, 0),
    );
  });

  it('reads --history as days or weeks', () => {
    expect(parseHistoryDays('30d')).toBe(30);
    expect(parseHistoryDays('2w')).toBe(14);
    expect(parseHistoryDays('7')).toBe(7);
    expect(() => parseHistoryDays('a month')).toThrow(/--history/);
    expect(() => parseHistoryDays('100d')).toThrow(/1 to 92/);
  });
});
