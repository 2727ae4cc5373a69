import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../src/channels/email/html.js';
import { normalizeEmail } from '../../src/channels/email/normalize.js';
import { trimQuotedHistory } from '../../src/channels/email/quotes.js';
import { replySubject, tokenFromAddress } from '../../src/channels/email/reply-token.js';

const FIXTURES = join(import.meta.dirname, '../../src/channels/email/fixtures');
const settings = { address: 'support@shop.example' };

function eml(name: string, vars: Record<string, string> = {}): Buffer {
  let text = readFileSync(join(FIXTURES, `${name}.eml`), 'utf8');
  for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{{${k}}}`, v);
  return Buffer.from(text, 'utf8');
}

async function message(name: string, vars: Record<string, string> = {}) {
  const result = await normalizeEmail(eml(name, vars), null, settings);
  if (result.kind !== 'message') throw new Error(`expected a message, got ${result.kind}`);
  return result.message;
}

describe('e-mail parsing (.eml fixtures)', () => {
  it('decodes RFC 2047 Cyrillic subjects and names in UTF-8 and KOI8-R, and keeps the attachment', async () => {
    const m = await message('cyrillic-multipart');
    expect(m.externalId).toBe('CAF7x1=ivan-4417@mail.example.ru');
    expect(m.contact).toEqual({
      externalId: 'ivan.petrov@example.ru',
      name: 'Иван Петров',
      email: 'ivan.petrov@example.ru',
    });
    expect(m.thread?.subject).toBe('Где мой заказ 4417?');
    // A fresh mail starts a topic: its subject leads the text.
    expect(m.text).toBe(
      'Где мой заказ 4417?\n\nДобрый день!\n\nЗаказ 4417 оплачен 20 ноября, чек во вложении.\n\nИван',
    );
    expect(m.files.map((f) => [f.name, f.contentType])).toEqual([
      ['чек-4417.pdf', 'application/pdf'],
      ['original.eml', 'message/rfc822'],
    ]);
    expect(m.files[0]!.data.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('turns HTML-only mail into safe text and keeps the original', async () => {
    const m = await message('html-only');
    expect(m.thread?.subject).toBe('Не пришла посылка');
    expect(m.text).toBe(
      'Не пришла посылка\n\nHello,\nthe parcel did not arrive & tracking says "delivered".\n\nOrder 4417 <urgent>\nclick',
    );
    expect(m.text).not.toMatch(/alert|color: red|Your order is on the way/);
    const original = m.files.find((f) => f.name === 'original.eml')!;
    expect(original.data.toString()).toContain('<script>');
  });

  it('trims quoted history of Gmail, Outlook (ru) and Yandex replies', async () => {
    const gmail = await message('reply-gmail', {
      TOKEN: 'abcdefghijkm',
      OUR_ID: 'd-1@shop.example',
    });
    expect(gmail.text).toBe('Thanks, it arrived today!');
    expect(gmail.thread).toEqual({
      token: 'abcdefghijkm',
      references: ['first-1@example.com', 'd-1@shop.example'],
      subject: 'Re: Where is my order? [#abcdefghijkm]',
    });
    expect((await message('reply-outlook-ru')).text).toBe(
      'Спасибо, получил.\n\nС уважением,\nИван',
    );
    expect((await message('reply-yandex')).text).toBe('А когда будет курьер?');
  });

  it('never treats auto-replies, vacation notices or bounces as client messages', async () => {
    expect(await normalizeEmail(eml('auto-reply'), null, settings)).toEqual({
      kind: 'ignore',
      reason: 'Auto-Submitted: auto-replied',
    });
    expect(await normalizeEmail(eml('vacation-precedence'), null, settings)).toEqual({
      kind: 'ignore',
      reason: 'Precedence: bulk',
    });
    const bounce = await normalizeEmail(
      eml('bounce-dsn', { OUR_ID: 'd-7@shop.example' }),
      null,
      settings,
    );
    expect(bounce).toEqual({
      kind: 'bounce',
      reason: 'delivery status notification (RFC 3464)',
      messageIds: ['d-7@shop.example'],
    });
  });

  it('drops our own mail coming back', async () => {
    const own = Buffer.from(
      'From: support@shop.example\r\nTo: support@shop.example\r\nMessage-ID: <x@y>\r\n\r\nhi\r\n',
    );
    expect((await normalizeEmail(own, null, settings)).kind).toBe('ignore');
    const looped = Buffer.from(
      'From: a@b.example\r\nX-Loop: support@shop.example\r\nMessage-ID: <x2@y>\r\n\r\nhi\r\n',
    );
    expect(await normalizeEmail(looped, null, settings)).toMatchObject({ kind: 'ignore' });
  });
});

describe('quoted history and HTML', () => {
  it('keeps inline answers and forwarded messages, cuts only trailing quotes', () => {
    expect(
      trimQuotedHistory('> question one\nanswer one\n> question two\nanswer two\n\n> old\n> older'),
    ).toBe('> question one\nanswer one\n> question two\nanswer two');
    const forwarded =
      'FYI\n\n---------- Forwarded message ---------\nFrom: Bank\nDate: today\n\nYour card';
    expect(trimQuotedHistory(forwarded)).toBe(forwarded);
  });

  it('leaves a mail that is all quote as it is rather than empty', () => {
    expect(trimQuotedHistory('> only a quote')).toBe('> only a quote');
  });

  it('drops scripts, styles and event handlers and decodes entities', () => {
    expect(
      htmlToText(
        '<p onclick="x()">a&nbsp;&amp;&#x41;&#66;</p><script>bad()</script><style>x{}</style>',
      ),
    ).toBe('a &AB');
  });
});

describe('reply token', () => {
  it('reads the token from a plus-address of the channel only', () => {
    expect(tokenFromAddress('Support+abcdefghijkm@shop.example', 'support@shop.example')).toBe(
      'abcdefghijkm',
    );
    expect(
      tokenFromAddress('support+abcdefghijkm@other.example', 'support@shop.example'),
    ).toBeNull();
    expect(tokenFromAddress('support+hello@shop.example', 'support@shop.example')).toBeNull();
  });

  it('builds one Re: and one token however long the thread', () => {
    expect(replySubject('Re: RE: Где заказ? [#abcdefghijkm]', 'abcdefghijkm')).toBe(
      'Re: Где заказ? [#abcdefghijkm]',
    );
    expect(replySubject(null, 'abcdefghijkm')).toBe('Re: Your message [#abcdefghijkm]');
  });
});
