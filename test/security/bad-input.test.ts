// Bad input gets a 4xx in the documented shape, never a 500: each cause the
// OpenAPI fuzz test (fuzz-openapi.test.ts) found, pinned down by name.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signedHeaders } from '../../src/channels/signature.js';
import {
  buildAccount,
  type LoginHeaders,
  loginHeaders,
  startTestServer,
  storeName,
  type TestAccount,
  type TestServer,
  visitorSession,
} from '../support/harness.js';
import { connect } from '../support/ws-client.js';

const HMAC = 'a-long-enough-hmac-secret-123456';
const logs: { level: number; msg?: string }[] = [];
let server: TestServer;
let account: TestAccount;
let admin: LoginHeaders;

beforeAll(async () => {
  const sink = { write: (line: string) => void logs.push(JSON.parse(line)) };
  server = await startTestServer({ logger: pino({ level: 'warn' }, sink) });
  account = await buildAccount(server.sb.services, {
    teams: [
      { name: 'Billing', mode: 'least_loaded' },
      { name: 'Sales', mode: 'least_loaded' },
    ],
    channels: [
      { name: 'widget', kind: 'widget' },
      { name: 'api', kind: 'api', settings: { hmacSecret: HMAC } },
    ],
  });
  admin = await loginHeaders(server.url, account.admin);
});
afterAll(() => server.close());

interface ErrorAnswer {
  error: { code: string; message: string; field: string | null };
}

async function call(method: string, path: string, body?: string, headers = {}) {
  const res = await server.sb.app.inject({
    method: method as 'POST',
    url: `/api/v1${path}`,
    headers: { ...admin, ...headers },
    ...(body === undefined ? {} : { payload: body }),
  });
  return { status: res.statusCode, body: res.json<ErrorAnswer & Record<string, unknown>>() };
}

async function create(path: string, body: unknown): Promise<{ id: string }> {
  const res = await call('POST', path, JSON.stringify(body));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as unknown as { id: string };
}

