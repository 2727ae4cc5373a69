import { describe, expect, it } from 'vitest';
import { parseUserAgent } from '../../src/domain/user-agent.js';
import { mergeVisitorContext } from '../../src/domain/visitor-context.js';

describe('parseUserAgent', () => {
  it.each([
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87',
      'Edge 126',
      'Windows 10/11',
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      'Safari 17.5',
      'macOS 10.15',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
      'Chrome 126',
      'iOS 17.5',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
      'Samsung Internet 25',
      'Android 14',
    ],
    [
      'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0',
      'Firefox 127',
      'Linux',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 YaBrowser/24.4.0.0 Safari/537.36',
      'Yandex Browser 24',
      'Windows 10/11',
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
      'Headless Chrome 156',
      'Linux',
    ],
  ])('reads %s', (ua, browser, os) => {
    expect(parseUserAgent(ua)).toEqual({ browser, os });
  });

  it('knows nothing of an empty or unknown header', () => {
    expect(parseUserAgent(undefined)).toEqual({ browser: null, os: null });
    expect(parseUserAgent('curl/8.5.0')).toEqual({ browser: null, os: null });
  });
});

describe('mergeVisitorContext', () => {
  const report = {
    url: 'https://shop.example/a',
    title: 'A',
    referrer: 'https://search.example/',
    language: 'ru',
    timeZone: 'Europe/Moscow',
    utcOffsetMin: 180,
  };
  const agent = { browser: 'Firefox 127', os: 'Linux' };

  it('follows the current page and keeps the page the visitor came from', () => {
    const first = mergeVisitorContext(null, report, agent, new Date(0));
    const next = mergeVisitorContext(
      first,
      { ...report, url: 'https://shop.example/b', referrer: 'https://shop.example/a' },
      agent,
      new Date(1000),
    );
    expect(next).toMatchObject({
      url: 'https://shop.example/b',
      referrer: 'https://search.example/',
      updatedAt: new Date(1000).toISOString(),
    });
  });
});
