// URLs and hosts that account admins set (webhooks, the API channel's outbound
// URL, the Telegram Bot API root, SMTP and IMAP hosts) never reach loopback,
// link-local, cloud metadata or unspecified addresses unless the server's
// environment allows loopback; private networks are allowed unless the server
// refuses them. Checked when saved, and again on every connection against the
// address actually used (DNS rebinding).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perform } from '../../src/actions/context.js';
import { createWebhook } from '../../src/actions/webhooks/create-webhook.js';
import { mailServerAddress } from '../../src/channels/email/server-address.js';
import {
  addressKind,
  DEFAULT_OUTBOUND_POLICY,
  OutboundAddressError,
  type OutboundPolicy,
  type Resolver,
} from '../../src/channels/outbound-address.js';
import { outboundRequest } from '../../src/channels/outbound-http.js';
import { deliveriesOf, startChannelServer, waitFor } from '../channels/support/channels.js';
import { type HttpSink, startHttpSink } from '../channels/support/http-sink.js';
import {
  buildAccount,
  type LoginHeaders,
  loginHeaders,
  storeName,
  type TestAccount,
  type TestServer,
  visitorSession,
} from '../support/harness.js';

const LOOPBACK_OK: OutboundPolicy = { allowLoopback: true, denyPrivate: false };
const DENY_PRIVATE: OutboundPolicy = { allowLoopback: false, denyPrivate: true };

/** A resolver that answers every name with these addresses, as a rebinding DNS server would. */
const resolvingTo =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('address kinds', () => {
  it('names loopback, link-local, metadata, unspecified and private addresses, in any IPv6 form', () => {
    const kinds = Object.fromEntries(
      [
        '127.0.0.1',
        '127.1.2.3',
        '::1',
        '::ffff:127.0.0.1',
        '::ffff:7f00:1',
        '64:ff9b::127.0.0.1',
        '::127.0.0.1',
        '169.254.169.254',
        '::ffff:169.254.169.254',
        'fd00:ec2::254',
        '169.254.10.1',
        'fe80::1',
        '0.0.0.0',
        '::',
        '10.1.2.3',
        '172.20.0.1',
        '192.168.1.10',
        'fd12:3456::1',
        '::ffff:10.0.0.1',
        '8.8.8.8',
        '2a00:1450:4001:81c::200e',
        '172.32.0.1',
      ].map((ip) => [ip, addressKind(ip)]),
    );
    expect(kinds).toEqual({
      '127.0.0.1': 'loopback',
      '127.1.2.3': 'loopback',
      '::1': 'loopback',
      '::ffff:127.0.0.1': 'loopback',
      '::ffff:7f00:1': 'loopback',
      '64:ff9b::127.0.0.1': 'loopback',
      '::127.0.0.1': 'loopback',
      '169.254.169.254': 'metadata',
      '::ffff:169.254.169.254': 'metadata',
      'fd00:ec2::254': 'metadata',
      '169.254.10.1': 'link-local',
      'fe80::1': 'link-local',
      '0.0.0.0': 'unspecified',
      '::': 'unspecified',
      '10.1.2.3': 'private',
      '172.20.0.1': 'private',
      '192.168.1.10': 'private',
      'fd12:3456::1': 'private',
      '::ffff:10.0.0.1': 'private',
      '8.8.8.8': 'public',
      '2a00:1450:4001:81c::200e': 'public',
      '172.32.0.1': 'public',
    });
  });
});