describe(`text the database cannot store (${storeName})`, () => {
  it('refuses NUL and lone surrogates in a body with 400 naming the field, writing nothing', async () => {
    const cases = [
      ['/teams', '{"name":"Bill\\u0000ing","mode":"manual"}', 'name'],
      ['/teams', '{"name":"Bill\\ud800ing","mode":"manual"}', 'name'],
      ['/categories', '{"name":"\\udc00"}', 'name'],
      ['/canned-responses', '{"shortcut":"hi","text":"a\\u0000"}', 'text'],
    ] as const;
    for (const [path, body, field] of cases) {
      const res = await call('POST', path, body);
      expect(res.status, body).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', field });
    }
    const channel = account.channels.widget!.id;
    const nested = await call(
      'PATCH',
      `/channels/${channel}`,
      '{"settings":{"notices":{"busy\\u0000":"x"}}}',
    );
    expect(nested.status).toBe(400);
    expect(nested.body.error.field).toBe('settings.notices.busy\u0000');
    const teams = await call('GET', '/teams');
    expect((teams.body.teams as unknown[]).length).toBe(2);
  });

  it('refuses them in path and query parameters, naming the parameter', async () => {
    const param = await call('GET', '/conversations/%00');
    expect(param.status).toBe(400);
    expect(param.body.error).toMatchObject({ code: 'validation_failed', field: 'id' });
    const query = await call('GET', '/widget/config?channelKey=a%00b');
    expect(query.status).toBe(400);
    expect(query.body.error).toMatchObject({ code: 'validation_failed', field: 'channelKey' });
    const key = await call('POST', '/channels/api/a%00/messages', '{}');
    expect(key.status).toBe(400);
    expect(key.body.error.field).toBe('key');
  });

  it('refuses them in websocket messages with the field named', async () => {
    const channelKey = account.channels.widget!.publicKey;
    const visitor = await visitorSession(server.url, channelKey);
    const ws = await connect(`${server.wsUrl}/api/v1/visitor/ws?token=${visitor.token}`);
    try {
      ws.send({ type: 'send', clientKey: 'nul-1', text: 'hi\u0000' });
      const answer = await ws.waitFor((m) => m.type === 'error');
      expect(answer).toMatchObject({
        clientKey: 'nul-1',
        error: { code: 'validation_failed', field: 'text' },
      });
    } finally {
      await ws.close();
    }
  });

  it('keeps an API channel message, with NUL stripped and lone surrogates replaced', async () => {
    const key = account.channels.api!.publicKey;
    const body = JSON.stringify({
      id: 'nul-msg-1',
      contact: { id: 'u\u00001', name: 'Ol\ud800ga' },
      text: 'Where\u0000 is \udc00my order?',
    });
    const res = await server.sb.app.inject({
      method: 'POST',
      url: `/api/v1/channels/api/${key}/messages`,
      headers: { 'content-type': 'application/json', ...signedHeaders(HMAC, body, new Date()) },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
    const message = await server.sb.services.db
      .selectFrom('messages')
      .select('text')
      .where('id', '=', res.json<{ messageId: string }>().messageId)
      .executeTakeFirstOrThrow();
    expect(message.text).toBe('Where is \ufffdmy order?');
  });
});

describe(`changes that change nothing or clash (${storeName})`, () => {
  it('answers an empty PATCH with 400: nothing to change', async () => {
    const category = await create('/categories', { name: 'Empty-patch' });
    const canned = await create('/canned-responses', { shortcut: 'empty', text: 'x' });
    const conversation = '00000000-0000-4000-8000-000000000000';
    const paths = [
      '/account',
      `/teams/${account.teams.Billing}`,
      `/channels/${account.channels.widget!.id}`,
      `/operators/${account.admin.id}`,
      `/canned-responses/${canned.id}`,
      `/conversations/${conversation}/category`,
      `/categories/${category.id}`,
    ];
    for (const path of paths) {
      const res = await call('PATCH', path, '{}');
      expect(res.status, path).toBe(400);
      expect(res.body.error.code, path).toBe('validation_failed');
    }
  });

  it('answers renaming onto a taken name with 409 conflict on the field, as creating does', async () => {
    const refund = await create('/categories', { name: 'Refund' });
    await create('/categories', { name: 'Delivery' });
    const hello = await create('/canned-responses', { shortcut: 'hello', text: 'Hi' });
    await create('/canned-responses', { shortcut: 'bye', text: 'Bye' });
    const renames = [
      [`/teams/${account.teams.Sales}`, { name: 'Billing' }, 'name'],
      [`/teams/${account.teams.Sales}`, { name: ' Billing ' }, 'name'],
      [`/categories/${refund.id}`, { name: 'Delivery' }, 'name'],
      [`/canned-responses/${hello.id}`, { shortcut: 'bye' }, 'shortcut'],
    ] as const;
    for (const [path, body, field] of renames) {
      const res = await call('PATCH', path, JSON.stringify(body));
      expect(res.status, path).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'conflict', field });
    }
  });
});

describe(`requests Fastify refuses itself, in the documented shape (${storeName})`, () => {
  it('answers a URL with bad percent-encoding with 400 validation_failed', async () => {
    for (const url of ['/teams/%E0%A4%A', '/conversations/%ZZ', '/uploads/%']) {
      const res = await call('GET', url);
      expect(res.status, url).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', field: 'url' });
    }
  });

  it('names an over-long id as the field at fault', async () => {
    const res = await call('GET', `/conversations/${'x'.repeat(400)}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', field: 'id' });
  });

  it('answers a wrong content type with 415 unsupported_media_type', async () => {
    for (const type of ['text/plain', 'application/xml']) {
      const res = await call('POST', '/teams', 'name=x', { 'content-type': type });
      expect(res.status, type).toBe(415);
      expect(res.body.error).toMatchObject({
        code: 'unsupported_media_type',
        field: 'content-type',
      });
    }
    const upload = await call('POST', '/uploads', '{}', { 'content-type': 'application/json' });
    expect(upload.status).toBe(415);
    expect(upload.body.error.code).toBe('unsupported_media_type');
  });

  it('answers multipart without a boundary with 400', async () => {
    for (const path of ['/uploads', '/teams']) {
      const res = await call('POST', path, '--x\r\n', { 'content-type': 'multipart/form-data' });
      expect(res.status, path).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', field: 'content-type' });
    }
  });
});

describe(`websocket origins (${storeName})`, () => {
  it('refuses Origin: null on the operator websocket without an error in the log', async () => {
    const socket = new WebSocket(`${server.wsUrl}/api/v1/ws`, {
      headers: { cookie: admin.cookie, origin: 'null' },
    });
    const code = await new Promise<number>((resolve) => socket.once('close', resolve));
    expect(code).toBe(4403);
    expect(logs.filter((l) => l.level >= 50)).toEqual([]);
  });
});
