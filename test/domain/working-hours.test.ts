import { describe, expect, it } from 'vitest';
import {
  effectiveWorkingHours,
  findScheduleProblem,
  isWithinWorkingHours,
  normalizeWorkingHours,
  type WorkingHours,
} from '../../src/domain/working-hours.js';

describe('isWithinWorkingHours', () => {
  const kyivWeekdays: WorkingHours = {
    timezone: 'Europe/Kyiv',
    days: {
      mon: [{ from: '09:00', to: '18:00' }],
      tue: [{ from: '09:00', to: '18:00' }],
      fri: [{ from: '09:00', to: '18:00' }],
    },
  };

  it('opens at "from" and closes at "to" on the local clock (Kyiv is UTC+2 in winter)', () => {
    expect(isWithinWorkingHours(kyivWeekdays, Date.UTC(2025, 0, 6, 6, 59))).toBe(false);
    expect(isWithinWorkingHours(kyivWeekdays, Date.UTC(2025, 0, 6, 7, 0))).toBe(true);
    expect(isWithinWorkingHours(kyivWeekdays, Date.UTC(2025, 0, 6, 15, 59))).toBe(true);
    expect(isWithinWorkingHours(kyivWeekdays, Date.UTC(2025, 0, 6, 16, 0))).toBe(false);
  });

  it('follows daylight saving time (Kyiv is UTC+3 in summer)', () => {
    // Monday 2025-07-07 09:00 in Kyiv is 06:00 UTC.
    expect(isWithinWorkingHours(kyivWeekdays, Date.UTC(2025, 6, 7, 5, 59))).toBe(false);
    expect(isWithinWorkingHours(kyivWeekdays, Date.UTC(2025, 6, 7, 6, 0))).toBe(true);
  });

  it('uses the local weekday, not the UTC one', () => {
    // Tuesday 23:30 UTC is already Wednesday 01:30 in Kyiv, and Wednesday is closed.
    const wednesdayMorningInKyiv = Date.UTC(2025, 0, 7, 23, 30);
    expect(isWithinWorkingHours(kyivWeekdays, wednesdayMorningInKyiv)).toBe(false);
    const tuesdayNoonInKyiv = Date.UTC(2025, 0, 7, 10, 0);
    expect(isWithinWorkingHours(kyivWeekdays, tuesdayNoonInKyiv)).toBe(true);
  });

  it('is closed on days that are absent or left blank', () => {
    const hours: WorkingHours = {
      timezone: 'UTC',
      days: { sat: { from: '', to: '' }, mon: { from: '00:00', to: '24:00' } },
    };
    expect(isWithinWorkingHours(hours, Date.UTC(2025, 0, 11, 12))).toBe(false); // Saturday
    expect(isWithinWorkingHours(hours, Date.UTC(2025, 0, 12, 12))).toBe(false); // Sunday
    expect(isWithinWorkingHours(hours, Date.UTC(2025, 0, 13, 23, 59))).toBe(true); // Monday
  });

  it('carries a night shift past midnight into the next day', () => {
    const nights: WorkingHours = { timezone: 'UTC', days: { fri: { from: '22:00', to: '06:00' } } };
    expect(isWithinWorkingHours(nights, Date.UTC(2025, 0, 10, 23, 0))).toBe(true); // Fri 23:00
    expect(isWithinWorkingHours(nights, Date.UTC(2025, 0, 11, 5, 59))).toBe(true); // Sat 05:59
    expect(isWithinWorkingHours(nights, Date.UTC(2025, 0, 11, 6, 0))).toBe(false);
    expect(isWithinWorkingHours(nights, Date.UTC(2025, 0, 10, 5, 0))).toBe(false); // Fri 05:00
  });

  it('is always open without working hours', () => {
    expect(isWithinWorkingHours(null, Date.UTC(2025, 0, 12, 3, 0))).toBe(true);
  });

  it('rejects a malformed time of day', () => {
    const bad: WorkingHours = { timezone: 'UTC', days: { mon: { from: '9am', to: '18:00' } } };
    expect(() => isWithinWorkingHours(bad, Date.UTC(2025, 0, 6, 12))).toThrow(RangeError);
  });
});

