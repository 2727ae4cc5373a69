// Attachments are references to stored uploads, never paths (issue 12). An
// operator once sent `../../secret` as an attachment id on an API channel
// conversation and got DATA_DIR/secret in the outbound delivery.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perform, type Scope } from '../../src/actions/context.js';
import { storeUpload } from '../../src/actions/uploads/store-upload.js';
import { loadOutbound } from '../../src/channels/outbound.js';
import type { Store } from '../../src/store/database.js';
import { storedFilePath } from '../../src/store/files.js';
import { API_SECRET, postSigned } from '../channels/support/api-client.js';
import {
  deliveriesOf,
  FAST_CHANNELS,
  messagesOf,
  tokenHeaders,
  waitFor,
} from '../channels/support/channels.js';
import { type HttpSink, startHttpSink } from '../channels/support/http-sink.js';
import {
  buildAccount,
  openTestStore,
  startTestServer,
  storeName,
  type TestServer,
  visitorSession,
} from '../support/harness.js';
import { connect } from '../support/ws-client.js';

const SECRET_TEXT = 'TOP-SECRET-signing-key-of-this-server';
let dataDir: string;
let store: Store;
let server: TestServer;
let sink: HttpSink;

beforeAll(async () => {
  // A real DATA_DIR, so `../../secret` from an account's upload folder is DATA_DIR/secret.
  dataDir = mkdtempSync(join(tmpdir(), 'sb-attachments-'));
  writeFileSync(join(dataDir, 'secret'), SECRET_TEXT);
  sink = await startHttpSink();
  store = await openTestStore();
  server = await startTestServer({ store, channels: FAST_CHANNELS, config: { dataDir } });
});
afterAll(async () => {
  await server.close();
  await store.close();
  await sink.close();
});

const pdf = (text: string) => Buffer.from(`%PDF-1.4 ${text}`);

async function upload(scope: Scope, name: string, text: string) {
  const { result } = await perform(server.sb.services, scope, (ctx) =>
    storeUpload(ctx, {
      name,
      contentType: 'application/pdf',
      bytes: pdf(text),
      dataDir,
      maxBytes: 1024,
    }),
  );
  return result;
}

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const json = res.headers.get('content-type')?.includes('json');
  return { status: res.status, body: json ? JSON.parse(text) : null, text };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** An account with an API channel whose replies go to the sink, and one conversation on it. */
async function apiWorld() {
  const outboundPath = `/outbound/${randomUUID()}`;
  const account = await buildAccount(server.sb.services, {
    operators: [{ name: 'Natalia' }, { name: 'Maxim' }],
    channels: [
      { name: 'widget', kind: 'widget' },
      {
        name: 'vk',
        kind: 'api',
        settings: { hmacSecret: API_SECRET, outboundUrl: `${sink.url}${outboundPath}` },
      },
    ],
  });
  const inbound = `${server.url}/api/v1/channels/api/${account.channels.vk!.publicKey}/messages`;
  const res = await postSigned(inbound, {
    id: `m-${randomUUID()}`,
    contact: { id: 'vk-1', name: 'Мария' },
    text: 'Здравствуйте',
  });
  expect(res.status).toBe(201);
  const { conversationId } = (await res.json()) as { conversationId: string };
  const admin = await tokenHeaders(server.sb.services, account.scopeOf('admin'));
  const calls = () => sink.requests.filter((r) => r.path === outboundPath);
  return { account, inbound, conversationId, admin, calls };
}

