// The built-in bot's decisions (issue 17, docs/bot.md): pure, so each rule is
// one call with plain data.
import { describe, expect, it } from 'vitest';
import { classify, decide, EMPTY_STATE } from '../../../src/domain/bot/decide.js';
import { asksForPerson, yesOrNo } from '../../../src/domain/bot/phrases.js';
import type { ArticleHit, BotState, BuiltinBotSettings } from '../../../src/domain/bot/types.js';

const settings: BuiltinBotSettings = {
  mode: 'builtin',
  menu: [
    { id: 'delivery', label: { en: 'Delivery', ru: 'Доставка' }, articleIds: ['a-delivery'] },
    {
      id: 'billing',
      label: { en: 'Payment', ru: 'Оплата' },
      answer: { en: 'Our billing team will help.' },
      teamId: 'team-billing',
      categoryId: 'cat-billing',
      handOver: true,
    },
    { id: 'hours', label: { en: 'Opening hours' }, answer: { en: 'We work 9 to 18.' } },
  ],
  threshold: 0.1,
  maxTurns: 2,
};

const hit = (id: string, rank: number): ArticleHit => ({
  id,
  title: `Title ${id}`,
  text: `Text of ${id}`,
  rank,
});

function turn(
  state: BotState | null,
  text: string,
  articles: ArticleHit[] = [],
  language: 'en' | 'ru' | 'uk' = 'en',
) {
  const s = state ?? EMPTY_STATE;
  return decide({ settings, state, language, intent: classify(s, text), articles });
}

describe('the built-in bot', () => {
  it('greets in the client’s language and offers the menu', () => {
    const d = decide({
      settings,
      state: null,
      language: 'ru',
      intent: { kind: 'start' },
      articles: [],
    });
    expect(d.outcome).toBe('continue');
    expect(d.replies[0]!.text).toMatch(/^Здравствуйте/);
    expect(d.replies[0]!.buttons.map((b) => b.label)).toEqual([
      'Доставка',
      'Оплата',
      'Opening hours',
    ]);
    const uk = decide({
      settings,
      state: null,
      language: 'uk',
      intent: { kind: 'start' },
      articles: [],
    });
    expect(uk.replies[0]!.text).toMatch(/^Вітаю/);
  });

  it('uses the admin’s greeting when there is one', () => {
    const d = decide({
      settings: { ...settings, greeting: { en: 'Welcome to the shop!' } },
      state: null,
      language: 'ru',
      intent: { kind: 'start' },
      articles: [],
    });
    expect(d.replies[0]!.text).toBe('Welcome to the shop!');
  });

  it('offers at most three articles above the threshold and asks whether that answered', () => {
    const d = turn(null, 'how long is delivery', [
      hit('a', 0.5),
      hit('b', 0.4),
      hit('c', 0.3),
      hit('d', 0.2),
      hit('e', 0.05),
    ]);
    expect(d.outcome).toBe('continue');
    expect(d.shown).toEqual(['a', 'b', 'c']);
    expect(d.replies[0]!.text).toContain('Title a');
    expect(d.replies[0]!.text).not.toContain('Title d');
    expect(d.replies[1]!.text).toBe('Did that answer your question?');
    expect(d.replies[1]!.buttons.map((b) => b.id)).toEqual(['yes', 'no', 'person']);
    expect(d.state.awaiting).toEqual(['a', 'b', 'c']);
  });

  it('never offers an article below the threshold', () => {
    const d = turn(null, 'something odd', [hit('weak', 0.09)]);
    expect(d.shown).toEqual([]);
    expect(d.replies[0]!.text).toMatch(/could not find/);
    expect(d.state.turns).toBe(1);
    // The topics stay pressable after a miss, and a person is one press away.
    expect(d.replies[0]!.buttons.map((b) => b.id)).toEqual([
      'menu:delivery',
      'menu:billing',
      'menu:hours',
      'person',
    ]);
  });

  it('"Yes" closes as resolved by the bot and records that the articles helped', () => {
    const asked = turn(null, 'delivery', [hit('a', 0.5)]);
    const d = turn(asked.state, 'Yes, thanks');
    expect(d.outcome).toBe('resolved');
    expect(d.feedback).toEqual({ articleIds: ['a'], helped: true });
  });

  it('"No" hands over and records that the articles did not help', () => {
    const asked = turn(null, 'delivery', [hit('a', 0.5)]);
    const d = turn(asked.state, 'No');
    expect(d.outcome).toBe('handover');
    expect(d.reason).toBe('not_helped');
    expect(d.feedback).toEqual({ articleIds: ['a'], helped: false });
  });

  it('answers typed by hand: "да", "ні", and a number from an e-mail list', () => {
    const asked = turn(null, 'доставка', [hit('a', 0.5)], 'ru');
    expect(turn(asked.state, 'да', [], 'ru').outcome).toBe('resolved');
    expect(turn(asked.state, 'ні', [], 'uk').outcome).toBe('handover');
    expect(turn(asked.state, '1').outcome).toBe('resolved');
    expect(turn(asked.state, '3.').reason).toBe('asked');
  });

  it('hands over when the client asks for a person, in ru, uk or en', () => {
    for (const text of [
      'Talk to a person',
      'оператора позовите',
      'хочу поговорити з людиною',
      'human please',
    ]) {
      const d = turn(null, text);
      expect(d.outcome, text).toBe('handover');
      expect(d.reason, text).toBe('asked');
    }
    // A long question that mentions an operator is still a question.
    expect(
      asksForPerson('the operator at the post office lost my parcel, where can I see it'),
    ).toBe(false);
  });

  it('hands over after the configured number of turns without success', () => {
    const first = turn(null, 'qwerty');
    expect(first.outcome).toBe('continue');
    const second = turn(first.state, 'asdfgh');
    expect(second.outcome).toBe('handover');
    expect(second.reason).toBe('turns');
  });

  it('a new question while articles wait counts them as not helpful', () => {
    const asked = turn(null, 'delivery', [hit('a', 0.5)]);
    const d = turn(asked.state, 'and returns?', [hit('r', 0.4)]);
    expect(d.feedback).toEqual({ articleIds: ['a'], helped: false });
    expect(d.shown).toEqual(['r']);
  });

  it('menu buttons answer, show their articles, set team and category, or hand over', () => {
    const start = decide({
      settings,
      state: null,
      language: 'en',
      intent: { kind: 'start' },
      articles: [],
    });
    const delivery = turn(start.state, 'Delivery', [hit('a-delivery', 1)]);
    expect(delivery.shown).toEqual(['a-delivery']);
    expect(delivery.outcome).toBe('continue');

    const billing = turn(start.state, 'payment');
    expect(billing.outcome).toBe('handover');
    expect(billing.reason).toBe('menu');
    expect(billing.teamId).toBe('team-billing');
    expect(billing.categoryId).toBe('cat-billing');
    expect(billing.replies[0]!.text).toBe('Our billing team will help.');

    const hours = turn(start.state, '3');
    expect(hours.outcome).toBe('continue');
    expect(hours.replies[0]!.text).toBe('We work 9 to 18.');
  });

  it('is deterministic: the same input gives the same decision', () => {
    const a = turn(null, 'delivery', [hit('a', 0.5)]);
    const b = turn(null, 'delivery', [hit('a', 0.5)]);
    expect(a).toEqual(b);
  });

  it('reads yes and no only from short replies', () => {
    expect(yesOrNo('Да')).toBe(true);
    expect(yesOrNo('так')).toBe(true);
    expect(yesOrNo('нет')).toBe(false);
    expect(yesOrNo('no, I wanted to know about something else entirely')).toBe(null);
  });
});
