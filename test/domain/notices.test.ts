import { describe, expect, it } from 'vitest';
import {
  chooseNotice,
  isWithinWorkingHours,
  renderNotice,
  type WorkingHours,
} from '../../src/domain/notices.js';

describe('chooseNotice', () => {
  it('tells a queued client their place when operators are online', () => {
    expect(chooseNotice({ onlineOperators: 3, withinHours: true, position: 2 })).toBe('queued');
  });

  it('says no one is online when nobody is', () => {
    expect(chooseNotice({ onlineOperators: 0, withinHours: true, position: 1 })).toBe(
      'no_one_online',
    );
  });

  it('prefers the outside-hours notice outside working hours', () => {
    expect(chooseNotice({ onlineOperators: 0, withinHours: false, position: 1 })).toBe(
      'outside_hours',
    );
    expect(chooseNotice({ onlineOperators: 2, withinHours: false, position: 4 })).toBe(
      'outside_hours',
    );
  });

  it('sends nothing to a client who was assigned at once', () => {
    expect(chooseNotice({ onlineOperators: 2, withinHours: true, position: null })).toBeNull();
    expect(chooseNotice({ onlineOperators: 1, withinHours: false, position: null })).toBeNull();
  });
});

describe('renderNotice', () => {
  it('tells the queue position in English, Russian and Ukrainian', () => {
    expect(renderNotice('queued', 'en', { position: 3 })).toBe(
      'You are #3 in line. An operator will reply as soon as possible.',
    );
    expect(renderNotice('queued', 'ru', { position: 3 })).toMatch(/^Вы 3-й в очереди\./);
    expect(renderNotice('queued', 'uk', { position: 3 })).toMatch(/^Ви 3-й у черзі\./);
  });

  it('adds the estimated wait only when it is known', () => {
    expect(renderNotice('queued', 'en', { position: 1, estimatedWaitMin: 4 })).toBe(
      'You are #1 in line. An operator will reply as soon as possible. Estimated wait: about 4 min.',
    );
  });

  it('leaves out the position sentence when the position is unknown', () => {
    expect(renderNotice('queued', 'en', {})).toBe('An operator will reply as soon as possible.');
  });

  it('uses the channel wording with {{position}} substituted', () => {
    const overrides = { queued: { ru: 'Ваш номер в очереди: {{position}}. Ждите!' } };
    expect(renderNotice('queued', 'ru', { position: 7 }, overrides)).toBe(
      'Ваш номер в очереди: 7. Ждите!',
    );
  });

  it('keeps the default in the client language when the channel only customised another', () => {
    const overrides = { no_one_online: { en: 'Nobody home, sorry.' } };
    expect(renderNotice('no_one_online', 'uk', {}, overrides)).toMatch(/^Зараз усі оператори/);
    expect(renderNotice('no_one_online', 'de', {}, overrides)).toBe('Nobody home, sorry.');
  });

  it('falls back to English for a language without texts and reads regional tags', () => {
    expect(renderNotice('outside_hours', 'de', {})).toMatch(/^We are outside working hours/);
    expect(renderNotice('outside_hours', 'uk-UA', {})).toMatch(/^Зараз неробочий час/);
  });

  it('treats a blank channel text as not customised', () => {
    expect(renderNotice('outside_hours', 'en', {}, { outside_hours: { en: '  ' } })).toMatch(
      /^We are outside/,
    );
  });
});

describe('isWithinWorkingHours', () => {
  const kyivWeekdays: WorkingHours = {
    timezone: 'Europe/Kyiv',
    days: {
      mon: { from: '09:00', to: '18:00' },
      tue: { from: '09:00', to: '18:00' },
      fri: { from: '09:00', to: '18:00' },
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
