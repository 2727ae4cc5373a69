import { describe, expect, it } from 'vitest';
import { isEligible } from '../../../src/domain/routing/index.js';
import { conversation, operator, policy } from './builders.js';

describe('eligibility', () => {
  const plain = policy();

  it('accepts an online operator with room and no other constraint', () => {
    expect(isEligible(operator('a'), conversation('c'), plain, 0)).toBe(true);
  });

  it.each(['away', 'offline'] as const)('refuses an operator who is %s', (status) => {
    expect(isEligible(operator('a', { status }), conversation('c'), plain, 0)).toBe(false);
  });

  it('refuses an operator at the limit, or over it after the limit was lowered', () => {
    expect(isEligible(operator('a', { limit: 2, open: 2 }), conversation('c'), plain, 0)).toBe(
      false,
    );
    expect(isEligible(operator('a', { limit: 1, open: 3 }), conversation('c'), plain, 0)).toBe(
      false,
    );
  });

  it('refuses an operator with limit 0', () => {
    expect(isEligible(operator('a', { limit: 0 }), conversation('c'), plain, 0)).toBe(false);
  });

  it('requires membership of the conversation team', () => {
    const billing = conversation('c', { teamId: 'billing' });
    expect(isEligible(operator('a', { teamIds: ['billing'] }), billing, plain, 0)).toBe(true);
    expect(isEligible(operator('a', { teamIds: ['sales'] }), billing, plain, 0)).toBe(false);
  });

  it('lets any operator take a conversation without a team', () => {
    expect(isEligible(operator('a', { teamIds: ['sales'] }), conversation('c'), plain, 0)).toBe(
      true,
    );
  });

  it('does not offer a conversation back to the operator who transferred it away', () => {
    const transferred = conversation('c', { excludedOperatorId: 'a' });
    expect(isEligible(operator('a'), transferred, plain, 0)).toBe(false);
    expect(isEligible(operator('b'), transferred, plain, 0)).toBe(true);
  });
});

describe('language routing', () => {
  const byLanguage = policy({ languageRouting: true, languageTimeoutMs: 30_000 });
  const ukrainian = conversation('c', { language: 'uk', queuedAt: 1_000 });
  const speaksRu = operator('ru', { languages: ['ru', 'en'] });
  const speaksUk = operator('uk', { languages: ['UK'] });

  it('offers the conversation only to operators who speak its language', () => {
    expect(isEligible(speaksUk, ukrainian, byLanguage, 2_000)).toBe(true);
    expect(isEligible(speaksRu, ukrainian, byLanguage, 2_000)).toBe(false);
  });

  it('accepts any language once the conversation has waited the timeout', () => {
    expect(isEligible(speaksRu, ukrainian, byLanguage, 1_000 + 29_999)).toBe(false);
    expect(isEligible(speaksRu, ukrainian, byLanguage, 1_000 + 30_000)).toBe(true);
  });

  it('ignores the language when the team does not route by language', () => {
    expect(isEligible(speaksRu, ukrainian, policy(), 2_000)).toBe(true);
  });

  it('ignores language routing for a conversation whose language is unknown', () => {
    expect(isEligible(speaksRu, conversation('c'), byLanguage, 0)).toBe(true);
  });
});
