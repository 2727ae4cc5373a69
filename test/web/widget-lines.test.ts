// @vitest-environment happy-dom
// The widget's own lines (widget/src/view.ts): "Tatiana joined the chat" in its
// place in the conversation, replacing the stale "all operators are offline"
// notice, and the line after a "Go to URL". Here for the DOM's types (see
// widget-files.test.ts).
import { describe, expect, it } from 'vitest';
import { STRINGS } from '../../widget/src/i18n';
import type { ChatMessage } from '../../widget/src/messages';
import type { Chat, ChatState, WidgetConfig } from '../../widget/src/types';
import { mountView } from '../../widget/src/view';

const CONFIG: WidgetConfig = {
  channelId: 'ch',
  title: 'Shop',
  displayShare: 100,
  preChatForm: { name: false, email: false },
  typingPreview: true,
  color: '#2563eb',
  allowedOrigins: [],
  uploads: { maxBytes: 10 * 1048576, types: ['image/png'] },
  articleSearch: false,
};

const msg = (seq: number, author: ChatMessage['author'], text: string): ChatMessage => ({
  id: `m${seq}`,
  clientKey: null,
  conversationId: 'c1',
  seq,
  author,
  authorName: author === 'operator' ? 'Tatiana' : null,
  text,
  attachments: [],
  createdAt: new Date(0).toISOString(),
  state: 'sent',
});

function mount(state: Partial<ChatState>) {
  const full: ChatState = {
    open: true,
    conversation: { id: 'c1', state: 'assigned', rating: null },
    messages: [],
    unread: 0,
    operatorTyping: false,
    notice: null,
    needIntro: false,
    feedback: null,
    uploads: [],
    fileNotice: null,
    lines: [],
    ...state,
  };
  const chat: Chat = {
    state: full,
    subscribe: () => {},
    setOpen: () => {},
    send: () => {},
    attach: () => {},
    draft: () => {},
    introduce: async () => {},
    rate: async () => {},
    end: async () => {},
    attachmentUrl: () => null,
    articles: async () => [],
  };
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  mountView(root, chat, CONFIG, STRINGS.en, 'en', '');
  const lines = () =>
    Array.from(root.querySelectorAll('.log > .msg')).map((el) =>
      (el.querySelector('.bubble') ?? el).textContent?.trim(),
    );
  return { root, lines };
}

describe('lines the widget adds to the conversation', () => {
  const OFFLINE = 'All operators are offline right now.';

  it('shows who joined after the messages written before, and hides the stale offline notice', () => {
    const { lines } = mount({
      messages: [
        msg(1, 'contact', 'Anyone there?'),
        msg(2, 'system', OFFLINE),
        msg(3, 'operator', 'Hello!'),
      ],
      lines: [{ c: 'c1', kind: 'joined', arg: 'Tatiana', seq: 2 }],
    });
    expect(lines()).toEqual(['Anyone there?', 'Tatiana joined the chat', 'Hello!']);
  });

  it('keeps the notice while nobody has joined', () => {
    const { lines } = mount({
      conversation: { id: 'c1', state: 'queued', rating: null },
      messages: [msg(1, 'contact', 'Anyone there?'), msg(2, 'system', OFFLINE)],
    });
    expect(lines()).toEqual(['Anyone there?', OFFLINE]);
  });

  it("says in one line that the operator opened this page, and ignores other conversations' lines", () => {
    const { lines } = mount({
      messages: [msg(1, 'contact', 'Where is delivery?'), msg(2, 'operator', 'Here')],
      lines: [
        { c: 'c1', kind: 'moved', arg: 'https://shop.example/delivery', seq: 2 },
        { c: 'old', kind: 'joined', arg: 'Maxim', seq: 1 },
      ],
    });
    expect(lines()).toEqual([
      'Where is delivery?',
      'Here',
      'The operator opened this page for you: https://shop.example/delivery',
    ]);
  });

  it('shows an upload in progress with its name and a progress bar, and a refused file with the reason', () => {
    const { root } = mount({
      uploads: [{ key: 'k', name: 'screenshot.png', progress: 0.4, preview: null }],
      fileNotice: { kind: 'size', name: 'big.pdf' },
    });
    const bar = root.querySelector('.uploads progress') as HTMLProgressElement;
    expect(bar.value).toBe(40);
    expect(bar.getAttribute('aria-label')).toBe('Uploading: screenshot.png');
    expect(root.querySelector('.file-note')?.textContent).toBe(
      'big.pdf is too large: files up to 10 MB can be sent.',
    );
  });
});
