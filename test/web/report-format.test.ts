import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDay,
  formatDayTime,
  formatPeriod,
  formatSeconds,
  formatShare,
  localDayStart,
} from '../../web/src/lib/report-format';

const NB = '\u00a0';
const MSK = 'Europe/Moscow';

describe('report formats', () => {
  it('writes durations with translated units, never breaking the number from its unit', () => {
    expect(formatSeconds(29.24, 'ru')).toBe(`29,2${NB}с`);
    expect(formatSeconds(29.24, 'en')).toBe(`29.2${NB}s`);
    expect(formatSeconds(0, 'en')).toBe(`0${NB}s`);
    expect(formatSeconds(65, 'ru')).toBe(`1${NB}мин 05${NB}с`);
    expect(formatSeconds(65, 'en')).toBe(`1${NB}min 05${NB}s`);
    // 59.96 s rounds to a minute, not to "60 s".
    expect(formatSeconds(59.96, 'en')).toBe(`1${NB}min 00${NB}s`);
    expect(formatSeconds(3725, 'ru')).toBe(`1${NB}ч 02${NB}мин`);
    expect(formatSeconds(null, 'ru')).toBe('—');
    expect(formatSeconds(Number.NaN, 'en')).toBe('—');
  });

  it('writes shares and counts the way each language does', () => {
    expect(formatShare(0.753, 'en')).toBe('75%');
    expect(formatShare(0.753, 'ru')).toBe(`75${NB}%`);
    expect(formatShare(null, 'en')).toBe('—');
    expect(formatCount(1234.56, 'en')).toBe('1,234.6');
    expect(formatCount(1234, 'ru')).toBe(`1${NB}234`);
  });

  it('writes days and periods in the given zone and language', () => {
    const noonMsk = Date.parse('2026-12-12T09:00:00Z');
    expect(formatDay(noonMsk, 'ru', MSK)).toBe('12 дек.');
    expect(formatDay(noonMsk, 'en', MSK)).toBe('Dec 12');
    // 22:30 UTC on the 11th is already the 12th in Moscow.
    expect(formatDay(Date.parse('2026-12-11T22:30:00Z'), 'ru', MSK)).toBe('12 дек.');
    expect(formatDayTime(noonMsk, 'ru', MSK)).toBe('12 дек., 12:00');
    expect(formatPeriod(noonMsk, 'hour', 'ru', MSK)).toBe('12 дек., 12:00–13:00');
    // ICU versions differ on the space before PM (no-break or narrow no-break).
    expect(formatPeriod(noonMsk, 'hour', 'en', MSK).replace(/\s/g, ' ')).toBe(
      'Dec 12, 12:00 PM–1:00 PM',
    );
    const mondayMsk = Date.parse('2026-12-06T21:00:00Z');
    expect(formatPeriod(mondayMsk, 'day', 'ru', MSK)).toBe('пн, 7 дек.');
    expect(formatPeriod(mondayMsk, 'week', 'ru', MSK)).toBe('7–13 дек.');
    expect(formatPeriod(mondayMsk, 'week', 'en', MSK).replace(/\s/g, ' ')).toBe('Dec 7 – 13');
    // An unknown zone falls back to UTC rather than throwing.
    expect(formatDay(noonMsk, 'en', 'Mars/Olympus')).toBe('Dec 12');
  });
});

describe('localDayStart', () => {
  it('finds the instant a local date begins in the zone, across DST changes', () => {
    expect(localDayStart('2026-03-10', MSK)).toBe(Date.parse('2026-03-09T21:00:00Z'));
    // New York moves its clocks on 2026-03-08 at 02:00: that midnight is still EST.
    expect(localDayStart('2026-03-08', 'America/New_York')).toBe(
      Date.parse('2026-03-08T05:00:00Z'),
    );
    expect(localDayStart('2026-03-09', 'America/New_York')).toBe(
      Date.parse('2026-03-09T04:00:00Z'),
    );
    expect(localDayStart('2026-03-10', 'UTC')).toBe(Date.parse('2026-03-10T00:00:00Z'));
    expect(localDayStart('2026-03-10', 'Mars/Olympus')).toBe(Date.parse('2026-03-10T00:00:00Z'));
    expect(localDayStart('web', MSK)).toBeNaN();
  });
});