describe('connecting to a name that resolves to a forbidden address', () => {
  let local: ReturnType<typeof createServer>;
  let port: number;
  beforeAll(async () => {
    local = createServer((_req, res) => res.end('reached'));
    await new Promise<void>((r) => local.listen(0, '127.0.0.1', () => r()));
    port = (local.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => local.close(() => r())));

  it('is refused on connect, whatever the name looked like when it was saved', async () => {
    const error = await outboundRequest(`http://crm.example.com:${port}/hook`, {
      policy: DEFAULT_OUTBOUND_POLICY,
      resolver: resolvingTo('127.0.0.1'),
      timeoutMs: 2_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundAddressError);
    expect((error as Error).message).toContain('crm.example.com resolves to 127.0.0.1');
  });

  it('is refused when any one of its addresses is forbidden', async () => {
    const error = await outboundRequest(`http://crm.example.com:${port}/hook`, {
      policy: LOOPBACK_OK,
      resolver: resolvingTo('127.0.0.1', '169.254.169.254'),
      timeoutMs: 2_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundAddressError);
  });

  it('connects, by the checked address, when the environment allows loopback', async () => {
    const answer = await outboundRequest(`http://crm.example.com:${port}/hook`, {
      policy: LOOPBACK_OK,
      resolver: resolvingTo('127.0.0.1'),
      timeoutMs: 2_000,
    });
    expect(answer.body.toString()).toBe('reached');
  });

  it('refuses literal addresses and localhost before any socket opens', async () => {
    for (const url of [
      `http://127.0.0.1:${port}/`,
      `http://[::1]:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://localhost:${port}/`,
      'http://169.254.169.254/latest/meta-data/',
      'http://metadata.google.internal/computeMetadata/v1/',
    ]) {
      const error = await outboundRequest(url, {
        policy: DEFAULT_OUTBOUND_POLICY,
        timeoutMs: 2_000,
      }).catch((e: unknown) => e);
      expect(error, url).toBeInstanceOf(OutboundAddressError);
    }
  });

  it('gives mail libraries the checked address and keeps the name for TLS', async () => {
    await expect(
      mailServerAddress(
        'smtp.example.com',
        DEFAULT_OUTBOUND_POLICY,
        resolvingTo('169.254.169.254'),
      ),
    ).rejects.toBeInstanceOf(OutboundAddressError);
    await expect(
      mailServerAddress('smtp.example.com', DENY_PRIVATE, resolvingTo('192.168.0.25')),
    ).rejects.toBeInstanceOf(OutboundAddressError);
    expect(
      await mailServerAddress(
        'smtp.example.com',
        DEFAULT_OUTBOUND_POLICY,
        resolvingTo('192.168.0.25'),
      ),
    ).toEqual({ host: '192.168.0.25', servername: 'smtp.example.com' });
  });
});

describe(`admins' outbound addresses on a server that allows no loopback (${storeName})`, () => {
  let server: TestServer;
  let sink: HttpSink;
  let account: TestAccount;
  let admin: LoginHeaders;

  beforeAll(async () => {
    sink = await startHttpSink();
    server = await startChannelServer({}, { config: { outbound: DEFAULT_OUTBOUND_POLICY } });
    account = await buildAccount(server.sb.services, {
      channels: [
        { name: 'widget', kind: 'widget' },
        { name: 'api', kind: 'api', settings: { hmacSecret: 'a-long-enough-hmac-secret-123456' } },
      ],
    });
    admin = await loginHeaders(server.url, account.admin);
  });
  afterAll(async () => {
    await server.close();
    await sink.close();
  });

  async function call(method: string, path: string, body: unknown) {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: admin,
      body: JSON.stringify(body),
    });
    return {
      status: res.status,
      body: (await res.json()) as { error?: { code: string; field: string | null } },
    };
  }

  const createChannel = (kind: string, settings: Record<string, unknown>) =>
    call('POST', '/channels', {
      kind,
      name: `${kind} ${crypto.randomUUID()}`,
      priority: 1,
      settings,
    });

  it('refuses a webhook, API outbound URL, Bot API root or mail host on this server or its cloud, naming the field', async () => {
    const refused = [
      await call('POST', '/webhooks', {
        url: `${sink.url}/crm`,
        events: ['conversation.created'],
      }),
      await call('POST', '/webhooks', {
        url: 'http://169.254.169.254/latest/meta-data/',
        events: ['conversation.created'],
      }),
      await call('PATCH', `/channels/${account.channels.api!.id}`, {
        settings: { outboundUrl: 'http://[::ffff:127.0.0.1]:8080/out' },
      }),
      await createChannel('telegram', {
        botToken: '123456:abcdefghijklmnopqrstuvwxyz',
        apiRoot: 'http://localhost:8081',
      }),
      await createChannel('email', { address: 'support@example.com', smtpHost: '127.0.0.1' }),
      await createChannel('email', { address: 'support@example.com', imapHost: 'fd00:ec2::254' }),
      await createChannel('email', { address: 'support@example.com', smtpHost: '0.0.0.0' }),
    ];
    expect(refused.map((r) => [r.status, r.body.error?.code, r.body.error?.field])).toEqual([
      [400, 'validation_failed', 'url'],
      [400, 'validation_failed', 'url'],
      [400, 'validation_failed', 'settings.outboundUrl'],
      [400, 'validation_failed', 'settings.apiRoot'],
      [400, 'validation_failed', 'settings.smtpHost'],
      [400, 'validation_failed', 'settings.imapHost'],
      [400, 'validation_failed', 'settings.smtpHost'],
    ]);
    const webhooks = await server.sb.services.db
      .selectFrom('webhooks')
      .select('id')
      .where('account_id', '=', account.accountId)
      .execute();
    expect(webhooks).toEqual([]);
  });

  it('allows private networks by default, and refuses them when the server denies them', async () => {
    const privateUrl = { url: 'http://10.20.30.40/crm', events: ['conversation.created'] };
    expect((await call('POST', '/webhooks', privateUrl)).status).toBe(201);
    expect(
      (await createChannel('email', { address: 'a@example.com', smtpHost: '192.168.1.25' })).status,
    ).toBe(201);
    const configured = server.sb.config.outbound;
    server.sb.config.outbound = DENY_PRIVATE;
    try {
      const refused = await call('POST', '/webhooks', privateUrl);
      expect([refused.status, refused.body.error?.field]).toEqual([400, 'url']);
      const mail = await createChannel('email', { address: 'a@example.com', imapHost: '10.0.0.5' });
      expect([mail.status, mail.body.error?.field]).toEqual([400, 'settings.imapHost']);
    } finally {
      server.sb.config.outbound = configured;
    }
  });

  it('refuses on connect an address saved before (or past) the check: the delivery is dead, nothing sent', async () => {
    // As if the name had resolved elsewhere when it was saved.
    const path = `/crm/${crypto.randomUUID()}`;
    const { result } = await perform(server.sb.services, account.scopeOf('admin'), (ctx) =>
      createWebhook(ctx, { url: `${sink.url}${path}`, events: ['conversation.created'] }),
    );
    await visitorSession(server.url, account.channels.widget!.publicKey, { name: 'Olga' }).then(
      (visitor) =>
        fetch(`${server.url}/api/v1/visitor/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${visitor.token}` },
          body: JSON.stringify({ text: 'Hello' }),
        }),
    );
    const [dead] = await waitFor('the dead delivery', async () => {
      const rows = (await deliveriesOf(server.sb.services, account.accountId)).filter(
        (d) => d.webhook_id === result.webhook.id && d.status === 'dead',
      );
      return rows.length > 0 && rows;
    });
    expect(dead!.error_kind).toBe('permanent');
    expect(dead!.last_error).toContain('loopback');
    expect(sink.requests.filter((r) => r.path === path)).toEqual([]);
  });
});
