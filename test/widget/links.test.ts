// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { safeHref, splitLinks } from '../../widget/src/links.js';

describe('splitting message text into text and links', () => {
  it('makes http and https URLs links and leaves the rest as text', () => {
    expect(splitLinks('See https://shop.example/a?b=1 and http://x.io now')).toEqual([
      { text: 'See ' },
      { text: 'https://shop.example/a?b=1', href: 'https://shop.example/a?b=1' },
      { text: ' and ' },
      { text: 'http://x.io', href: 'http://x.io/' },
      { text: ' now' },
    ]);
  });

  it('keeps sentence punctuation out of the link', () => {
    expect(splitLinks('Open https://x.io/help.')).toEqual([
      { text: 'Open ' },
      { text: 'https://x.io/help', href: 'https://x.io/help' },
      { text: '.' },
    ]);
    expect(splitLinks('(see https://x.io/a)')).toEqual([
      { text: '(see ' },
      { text: 'https://x.io/a', href: 'https://x.io/a' },
      { text: ')' },
    ]);
  });

  it('keeps a closing bracket that belongs to the URL', () => {
    const [, link] = splitLinks('wiki https://en.wikipedia.org/wiki/Coffee_(drink) here');
    expect(link).toEqual({
      text: 'https://en.wikipedia.org/wiki/Coffee_(drink)',
      href: 'https://en.wikipedia.org/wiki/Coffee_(drink)',
    });
  });

  it('never links javascript:, data: or other schemes, whatever the markup around them', () => {
    for (const text of [
      'javascript:alert(1)',
      '<a href="javascript:alert(1)">x</a>',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      '[x](javascript:alert(1))',
    ])
      expect(splitLinks(text).every((s) => s.href === undefined)).toBe(true);
  });

  it('stops a link at quotes and angle brackets, so markup cannot ride along', () => {
    const segments = splitLinks('http://example.com/"onmouseover="alert(1)" <b>');
    expect(segments[0]).toEqual({ text: 'http://example.com/', href: 'http://example.com/' });
    expect(segments.map((s) => s.text).join('')).toBe(
      'http://example.com/"onmouseover="alert(1)" <b>',
    );
  });

  it('returns the text unchanged when there is no link', () => {
    expect(splitLinks('<img src=x onerror=alert(1)>')).toEqual([
      { text: '<img src=x onerror=alert(1)>' },
    ]);
    expect(splitLinks('')).toEqual([]);
  });

  it('accepts only absolute http(s) URLs as safe', () => {
    expect(safeHref('https://a.example/x')).toBe('https://a.example/x');
    expect(safeHref('JAVASCRIPT:alert(1)')).toBeNull();
    expect(safeHref('/relative')).toBeNull();
  });
});