describe('several intervals, closed days and holidays', () => {
  const split: WorkingHours = {
    timezone: 'Europe/Berlin',
    days: {
      mon: [
        { from: '09:00', to: '13:00' },
        { from: '14:00', to: '18:00' },
      ],
      sat: [],
    },
    holidays: [
      { date: '2025-03-31', intervals: [] },
      { date: '2025-04-05', intervals: [{ from: '10:00', to: '12:00' }] },
    ],
  };

  it('is closed in the lunch break between two intervals', () => {
    // Monday 2025-01-06, Berlin is UTC+1.
    expect(isWithinWorkingHours(split, Date.UTC(2025, 0, 6, 11, 0))).toBe(true);
    expect(isWithinWorkingHours(split, Date.UTC(2025, 0, 6, 12, 30))).toBe(false);
    expect(isWithinWorkingHours(split, Date.UTC(2025, 0, 6, 13, 0))).toBe(true);
  });

  it('is closed on a day saved as an empty list', () => {
    expect(isWithinWorkingHours(split, Date.UTC(2025, 0, 11, 10, 0))).toBe(false);
  });

  it('is closed all day on a closed holiday that falls on a working Monday', () => {
    expect(isWithinWorkingHours(split, Date.UTC(2025, 2, 31, 9, 0))).toBe(false);
  });

  it("opens a holiday's own hours on a day that is normally closed", () => {
    // Saturday 2025-04-05 10:00 in Berlin (summer time, UTC+2) is 08:00 UTC.
    expect(isWithinWorkingHours(split, Date.UTC(2025, 3, 5, 7, 59))).toBe(false);
    expect(isWithinWorkingHours(split, Date.UTC(2025, 3, 5, 8, 0))).toBe(true);
    expect(isWithinWorkingHours(split, Date.UTC(2025, 3, 5, 10, 0))).toBe(false);
  });

  it('keeps 09:00 local on the Monday after the clocks went forward', () => {
    // Clocks went forward on Sunday 2025-03-30; Monday 2025-04-07 09:00 is 07:00 UTC.
    expect(isWithinWorkingHours(split, Date.UTC(2025, 3, 7, 6, 59))).toBe(false);
    expect(isWithinWorkingHours(split, Date.UTC(2025, 3, 7, 7, 0))).toBe(true);
  });

  it('counts a night on the day the clocks change by the wall clock', () => {
    // New York falls back on Sunday 2025-11-02 at 02:00 (EDT -> EST).
    const nights: WorkingHours = {
      timezone: 'America/New_York',
      days: { sat: [{ from: '22:00', to: '06:00' }] },
    };
    // Sunday 05:59 EST is 10:59 UTC, 06:00 EST is 11:00 UTC.
    expect(isWithinWorkingHours(nights, Date.UTC(2025, 10, 2, 10, 59))).toBe(true);
    expect(isWithinWorkingHours(nights, Date.UTC(2025, 10, 2, 11, 0))).toBe(false);
    // Saturday 22:00 EDT is 02:00 UTC on Sunday.
    expect(isWithinWorkingHours(nights, Date.UTC(2025, 10, 2, 1, 59))).toBe(false);
    expect(isWithinWorkingHours(nights, Date.UTC(2025, 10, 2, 2, 0))).toBe(true);
  });

  it('lets a night shift started the day before run into a closed holiday', () => {
    const nights: WorkingHours = {
      timezone: 'UTC',
      days: { wed: [{ from: '22:00', to: '02:00' }] },
      holidays: [{ date: '2025-01-02', intervals: [] }],
    };
    expect(isWithinWorkingHours(nights, Date.UTC(2025, 0, 2, 1, 0))).toBe(true);
  });
});

describe('findScheduleProblem', () => {
  const base = { timezone: 'UTC', days: {} };

  it('accepts a week with closed days and holidays', () => {
    expect(
      findScheduleProblem({
        ...base,
        days: { mon: [{ from: '09:00', to: '18:00' }], sun: [] },
        holidays: [{ date: '2025-01-01', intervals: [] }],
      }),
    ).toBeNull();
  });

  it('names an unknown zone, overlapping intervals, an empty one and a repeated date', () => {
    expect(findScheduleProblem({ ...base, timezone: 'Mars/Olympus' })).toEqual({
      path: 'timezone',
      reason: 'unknown_timezone',
    });
    expect(
      findScheduleProblem({
        ...base,
        days: {
          tue: [
            { from: '09:00', to: '13:00' },
            { from: '12:00', to: '18:00' },
          ],
        },
      }),
    ).toEqual({ path: 'days.tue.1', reason: 'overlap' });
    expect(
      findScheduleProblem({ ...base, days: { fri: [{ from: '10:00', to: '10:00' }] } }),
    ).toEqual({ path: 'days.fri.0', reason: 'empty_interval' });
    expect(
      findScheduleProblem({
        ...base,
        holidays: [
          { date: '2025-05-01', intervals: [] },
          { date: '2025-05-01', intervals: [] },
        ],
      }),
    ).toEqual({ path: 'holidays.1.date', reason: 'duplicate_date' });
  });
});

describe('normalizeWorkingHours and effectiveWorkingHours', () => {
  it('reads the old one-interval-per-day shape as a list of one', () => {
    expect(
      normalizeWorkingHours({
        timezone: 'UTC',
        days: { mon: { from: '09:00', to: '18:00' }, tue: { from: '', to: '' } },
      }),
    ).toEqual({ timezone: 'UTC', days: { mon: [{ from: '09:00', to: '18:00' }] }, holidays: [] });
  });

  it("uses a team's own schedule, else the account's", () => {
    const account: WorkingHours = { timezone: 'UTC', days: {} };
    const team: WorkingHours = { timezone: 'Europe/Kyiv', days: {} };
    expect(effectiveWorkingHours(account, team)).toBe(team);
    expect(effectiveWorkingHours(account, null)).toBe(account);
  });
});
