// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fillCanned, matchCanned, shortcutAt } from '../../web/src/lib/canned';
import { outbox } from '../../web/src/state/outbox';
import { Composer } from '../../web/src/views/conversation/composer';
import { channel, Providers, queued, resetStores, setReference, signIn } from './setup';

const CANNED = [
  { id: 'c1', shortcut: 'hello', text: 'Hello, {{contact.name}}! My name is {{operator.name}}.' },
  { id: 'c2', shortcut: 'help', text: 'How can I help?' },
  { id: 'c3', shortcut: 'bye', text: 'Goodbye!' },
];

function type(box: HTMLTextAreaElement, text: string) {
  fireEvent.change(box, { target: { value: text, selectionStart: text.length } });
}

describe('canned responses in the composer', () => {
  beforeEach(() => {
    resetStores();
    signIn();
    setReference([channel('web', 1)], CANNED);
    outbox.set(new Map());
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  function renderComposer(contactName: string | null = 'Anna') {
    const conversation = queued('web', 1, Date.now(), { state: 'assigned', operatorId: 'op-olga' });
    render(
      <Composer
        conversation={conversation}
        contact={{ id: conversation.contactId, name: contactName, email: null, blocked: false }}
      />,
      { wrapper: Providers },
    );
    return screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
  }

  it('offers responses matching the /shortcut and inserts one with variables filled', () => {
    const box = renderComposer();
    type(box, '/hel');
    const options = screen.getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      '/helloHello, {{contact.name}}! My name is {{operator.name}}.',
      '/helpHow can I help?',
    ]);
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(box.value).toBe('Hello, Anna! My name is Olga.');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('moves through suggestions with the arrow keys', () => {
    const box = renderComposer();
    type(box, 'Sure. /he');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'Tab' });
    expect(box.value).toBe('Sure. How can I help?');
  });

  it('closes the suggestions with Escape and keeps them closed until the draft changes', () => {
    const box = renderComposer();
    type(box, '/he');
    fireEvent.keyDown(box, { key: 'Escape' });
    fireEvent.keyUp(box, { key: 'Escape' });
    fireEvent.select(box);
    expect(screen.queryByRole('listbox')).toBeNull();
    type(box, '/hel');
    expect(screen.getByRole('listbox')).toBeTruthy();
  });

  it('inserts by mouse too', () => {
    const box = renderComposer('Boris');
    type(box, '/bye');
    fireEvent.mouseDown(screen.getByRole('option', { name: /bye/ }));
    expect(box.value).toBe('Goodbye!');
  });

  it('sends with Enter and keeps the line break of Shift+Enter', () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => new Promise(() => {})),
    );
    const box = renderComposer();
    type(box, 'first line');
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(box.value).toBe('first line');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(box.value).toBe('');
    expect([...outbox.get().values()].map((o) => o.text)).toEqual(['first line']);
  });
});

describe('canned response helpers', () => {
  it('drops an unknown contact name with its comma instead of leaving "Hello, !"', () => {
    expect(
      fillCanned('Hello, {{contact.name}}! I am {{ operator.name }}.', {
        contactName: null,
        contactEmail: null,
        operatorName: 'Olga',
      }),
    ).toBe('Hello! I am Olga.');
  });

  it('leaves unknown variables as typed', () => {
    expect(
      fillCanned('Order {{order.id}}', { contactName: 'A', contactEmail: null, operatorName: 'O' }),
    ).toBe('Order {{order.id}}');
  });

  it('finds a /shortcut only at the start of a word, at the caret', () => {
    expect(shortcutAt('/hel', 4)).toEqual({ start: 0, end: 4, query: 'hel' });
    expect(shortcutAt('see /he there', 7)).toEqual({ start: 4, end: 7, query: 'he' });
    expect(shortcutAt('http://x', 8)).toBeNull();
    expect(shortcutAt('a/b', 3)).toBeNull();
  });

  it('ranks the exact shortcut first', () => {
    expect(matchCanned(CANNED, 'help').map((c) => c.shortcut)).toEqual(['help']);
    expect(matchCanned(CANNED, '').map((c) => c.shortcut)).toEqual(['bye', 'hello', 'help']);
  });
});
