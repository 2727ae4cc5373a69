import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, storeName, type TestServer } from '../support/harness.js';
import { messagesOf, startChannelServer, waitFor } from './support/channels.js';
import { type FakeImap, startFakeImap } from './support/fake-imap.js';

let server: TestServer;
let imap: FakeImap;

beforeAll(async () => {
  imap = await startFakeImap();
  server = await startChannelServer();
});
afterAll(async () => {
  await server.close();
  await imap.close();
});

function mail(id: string, text: string, from = 'olga@example.com') {
  return Buffer.from(
    `From: Olga <${from}>\r\nTo: support@shop.example\r\nSubject: Order\r\nMessage-ID: <${id}@example.com>\r\nDate: Sat, 23 Nov 2024 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n`,
  );
}

describe(`e-mail over IMAP with IDLE (${storeName})`, () => {
  it('imports unseen mail on connect, then new mail as IDLE announces it, each once', async () => {
    imap.mails.push({ uid: 0, raw: mail('old-seen', 'already handled'), seen: true });
    imap.deliver(mail('unseen-1', 'first, waiting since yesterday'));
    const account = await buildAccount(server.sb.services, {
      channels: [
        {
          name: 'email',
          kind: 'email',
          settings: {
            address: 'support@shop.example',
            imapHost: '127.0.0.1',
            imapPort: imap.port,
            imapSecure: false,
            imapUser: imap.user,
            imapPassword: imap.password,
          },
        },
      ],
    });
    await server.sb.channels.supervise();
    await waitFor(
      'the unseen mail',
      async () => (await messagesOf(server.sb.services, account.accountId)).length === 1,
    );
    await waitFor('IDLE', async () => imap.commands.includes('IDLE'));
    imap.deliver(mail('new-2', 'second, while idling'));
    imap.deliver(mail('new-3', 'third'));
    const rows = await waitFor('three messages', async () => {
      const r = await messagesOf(server.sb.services, account.accountId);
      return r.length === 3 && r;
    });
    expect(rows.map((r) => r.text)).toEqual([
      'Order\n\nfirst, waiting since yesterday',
      'Order\n\nsecond, while idling',
      'Order\n\nthird',
    ]);
    expect(imap.mails.every((m) => m.seen)).toBe(true);
    // The same Message-ID arriving again (a copy, or after UIDVALIDITY changed) is applied once.
    imap.deliver(mail('new-3', 'third'));
    await waitFor('the copy marked seen', async () => imap.mails.every((m) => m.seen));
    await server.sb.channels.drain();
    expect(await messagesOf(server.sb.services, account.accountId)).toHaveLength(3);
  });

  it('shows a refused IMAP login as the channel error', async () => {
    const account = await buildAccount(server.sb.services, {
      channels: [
        {
          name: 'email',
          kind: 'email',
          settings: {
            address: 'other@shop.example',
            imapHost: '127.0.0.1',
            imapPort: imap.port,
            imapSecure: false,
            imapUser: imap.user,
            imapPassword: 'wrong',
          },
        },
      ],
    });
    await server.sb.channels.supervise();
    const worker = await waitFor('the error', () =>
      server.sb.services.db
        .selectFrom('channel_workers')
        .select('last_error')
        .where('channel_id', '=', account.channels.email!.id)
        .where('last_error', 'is not', null)
        .executeTakeFirst(),
    );
    expect(worker.last_error).toMatch(/^auth_revoked/);
  });
});