describe(`attachments are the sender's own uploads (${storeName})`, () => {
  it('refuses `../../secret` as an attachment id, and the secret never leaves the server', async () => {
    const w = await apiWorld();
    const sent = await call('POST', `/conversations/${w.conversationId}/messages`, w.admin, {
      text: 'here you go',
      attachments: [{ id: '../../secret', name: 'secret.txt', contentType: 'text/plain', size: 1 }],
    });
    expect(sent.status).toBe(400);
    expect(sent.body.error).toMatchObject({ code: 'validation_failed', field: 'attachments.0.id' });
    // Had it been accepted, its delivery would be in the sink by the time a later reply is.
    const later = await call('POST', `/conversations/${w.conversationId}/messages`, w.admin, {
      text: 'later',
    });
    expect(later.status).toBe(201);
    await waitFor('the later reply', async () =>
      w.calls().some((c) => JSON.stringify(c.json).includes('later')),
    );
    const secret64 = Buffer.from(SECRET_TEXT).toString('base64');
    for (const c of w.calls()) {
      expect(c.raw.toString()).not.toContain(secret64);
      expect(c.raw.toString()).not.toContain(SECRET_TEXT);
    }
  });

  it('refuses a stored message whose attachment id is a path, without reading the file', async () => {
    const w = await apiWorld();
    const own = await upload(w.account.scopeOf('admin'), 'price.pdf', 'prices');
    const sent = await call('POST', `/conversations/${w.conversationId}/messages`, w.admin, {
      text: 'prices',
      attachments: [{ id: own.id }],
    });
    expect(sent.status).toBe(201);
    const delivery = await waitFor('the delivery', async () => {
      const d = (await deliveriesOf(server.sb.services, w.account.accountId)).find(
        (x) => x.message_id === sent.body.message.id,
      );
      return d?.status === 'sent' && d;
    });
    const [call0] = w.calls().filter((c) => JSON.stringify(c.json).includes(own.id));
    const attachments = (call0!.json.message as { attachments: { data: string }[] }).attachments;
    expect(Buffer.from(attachments[0]!.data, 'base64').toString()).toBe('%PDF-1.4 prices');
    // A row written before the fix: the reader refuses the path on its own.
    await server.sb.services.db
      .updateTable('messages')
      .set({
        attachments: JSON.stringify([
          { id: '../../secret', name: 's', contentType: 'text/plain', size: 1 },
        ]) as never,
      })
      .where('id', '=', sent.body.message.id)
      .execute();
    await expect(loadOutbound(server.sb.services, delivery, dataDir)).rejects.toMatchObject({
      kind: 'permanent',
    });
  });

  it('never serves a stored file that was swapped for a link out of the store', async () => {
    const w = await apiWorld();
    const own = await upload(w.account.scopeOf('admin'), 'notes.pdf', 'notes');
    const path = storedFilePath(dataDir, w.account.accountId, own.id);
    rmSync(path);
    symlinkSync(join(dataDir, 'secret'), path);
    const got = await call('GET', `/uploads/${own.id}`, w.admin);
    expect(got.status).toBe(404);
    expect(got.text).not.toContain(SECRET_TEXT);
  });

  it('takes name, type and size from the upload, whatever the request says', async () => {
    const w = await apiWorld();
    const own = await upload(w.account.scopeOf('admin'), 'invoice.pdf', 'invoice 42');
    const sent = await call('POST', `/conversations/${w.conversationId}/messages`, w.admin, {
      text: '',
      attachments: [{ id: own.id, name: 'evil.html', contentType: 'text/html', size: 999999 }],
    });
    expect(sent.status).toBe(201);
    expect(sent.body.message.attachments).toEqual([
      { id: own.id, name: 'invoice.pdf', contentType: 'application/pdf', size: own.size },
    ]);
  });

  it("refuses unknown ids, another operator's upload and another account's upload", async () => {
    const w = await apiWorld();
    const other = await apiWorld();
    const maxims = await upload(w.account.scopeOf('Maxim'), 'maxim.pdf', 'maxim');
    const foreign = await upload(other.account.scopeOf('admin'), 'foreign.pdf', 'foreign');
    const own = await upload(w.account.scopeOf('admin'), 'own.pdf', 'own');
    for (const [i, id] of [randomUUID(), maxims.id, foreign.id, 'not-a-uuid'].entries()) {
      const sent = await call('POST', `/conversations/${w.conversationId}/messages`, w.admin, {
        text: `try ${i}`,
        attachments: [{ id: own.id }, { id }],
      });
      expect(sent.status, id).toBe(400);
      expect(sent.body.error).toMatchObject({
        code: 'validation_failed',
        field: 'attachments.1.id',
      });
    }
    const operatorMessages = await messagesOf(server.sb.services, w.account.accountId, [
      'operator',
    ]);
    expect(operatorMessages).toHaveLength(0);
  });

  it('refuses a foreign id over the operator websocket, naming the field', async () => {
    const w = await apiWorld();
    const other = await apiWorld();
    const foreign = await upload(other.account.scopeOf('admin'), 'foreign.pdf', 'foreign');
    const socket = await connect(`${server.wsUrl}/api/v1/ws`, w.admin);
    try {
      socket.send({
        type: 'send',
        conversationId: w.conversationId,
        clientKey: 'k1',
        text: 'look',
        attachments: [{ id: foreign.id, name: 'x', contentType: 'application/pdf', size: 1 }],
      });
      const answer = await socket.waitFor((m) => m.clientKey === 'k1');
      expect(answer).toMatchObject({
        type: 'error',
        error: { code: 'validation_failed', field: 'attachments.0.id' },
      });
    } finally {
      await socket.close();
    }
  });

  it('refuses API channel attachments that are not base64, naming the field and storing nothing', async () => {
    const w = await apiWorld();
    for (const data of ['not base64!', 'QUJD\nREVG', 'QUJ', 'QU=J']) {
      const res = await postSigned(w.inbound, {
        id: `bad-${randomUUID()}`,
        contact: { id: 'vk-2' },
        text: '',
        attachments: [
          { name: 'ok.txt', contentType: 'text/plain', data: 'QUJD' },
          { name: 'bad.txt', contentType: 'text/plain', data },
        ],
      });
      expect(res.status, data).toBe(400);
      expect(((await res.json()) as { error: { field: string } }).error.field).toBe(
        'attachments.1.data',
      );
    }
    const uploads = await server.sb.services.db
      .selectFrom('uploads')
      .select('id')
      .where('account_id', '=', w.account.accountId)
      .execute();
    expect(uploads).toHaveLength(0);
  });
});

