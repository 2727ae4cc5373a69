import { describe, expect, it } from 'vitest';
import { check, dialog } from './fixtures/build-dialog.js';

describe('no_brush_off', () => {
  it('fails when the operator sends the client to the site or FAQ instead of helping', () => {
    for (const brush of [
      'Посмотрите на нашем сайте, там всё написано.',
      'Вся інформація є на сайті в розділі FAQ.',
      'Please read the FAQ on our website.',
    ]) {
      const input = dialog([
        ['contact', 0, 'Как вернуть товар?'],
        ['operator', 10, `Здравствуйте! ${brush}`],
      ]);
      expect(check(input, 'no_brush_off'), brush).toMatchObject({ outcome: 'fail', messageSeq: 2 });
    }
  });

  it('passes an answer that adds a link for details', () => {
    const input = dialog([
      ['contact', 0, 'How do I return an item?'],
      ['operator', 10, 'You can return it within 30 days at any pickup point with the receipt.'],
      ['operator', 15, 'All the details are on our website, see the Returns page.'],
    ]);
    expect(check(input, 'no_brush_off').outcome).toBe('pass');
  });

  it('is na only when nobody took the dialog', () => {
    expect(check(dialog([['contact', 0, 'Как вернуть товар?']]), 'no_brush_off').outcome).toBe(
      'na',
    );
    const taken = dialog([['contact', 0, 'Как вернуть товар?']]);
    expect(check({ ...taken, taken: true }, 'no_brush_off').outcome).toBe('pass');
  });
});
