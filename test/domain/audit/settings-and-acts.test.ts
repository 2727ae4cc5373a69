import { describe, expect, it } from 'vitest';
import { operatorActs } from '../../../src/domain/audit/acts.js';
import { analyzeMessages } from '../../../src/domain/audit/analyze.js';
import {
  type AuditSettings,
  auditDialog,
  buildAuditPhrases,
  DEFAULT_AUDIT_SETTINGS,
} from '../../../src/domain/audit/index.js';
import { dialog } from './fixtures/build-dialog.js';

const settings = (over: Partial<AuditSettings>): AuditSettings => ({
  ...DEFAULT_AUDIT_SETTINGS,
  ...over,
});

const shop = dialog(
  [
    ['contact', 0, 'Где мой заказ 5512?'],
    ['operator', 10, 'Салам, Ольга! Какой город доставки?'],
    ['contact', 30, 'Казань'],
    ['operator', 40, 'Заказ уже в пункте выдачи на Баумана, 12. Не нервничайте.'],
  ],
  'Ольга',
);

describe('account settings in the pure audit', () => {
  it('counts a switched-off check as na, out of the score', () => {
    const all = auditDialog(shop);
    const off = auditDialog(shop, settings({ disabled: ['anything_else', 'farewell'] }));
    for (const id of ['anything_else', 'farewell'] as const)
      expect(off.checks.find((c) => c.check === id)?.outcome).toBe('na');
    expect(off.score).toBeGreaterThan(all.score);
  });

  it("passes the greeting with the account's own phrase and points at it", () => {
    expect(auditDialog(shop).checks[0]?.outcome).toBe('fail');
    const own = auditDialog(
      shop,
      settings({
        phrases: buildAuditPhrases((l, k) => (l === 'ru' && k === 'greeting' ? ['салам'] : [])),
      }),
    );
    expect(own.checks[0]).toMatchObject({ outcome: 'pass', messageSeq: 2, span: [0, 5] });
  });

  it('fails no_brush_off on a banned phrase in any inflection', () => {
    const banned = auditDialog(
      shop,
      settings({
        phrases: buildAuditPhrases((l, k) =>
          l === 'ru' && k === 'banned' ? ['не нервничать'] : [],
        ),
      }),
    );
    const text = shop.messages[3]!.text;
    const check = banned.checks.find((c) => c.check === 'no_brush_off')!;
    expect(check.outcome).toBe('fail');
    expect(text.slice(...(check.span as [number, number]))).toBe('Не нервничайте');
  });
});

describe('dialogue acts', () => {
  const acts = (text: string) => {
    const [m] = analyzeMessages([{ seq: 1, author: 'operator', text, at: 0 }]);
    return [...operatorActs([m!], []).values()];
  };

  it('sorts operator sentences into question, answer, warning and courtesy', () => {
    expect(acts('Здравствуйте! Уточните номер заказа. Проверю, это займёт пару минут.')).toEqual([
      'courtesy',
      'question',
      'warning',
    ]);
    expect(acts('Thanks, one moment. Your parcel left the warehouse yesterday')).toEqual([
      'courtesy',
      'answer',
    ]);
  });

  it('recognises questions by form without a question mark', () => {
    expect(acts('Did that fix it')).toEqual(['question']);
    expect(acts('Марина, какой у вас номер заказа')).toEqual(['question']);
    expect(acts('Скажіть, чи працює застосунок')).toEqual(['question']);
    expect(acts('So the card is blocked, right')).toEqual(['question']);
  });
});