describe(`visitors send and fetch only their own files (${storeName})`, () => {
  async function widgetWorld() {
    const account = await buildAccount(server.sb.services, {
      channels: [
        { name: 'A', kind: 'widget' },
        { name: 'B', kind: 'widget' },
      ],
    });
    const olga = await visitorSession(server.url, account.channels.A!.publicKey);
    const ivan = await visitorSession(server.url, account.channels.A!.publicKey);
    const onB = await visitorSession(server.url, account.channels.B!.publicKey);
    const scopeOf = (v: { contactId: string }, channel: 'A' | 'B'): Scope => ({
      accountId: account.accountId,
      actor: { kind: 'contact', id: v.contactId, channelId: account.channels[channel]!.id },
    });
    return { account, olga, ivan, onB, scopeOf };
  }

  it("refuses another visitor's upload id in a message, over HTTP and the websocket", async () => {
    const w = await widgetWorld();
    const ivans = await upload(w.scopeOf(w.ivan, 'A'), 'ivan.pdf', 'ivan passport');
    const sent = await call('POST', '/visitor/messages', bearer(w.olga.token), {
      text: 'mine now',
      clientKey: 'o1',
      attachments: [{ id: ivans.id, name: 'ivan.pdf', contentType: 'application/pdf', size: 1 }],
    });
    expect(sent.status).toBe(400);
    expect(sent.body.error).toMatchObject({ code: 'validation_failed', field: 'attachments.0.id' });

    const socket = await connect(
      `${server.wsUrl}/api/v1/visitor/ws?token=${encodeURIComponent(w.olga.token)}`,
    );
    try {
      socket.send({
        type: 'send',
        clientKey: 'o2',
        text: 'again',
        attachments: [{ id: ivans.id }],
      });
      const answer = await socket.waitFor((m) => m.clientKey === 'o2');
      expect(answer).toMatchObject({
        type: 'error',
        error: { code: 'validation_failed', field: 'attachments.0.id' },
      });
    } finally {
      await socket.close();
    }
    // Refused messages opened no conversation for Olga.
    const list = await call('GET', '/visitor/conversations', bearer(w.olga.token));
    expect(list.body.conversations).toEqual([]);
  });

  it("refuses the same contact's upload from another channel", async () => {
    const w = await widgetWorld();
    const fromB = await upload(w.scopeOf(w.olga, 'B'), 'b.pdf', 'from B');
    const sent = await call('POST', '/visitor/messages', bearer(w.olga.token), {
      text: 'x',
      clientKey: 'o3',
      attachments: [{ id: fromB.id, name: 'b.pdf', contentType: 'application/pdf', size: 1 }],
    });
    expect(sent.status).toBe(400);
    expect(sent.body.error).toMatchObject({ code: 'validation_failed', field: 'attachments.0.id' });
  });

  it('sends and downloads their own upload; the stored name and type are what is served', async () => {
    const w = await widgetWorld();
    const own = await upload(w.scopeOf(w.olga, 'A'), 'scan.pdf', 'olga scan');
    const sent = await call('POST', '/visitor/messages', bearer(w.olga.token), {
      text: '',
      clientKey: 'o4',
      attachments: [{ id: own.id, name: 'x.html', contentType: 'text/html', size: 1 }],
    });
    expect(sent.status).toBe(201);
    expect(sent.body.message.attachments).toEqual([
      { id: own.id, name: 'scan.pdf', contentType: 'application/pdf', size: own.size },
    ]);
    const got = await call('GET', `/uploads/${own.id}`, bearer(w.olga.token));
    expect(got.status).toBe(200);
    expect(got.text).toBe('%PDF-1.4 olga scan');
  });

  it("downloads a file an operator sent in their conversation, never another visitor's file", async () => {
    const w = await widgetWorld();
    const asked = await call('POST', '/visitor/messages', bearer(w.olga.token), {
      text: 'send me the contract',
      clientKey: 'o5',
    });
    const conversationId = asked.body.conversationId as string;
    const contract = await upload(w.account.scopeOf('admin'), 'contract.pdf', 'contract');
    const admin = await tokenHeaders(server.sb.services, w.account.scopeOf('admin'));
    const sent = await call('POST', `/conversations/${conversationId}/messages`, admin, {
      text: 'here',
      attachments: [{ id: contract.id }],
    });
    expect(sent.status).toBe(201);
    expect((await call('GET', `/uploads/${contract.id}`, bearer(w.olga.token))).status).toBe(200);

    const ivans = await upload(w.scopeOf(w.ivan, 'A'), 'ivan.pdf', 'ivan');
    const bFile = await upload(w.scopeOf(w.onB, 'B'), 'b.pdf', 'b');
    for (const [token, id] of [
      [w.olga.token, ivans.id],
      [w.olga.token, bFile.id],
      [w.ivan.token, contract.id],
      [w.onB.token, contract.id],
    ] as const) {
      const got = await call('GET', `/uploads/${id}`, bearer(token));
      expect(got.status).toBe(404);
      expect(got.text).not.toContain('%PDF');
    }
  });
});
