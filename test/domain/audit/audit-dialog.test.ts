import { describe, expect, it } from 'vitest';
import {
  AUDIT_CHECKS,
  type AuditCheckResult,
  auditDialog,
  auditScore,
} from '../../../src/domain/audit/index.js';
import { dialog } from './fixtures/build-dialog.js';

const good = dialog(
  [
    ['contact', 0, 'Здравствуйте, не приходит код из SMS'],
    ['operator', 15, 'Добрый день, Ольга! Как давно вы запрашивали код?'],
    ['contact', 40, 'Минут десять назад'],
    ['operator', 50, 'Минуту, проверю журнал отправки.'],
    ['operator', 200, 'Ольга, код ушёл на почту — проверьте, пожалуйста, входящие.'],
    ['operator', 205, 'Удалось войти?'],
    ['contact', 240, 'Да!'],
    ['operator', 250, 'Есть ещё вопросы?'],
    ['contact', 260, 'Нет'],
    ['operator', 270, 'Всего доброго, Ольга!'],
  ],
  'Ольга',
);

describe('auditDialog', () => {
  it('returns all nine checks in the documented order', () => {
    expect(auditDialog(good).checks.map((c) => c.check)).toEqual([...AUDIT_CHECKS]);
  });

  it('gives a textbook dialog a full score', () => {
    const result = auditDialog(good);
    expect(result.checks.filter((c) => c.outcome === 'fail')).toEqual([]);
    expect(result.score).toBe(1);
  });

  it('points every outcome at a message of the dialog or at none', () => {
    const seqs = new Set(good.messages.map((m) => m.seq));
    for (const c of auditDialog(good).checks) {
      expect(c.messageSeq === null || seqs.has(c.messageSeq)).toBe(true);
      expect(c.reason.length).toBeGreaterThan(0);
    }
  });

  it('scores a dialog without operator messages 1 with every check not applicable', () => {
    const result = auditDialog(
      dialog([
        ['bot', 0, 'Все операторы заняты'],
        ['contact', 5, 'Жду'],
      ]),
    );
    expect(result.checks.every((c) => c.outcome === 'na')).toBe(true);
    expect(result.score).toBe(1);
  });

  it('is a plain function: same input, same output, input untouched', () => {
    const copy = structuredClone(good);
    expect(auditDialog(good)).toEqual(auditDialog(good));
    expect(good).toEqual(copy);
  });

  it('orders messages by seq whatever order they arrive in', () => {
    const shuffled = { ...good, messages: [...good.messages].reverse() };
    expect(auditDialog(shuffled)).toEqual(auditDialog(good));
  });
});

describe('auditScore', () => {
  const result = (outcome: AuditCheckResult['outcome']): AuditCheckResult => ({
    check: 'greeting',
    outcome,
    messageSeq: null,
    reason: 'test',
    span: null,
  });

  it('divides passed by applicable checks, ignoring not-applicable ones', () => {
    expect(auditScore([result('pass'), result('fail'), result('na'), result('pass')])).toBeCloseTo(
      2 / 3,
    );
  });
});
