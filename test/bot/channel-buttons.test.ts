// How a bot's buttons look on channels without a widget (docs/bot.md): an
// e-mail gets a numbered list the client answers with a number; Telegram an
// inline keyboard, one button a row.
import { describe, expect, it } from 'vitest';
import { withNumberedChoices } from '../../src/channels/email/deliver.js';
import { inlineKeyboard } from '../../src/channels/telegram/deliver.js';
import { classify, EMPTY_STATE } from '../../src/domain/bot/decide.js';

const buttons = [
  { id: 'yes', label: 'Yes, thanks' },
  { id: 'no', label: 'No' },
  { id: 'person', label: 'Talk to a person' },
];

describe('bot buttons on channels', () => {
  it('lists them by number in an e-mail, and the number picks the button', () => {
    expect(withNumberedChoices('Did that answer your question?', buttons)).toBe(
      'Did that answer your question?\n\n1. Yes, thanks\n2. No\n3. Talk to a person',
    );
    expect(withNumberedChoices('Plain text', undefined)).toBe('Plain text');
    const state = {
      ...EMPTY_STATE,
      awaiting: ['a'],
      offered: [
        { ...buttons[0]!, action: { kind: 'yes' as const } },
        { ...buttons[1]!, action: { kind: 'no' as const } },
        { ...buttons[2]!, action: { kind: 'person' as const } },
      ],
    };
    expect(classify(state, '2')).toEqual({ kind: 'button', action: { kind: 'no' } });
    expect(classify(state, '3)')).toEqual({ kind: 'button', action: { kind: 'person' } });
  });

  it('makes an inline keyboard with the ids as callback data', () => {
    expect(inlineKeyboard(buttons.slice(0, 2))).toEqual({
      inline_keyboard: [
        [{ text: 'Yes, thanks', callback_data: 'yes' }],
        [{ text: 'No', callback_data: 'no' }],
      ],
    });
    expect(inlineKeyboard([])).toBeUndefined();
  });
});
