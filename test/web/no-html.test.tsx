// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageView } from '../../web/src/api/types';
import { MessageText } from '../../web/src/components/message-text';
import { linkify, safeHref } from '../../web/src/lib/linkify';
import { MessageList } from '../../web/src/views/conversation/message-list';
import { channel, Providers, queued, resetStores, setReference, signIn } from './setup';

const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '<b>bold</b> <a href="javascript:alert(1)">click</a>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '<iframe src="https://evil.example"></iframe>',
];

function message(text: string, seq: number): MessageView {
  return {
    id: `m${seq}`,
    conversationId: 'conv',
    seq,
    author: 'contact',
    authorId: 'c',
    authorName: '<i>Mallory</i>',
    text,
    attachments: [],
    clientKey: null,
    createdAt: new Date(0).toISOString(),
  };
}

describe('user text is never HTML', () => {
  afterEach(cleanup);

  it.each(PAYLOADS)('renders %s as inert text', (payload) => {
    const { container } = render(<MessageText text={payload} />);
    expect(container.textContent).toBe(payload);
    expect(container.querySelector('img, script, b, svg, iframe')).toBeNull();
    for (const a of container.querySelectorAll('a'))
      expect(a.getAttribute('href')).toMatch(/^https?:\/\//);
  });

  it('makes http(s) links clickable and leaves the sentence punctuation outside', () => {
    const { container } = render(
      <MessageText text="See https://shop.example/cart?x=1&y=2. Or http://a.example/b)" />,
    );
    const links = [...container.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://shop.example/cart?x=1&y=2',
      'http://a.example/b',
    ]);
    expect(links.every((a) => a.rel.includes('noopener'))).toBe(true);
    expect(container.textContent).toBe(
      'See https://shop.example/cart?x=1&y=2. Or http://a.example/b)',
    );
  });

  it('accepts only http and https as link targets', () => {
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<b>x</b>')).toBeNull();
    expect(safeHref('https://ok.example/')).toBe('https://ok.example/');
    expect(linkify('no links here')).toEqual([{ kind: 'text', text: 'no links here' }]);
  });

  it('shows hostile messages and author names as text in the conversation', () => {
    resetStores();
    signIn();
    setReference([channel('web', 1)]);
    const conversation = queued('web', 1, Date.now(), { id: 'conv' });
    const { container } = render(
      <MessageList
        conversation={conversation}
        messages={PAYLOADS.map((p, i) => message(p, i + 1))}
      />,
      { wrapper: Providers },
    );
    expect(
      container.querySelector(
        '.messages img, .messages script, .messages svg, .messages iframe, .messages b, .messages i',
      ),
    ).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror="window.__xss=1">');
    expect(container.textContent).toContain('<i>Mallory</i>');
    expect((window as { __xss?: number }).__xss).toBeUndefined();
  });
});
