import { describe, expect, it } from 'vitest';
import { chooseNotice, renderNotice, toPlainNotice } from '../../src/domain/notices.js';

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
    expect(renderNotice('queued', 'en', { position: 1, wait: 4 })).toBe(
      'You are #1 in line. An operator will reply as soon as possible. Estimated wait: about 4 min.',
    );
  });

  it('leaves out the position sentence when the position is unknown', () => {
    expect(renderNotice('queued', 'en', {})).toBe('An operator will reply as soon as possible.');
  });

  it('still reads channel wording saved as {{position}}', () => {
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

describe('notice texts with plain placeholders', () => {
  it('fills {position} and {wait} in the channel wording', () => {
    const overrides = { queued: { en: 'You are number {position}. About {wait} min to go.' } };
    expect(renderNotice('queued', 'en', { position: 2, wait: 5 }, overrides)).toBe(
      'You are number 2. About 5 min to go.',
    );
  });

  it('leaves out a sentence whose value is not known', () => {
    const overrides = { queued: { ru: 'Вы {position}-й. Ждать около {wait} мин. Спасибо!' } };
    expect(renderNotice('queued', 'ru', { position: 4 }, overrides)).toBe('Вы 4-й. Спасибо!');
  });

  it('keeps a brace word that is no placeholder as typed', () => {
    const overrides = { outside_hours: { en: 'Closed {today}. Back soon.' } };
    expect(renderNotice('outside_hours', 'en', {}, overrides)).toBe('Closed {today}. Back soon.');
  });
});

describe('toPlainNotice', () => {
  it('rewrites a text saved with the earlier template syntax as plain placeholders', () => {
    expect(
      toPlainNotice(
        '{{#position}}You are #{{position}}. {{/position}}Wait {{estimatedWaitMin}} min.',
      ),
    ).toBe('You are #{position}. Wait {wait} min.');
  });
});
