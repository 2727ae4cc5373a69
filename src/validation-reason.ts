// Which rule a bad input broke, as a stable word with its numbers, so a client
// can say it in its own language at the field ("at least 1 character",
// "use HH:MM") instead of showing the validator's English.

import { type AppError, invalid } from './errors.js';

export type ValidationReason =
  | 'required'
  | 'invalid_type'
  | 'too_short'
  | 'too_long'
  | 'too_small'
  | 'too_big'
  | 'too_few'
  | 'too_many'
  | 'invalid_format'
  | 'invalid_time'
  | 'invalid_date'
  | 'invalid_url'
  | 'invalid_email'
  | 'invalid_id'
  | 'invalid_choice'
  | 'unknown_timezone'
  | 'overlap'
  | 'empty_interval'
  | 'duplicate_date'
  | 'red_before_yellow'
  | 'not_in_future'
  | 'destination_not_allowed'
  | 'unknown_in_account'
  | 'invalid';

export interface ValidationDetail {
  reason: ValidationReason;
  params?: Record<string, number>;
}

/** The reason of one schema issue (Zod's code and its details, as the validator reports them). */
export function reasonOfIssue(
  code: string | undefined,
  details: Record<string, unknown> | undefined,
  message = '',
): ValidationDetail {
  const d = details ?? {};
  const origin = d.origin;
  const n = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? Number(v) : 0);
  switch (code) {
    case 'too_small':
      return origin === 'string'
        ? { reason: 'too_short', params: { min: n(d.minimum) } }
        : origin === 'array' || origin === 'set'
          ? { reason: 'too_few', params: { min: n(d.minimum) } }
          : { reason: 'too_small', params: { min: n(d.minimum) } };
    case 'too_big':
      return origin === 'string'
        ? { reason: 'too_long', params: { max: n(d.maximum) } }
        : origin === 'array' || origin === 'set'
          ? { reason: 'too_many', params: { max: n(d.maximum) } }
          : { reason: 'too_big', params: { max: n(d.maximum) } };
    case 'invalid_format': {
      const format = d.format;
      if (format === 'url') return { reason: 'invalid_url' };
      if (format === 'email') return { reason: 'invalid_email' };
      if (format === 'uuid' || format === 'guid') return { reason: 'invalid_id' };
      return { reason: 'invalid_format' };
    }
    case 'invalid_type':
      // Zod says "received undefined" for a missing value.
      return /received undefined/.test(message)
        ? { reason: 'required' }
        : { reason: 'invalid_type' };
    case 'invalid_value':
    case 'invalid_key':
      return { reason: 'invalid_choice' };
    case 'custom': {
      const params = d.params as { reason?: unknown } | undefined;
      return { reason: (params?.reason as ValidationReason | undefined) ?? 'invalid' };
    }
    default:
      return { reason: 'invalid' };
  }
}

/** A validation error for the first issue of a schema, its path under `prefix`. */
export function invalidFromIssue(
  prefix: readonly string[],
  issue: { code: string; path: readonly PropertyKey[]; message: string },
): AppError {
  const field = [...prefix, ...issue.path.map(String)].join('.');
  return invalid(
    field,
    issue.message,
    reasonOfIssue(issue.code, issue as unknown as Record<string, unknown>, issue.message),
  );
}
