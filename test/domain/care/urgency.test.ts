import { describe, expect, it } from 'vitest';
import {
  classifyUrgency,
  isShouting,
  measureUrgency,
  ownText,
} from '../../../src/domain/care/urgency.js';
import { loadUrgencySet } from './fixtures/load-urgency.js';

describe('classifyUrgency', () => {
  it('flags repeated contact, refund demands and threats in each language', () => {
    expect(classifyUrgency('Третий раз пишу, никто не отвечает!').reasons).toContain(
      'repeat_contact',
    );
    expect(classifyUrgency('Верніть гроші, товар так і не прийшов').reasons).toEqual([
      'refund_demand',
    ]);
    expect(classifyUrgency("I'm going to cancel my subscription if this isn't fixed").urgent).toBe(
      true,
    );
  });

  it('flags shouting in capitals and impatient punctuation', () => {
    expect(classifyUrgency('ВЫ ВООБЩЕ РАБОТАЕТЕ').reasons).toEqual(['shouting']);
    expect(classifyUrgency('Hello??? Is anyone there').reasons).toEqual(['punctuation']);
  });

  it('leaves polite complaints and calm refund questions alone', () => {
    expect(
      classifyUrgency('К сожалению, посылка задерживается. Не могли бы вы уточнить сроки?').urgent,
    ).toBe(false);
    expect(classifyUrgency('How long does a refund usually take?').urgent).toBe(false);
    expect(classifyUrgency('Спасибо большое!!! Всё получилось').urgent).toBe(false);
  });

  it('reads only the client’s own words, not the quoted e-mail', () => {
    const reply =
      'Thanks for the reply.\n\nOn Monday you wrote:\n> WHY IS THIS BROKEN???\n> REFUND ME';
    expect(ownText(reply).trim()).toBe('Thanks for the reply.');
    expect(classifyUrgency(reply).urgent).toBe(false);
  });

  it('does not take acronyms, names or product codes for shouting', () => {
    expect(isShouting('Does it work with USB-C and HDMI?')).toBe(false);
    expect(isShouting('Меня зовут ИВАН ПЕТРОВ, телефон +7 900 123-45-67')).toBe(false);
    expect(isShouting('Model KX-TG1611 SN88812 XJ-900')).toBe(false);
    expect(isShouting('STOP CHARGING MY CARD')).toBe(true);
  });

  it('is deterministic', () => {
    const text = 'Сколько можно!!! Уже неделю не могу получить посылку';
    expect(classifyUrgency(text)).toEqual(classifyUrgency(text));
  });
});

describe('the labeled set (docs/care.md)', () => {
  it('has at least 200 messages in three languages, with both labels', () => {
    const all = [...loadUrgencySet('tuning'), ...loadUrgencySet('holdout')];
    expect(all.length).toBeGreaterThanOrEqual(200);
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
    for (const lang of ['ru', 'uk', 'en'])
      expect(all.filter((m) => m.lang === lang && m.urgent).length).toBeGreaterThan(10);
  });

  // Floors under the figures reported in docs/care.md, so a lexicon change
  // that makes them worse fails here rather than silently.
  it('keeps its precision and recall on both halves', () => {
    const tuning = measureUrgency(loadUrgencySet('tuning'));
    const holdout = measureUrgency(loadUrgencySet('holdout'));
    expect(tuning.precision).toBeGreaterThanOrEqual(0.95);
    expect(tuning.recall).toBeGreaterThanOrEqual(0.95);
    expect(holdout.precision).toBeGreaterThanOrEqual(0.95);
    expect(holdout.recall).toBeGreaterThanOrEqual(0.6);
  });
});
