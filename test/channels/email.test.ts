import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, storeName, type TestServer, visitorSession } from '../support/harness.js';
import {
  deliveriesOf,
  messagesOf,
  startChannelServer,
  tokenHeaders,
  waitFor,
} from './support/channels.js';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink.js';

const FIXTURES = join(import.meta.dirname, '../../src/channels/email/fixtures');
let server: TestServer;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startChannelServer({
    smtp: { port: 0, host: '127.0.0.1', maxBytes: 5 * 1024 * 1024, hostname: 'switchboard.test' },
  });
});
afterAll(async () => {
  await server.close();
  await sink.close();
});

/** A mail client talking real SMTP to Switchboard's receiver on loopback. */
function client() {
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port: server.sb.channels.smtpPort!,
    secure: false,
    ignoreTLS: true,
  });
}

async function emailAccount() {
  const address = `support-${randomUUID().slice(0, 8)}@shop.example`;
  const account = await buildAccount(server.sb.services, {
    operators: [{ name: 'Natalia', online: true }],
    channels: [
      { name: 'widget', kind: 'widget' },
      {
        name: 'email',
        kind: 'email',
        settings: {
          address,
          fromName: 'Shop Support',
          smtpHost: '127.0.0.1',
          smtpPort: sink.port,
          plusAddressing: true,
        },
      },
    ],
  });
  const headers = await tokenHeaders(server.sb.services, account.scopeOf('admin'));
  const reply = async (conversationId: string, text: string) => {
    const res = await fetch(`${server.url}/api/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ text }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { message: { id: string } }).message.id;
  };
  const sentFor = async (messageId: string) => {
    const delivery = await waitFor('sent', async () => {
      const d = (await deliveriesOf(server.sb.services, account.accountId)).find(
        (x) => x.message_id === messageId,
      );
      return d?.status === 'sent' && d;
    });
    return sink.mails.find((m) => m.messageId === `<${delivery.external_id}>`)!;
  };
  const messages = (count: number) =>
    waitFor(`${count} client messages`, async () => {
      const rows = await messagesOf(server.sb.services, account.accountId);
      return rows.length >= count && rows;
    });
  return { account, address, headers, reply, sentFor, messages };
}

function raw(name: string, vars: Record<string, string> = {}): Buffer {
  let text = readFileSync(join(FIXTURES, `${name}.eml`), 'utf8');
  for (const [k, v] of Object.entries(vars)) text = text.replaceAll(`{{${k}}}`, v);
  return Buffer.from(text);
}

describe(`e-mail channel over real SMTP (${storeName})`, () => {
  it('opens a conversation from a mail and threads the reply both ways', async () => {
    const { address, reply, sentFor, messages } = await emailAccount();
    await client().sendMail({
      from: '"Ольга Смирнова" <olga@example.com>',
      to: address,
      subject: 'Где мой заказ?',
      text: 'Здравствуйте! Заказ 4417 не пришёл.',
      messageId: '<first-4417@example.com>',
    });
    const [first] = await messages(1);
    expect(first!.text).toBe('Где мой заказ?\n\nЗдравствуйте! Заказ 4417 не пришёл.');
    expect(first!.attachments.map((a) => a.name)).toEqual(['original.eml']);

    const mail = await sentFor(await reply(first!.conversation_id, 'Добрый день! Заказ в пути.'));
    const token = mail.subject!.match(/\[#(\w+)\]$/)![1]!;
    expect(mail.subject).toBe(`Re: Где мой заказ? [#${token}]`);
    expect(mail.to).toMatchObject({
      value: [{ address: 'olga@example.com', name: 'Ольга Смирнова' }],
    });
    expect(mail.from).toMatchObject({ value: [{ address, name: 'Shop Support' }] });
    expect(mail.inReplyTo).toBe('<first-4417@example.com>');
    expect(mail.references).toBe('<first-4417@example.com>');
    expect(mail.replyTo?.value[0]?.address).toBe(address.replace('@', `+${token}@`));
    expect(mail.headers.get('x-loop')).toBe(address);
    expect(mail.headers.has('auto-submitted')).toBe(false);

    // The client answers with quoted history; it lands in the same conversation, trimmed.
    await client().sendMail({
      from: 'olga@example.com',
      to: address,
      subject: `Re: ${mail.subject}`,
      inReplyTo: mail.messageId!,
      references: [`<first-4417@example.com>`, mail.messageId!],
      text: 'Спасибо, получила!\n\nOn Sat, 23 Nov 2024, Shop Support <x@y> wrote:\n> Добрый день! Заказ в пути.',
    });
    const rows = await messages(2);
    expect(rows[1]!.conversation_id).toBe(first!.conversation_id);
    expect(rows[1]!.text).toBe('Спасибо, получила!');
  });

  it('threads a reply that lost its headers by the token, even from another address', async () => {
    const { address, headers, reply, sentFor, messages } = await emailAccount();
    await client().sendMail({
      from: 'olga@example.com',
      to: address,
      subject: 'Возврат',
      text: 'Хочу вернуть товар',
    });
    const [first] = await messages(1);
    // A sender without a display name is shown by their address, in the API as in the app.
    const listed = await fetch(`${server.url}/api/v1/conversations/${first!.conversation_id}`, {
      headers,
    });
    expect(
      ((await listed.json()) as { conversation: { contactName: string } }).conversation,
    ).toMatchObject({ contactName: 'olga@example.com' });
    const mail = await sentFor(await reply(first!.conversation_id, 'Пришлите номер заказа'));
    const token = mail.subject!.match(/\[#(\w+)\]$/)![1]!;
    await client().sendMail({
      from: '"Пётр" <petr@example.com>',
      to: address.replace('@', `+${token}@`),
      subject: 'номер заказа',
      text: 'Номер 4417, я муж Ольги',
    });
    const rows = await messages(2);
    expect(rows[1]!.conversation_id).toBe(first!.conversation_id);
    expect(rows[1]!.contact_id).toBe(first!.contact_id);
    expect(rows[1]!.text).toBe('[Пётр <petr@example.com>]\n\nНомер 4417, я муж Ольги');
  });

  it('applies the same Message-ID delivered twice once', async () => {
    const { account, address } = await emailAccount();
    const mail = raw('cyrillic-multipart');
    await client().sendMail({
      envelope: { from: 'ivan.petrov@example.ru', to: [address] },
      raw: mail,
    });
    await client().sendMail({
      envelope: { from: 'ivan.petrov@example.ru', to: [address] },
      raw: mail,
    });
    await server.sb.channels.drain();
    const rows = await messagesOf(server.sb.services, account.accountId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.external_id).toBe('CAF7x1=ivan-4417@mail.example.ru');
  });

  it('never answers auto-replies and marks a bounced reply as failed', async () => {
    const { account, address, reply, sentFor, messages } = await emailAccount();
    await client().sendMail({
      from: 'nobody@example.com',
      to: address,
      subject: 'Hi',
      text: 'Hello',
    });
    const [first] = await messages(1);
    const ours = await sentFor(await reply(first!.conversation_id, 'Hello, how can I help?'));
    const before = sink.mails.length;
    for (const name of ['auto-reply', 'vacation-precedence'])
      await client().sendMail({
        envelope: { from: 'ivan.petrov@example.ru', to: [address] },
        raw: raw(name),
      });
    const bounce = raw('bounce-dsn', { OUR_ID: ours.messageId!.slice(1, -1) });
    await client().sendMail({ envelope: { from: '', to: [address] }, raw: bounce });
    await server.sb.channels.drain();
    expect(await messagesOf(server.sb.services, account.accountId)).toHaveLength(1);
    const deliveries = await deliveriesOf(server.sb.services, account.accountId);
    const bounced = deliveries.find((d) => d.external_id === ours.messageId!.slice(1, -1))!;
    expect(bounced.status).toBe('dead');
    expect(bounced.last_error).toBe('bounced: delivery status notification (RFC 3464)');
    expect(sink.mails.length).toBe(before);
  });

  it('delivers once after the SMTP server refused for a while', async () => {
    const { account, address, reply, messages } = await emailAccount();
    await client().sendMail({
      from: 'olga@example.com',
      to: address,
      subject: 'Q',
      text: 'Question',
    });
    const [first] = await messages(1);
    sink.failNext(2, 451);
    const id = await reply(first!.conversation_id, 'Answer after an outage');
    await waitFor('sent', async () => {
      const d = (await deliveriesOf(server.sb.services, account.accountId)).find(
        (x) => x.message_id === id,
      );
      return d?.status === 'sent';
    });
    expect(sink.mails.filter((m) => m.text?.trim() === 'Answer after an outage')).toHaveLength(1);
    const d = (await deliveriesOf(server.sb.services, account.accountId)).find(
      (x) => x.message_id === id,
    )!;
    expect(d.attempts).toBe(3);
  });

  it('refuses mail for addresses that are no channel (550, no relaying)', async () => {
    await expect(
      client().sendMail({
        from: 'a@example.com',
        to: `nobody-${randomUUID()}@shop.example`,
        subject: 'x',
        text: 'x',
      }),
    ).rejects.toMatchObject({ responseCode: 550 });
  });

  it('joins a mail to the contact who gave the same e-mail in the widget', async () => {
    const { account, address, messages } = await emailAccount();
    const visitor = await visitorSession(server.url, account.channels.widget!.publicKey, {
      name: 'Olga',
      email: 'Olga.Widget@example.com',
    });
    await client().sendMail({
      from: 'olga.widget@example.com',
      to: address,
      subject: 'Hi',
      text: 'From my mailbox',
    });
    const [mail] = await messages(1);
    expect(mail!.contact_id).toBe(visitor.contactId);
  });
});
