// Query filters of the reports, audit and staffing endpoints — one set of rules
// (issue 6 contract): optional ISO instants `from` / `to` (default the
// last 7 days, `to` exclusive, by conversation creation), ids of the caller's
// account, an IANA `tz`, `format=csv`. Bad values answer 400 naming the field.
import { z } from 'zod';
import type { Services } from '../../actions/context.js';
import { invalid } from '../../errors.js';
import { reportDefaults, unknownDimension } from '../../store/queries/reports.js';

export const DEFAULT_PERIOD_MS = 7 * 86_400_000;

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const instant = z.iso.datetime({ offset: true });
export const timeZone = z.string().refine(isTimeZone, 'Not an IANA time zone, e.g. Europe/Moscow.');

export const qualityFilters = z.object({
  from: instant.optional(),
  to: instant.optional(),
  channelId: z.string().uuid().optional(),
  teamId: z.string().uuid().optional(),
  operatorId: z.string().uuid().optional(),
  format: z.enum(['json', 'csv']).default('json'),
});

export interface ResolvedFilters {
  from: Date;
  to: Date;
  channelId?: string | undefined;
  teamId?: string | undefined;
  operatorId?: string | undefined;
}

/** The period with its defaults, and every id checked against the account. */
export async function resolveFilters(
  services: Services,
  accountId: string,
  q: { from?: string | undefined; to?: string | undefined } & Omit<ResolvedFilters, 'from' | 'to'>,
): Promise<ResolvedFilters> {
  const to = q.to ? new Date(q.to) : services.now();
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - DEFAULT_PERIOD_MS);
  if (from >= to) throw invalid('from', '"from" must be before "to".');
  const unknown = await unknownDimension(services.db, accountId, q);
  if (unknown) throw invalid(unknown, 'Not found in your account.');
  return { from, to, channelId: q.channelId, teamId: q.teamId, operatorId: q.operatorId };
}

/** The account's time zone for hour buckets: its working hours' zone, else UTC. */
export async function accountTimeZone(services: Services, accountId: string): Promise<string> {
  const defaults = await reportDefaults(services.db, accountId, undefined);
  return defaults.timezone && isTimeZone(defaults.timezone) ? defaults.timezone : 'UTC';
}
