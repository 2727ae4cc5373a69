/**
 * Time buckets for reports ("every report can be cut by … time bucket",
 * DESIGN §4). A bucket is a local calendar period of the viewer's time zone,
 * given as a fixed offset in minutes EAST of UTC (Moscow = +180, New York in
 * winter = -300) — the opposite sign of JavaScript's getTimezoneOffset().
 * A fixed offset keeps this pure; a report spanning a DST change should be
 * cut per period with the offset valid for it.
 */

export type TimeBucket = 'hour' | 'day' | 'week';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** YYYY-MM-DD of a shifted ("local as if UTC") instant. */
function isoDate(localMs: number): string {
  const d = new Date(localMs);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * Key of the bucket holding `at`:
 * - hour: `YYYY-MM-DDTHH` (local);
 * - day: `YYYY-MM-DD` (local);
 * - week: `YYYY-MM-DD` of the local Monday that starts the ISO-8601 week.
 * Keys sort chronologically as strings, which is why they are zero-padded.
 */
export function bucketKey(at: number, bucket: TimeBucket, tzOffsetMinutes: number): string {
  const local = at + tzOffsetMinutes * MINUTE_MS;
  if (bucket === 'hour') {
    return `${isoDate(local)}T${pad(new Date(local).getUTCHours())}`;
  }
  if (bucket === 'day') return isoDate(local);
  const dayIndex = Math.floor(local / DAY_MS);
  // 1970-01-01 was a Thursday, three days after a Monday; the double modulo
  // keeps instants before 1970 on the right side of the week.
  const daysSinceMonday = (((dayIndex + 3) % 7) + 7) % 7;
  return isoDate((dayIndex - daysSinceMonday) * DAY_MS);
}
