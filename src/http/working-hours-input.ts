// The working-hours input of the account and team forms: a week of intervals
// per day (an absent day or an empty list is closed) and holidays. Shape
// errors name the field; the schedule's own rules (known zone, no overlaps,
// no repeated date) come from the domain (src/domain/working-hours.ts).
import { z } from 'zod';
import {
  findScheduleProblem,
  isCalendarDate,
  normalizeWorkingHours,
  type WorkingHours,
} from '../domain/working-hours.js';

const CLOCK = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const clock = z
  .string()
  .refine((text) => CLOCK.test(text), { message: 'Use HH:MM.', params: { reason: 'invalid_time' } })
  .describe('HH:MM local time; 24:00 ends a day');

const interval = z.object({ from: clock, to: clock });
// One interval object is what clients sent before several per day existed.
const intervals = z.preprocess(
  (value) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? [value] : value,
  z.array(interval).max(12),
);

export const workingHoursInput = z
  .object({
    timezone: z.string().min(1).max(64),
    // partialRecord: a closed day may be left out (a plain record over an enum requires every key).
    days: z.partialRecord(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']), intervals),
    holidays: z
      .array(
        z.object({
          date: z.string().refine(isCalendarDate, {
            message: 'Use a date, YYYY-MM-DD.',
            params: { reason: 'invalid_date' },
          }),
          intervals: z.array(interval).max(12),
        }),
      )
      .max(366)
      .optional(),
  })
  .superRefine((hours, ctx) => {
    const problem = findScheduleProblem(hours as WorkingHours);
    if (problem) {
      ctx.addIssue({
        code: 'custom',
        path: problem.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
        message: PROBLEM_MESSAGES[problem.reason],
        params: { reason: problem.reason },
      });
    }
  })
  .transform((hours) => normalizeWorkingHours(hours as WorkingHours));

const PROBLEM_MESSAGES = {
  unknown_timezone: 'Unknown time zone.',
  overlap: 'Intervals of one day overlap.',
  empty_interval: 'An interval must not start and end at the same time.',
  duplicate_date: 'This date is listed twice.',
} as const;
