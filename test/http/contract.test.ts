// The API contract (issue 20): every route of /api/openapi.json declares a typed
// success answer and its error answers in the one error shape; what a route
// sends is what its schema names, nothing more.
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SentMessage } from '../../src/contract/conversations.js';
import { ServerMessage, StoredEvent } from '../../src/contract/stream.js';
import { ERROR_CATALOG } from '../../src/errors.js';
import { eventsJsonSchema } from '../../src/http/events-schema.js';
import { serializerCompiler } from '../../src/http/serializer.js';
import {
  buildAccount,
  loginHeaders,
  startTestServer,
  type TestServer,
  visitorSession,
} from '../support/harness.js';
import { connect } from '../support/ws-client.js';

interface Media {
  schema?: Record<string, unknown>;
}
interface Answer {
  description?: string;
  content?: Record<string, Media>;
}
interface Operation {
  responses?: Record<string, Answer>;
}
type Spec = { paths: Record<string, Record<string, Operation>>; components: { schemas: object } };

let server: TestServer;
let spec: Spec;

beforeAll(async () => {
  server = await startTestServer();
  spec = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as Spec;
});
afterAll(() => server.close());

function operations(): [string, Operation][] {
  return Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]): [string, Operation] => [
      `${method.toUpperCase()} ${path}`,
      op,
    ]),
  );
}

/** A schema, its `$ref` to a component followed. */
function deref(schema: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const ref = schema?.$ref;
  if (typeof ref !== 'string') return schema;
  const id = ref.replace('#/components/schemas/', '');
  return (spec.components.schemas as Record<string, Record<string, unknown>>)[id];
}

/** A schema that says something: not `{}` (anything goes). */
const typed = (schema: Record<string, unknown> | undefined) =>
  !!schema && Object.keys(schema).length > 0;

describe('the OpenAPI contract', () => {
  it('gives every route a typed success answer (JSON with a schema, or a declared other type)', () => {
    const untyped: string[] = [];
    for (const [name, op] of operations()) {
      const ok = Object.entries(op.responses ?? {}).filter(([status]) =>
        /^(2|3)\d\d$|^101$/.test(status),
      );
      const good = ok.some(([status, answer]) => {
        // A redirect, an upgrade or 204: no body, but declared with a description.
        if (!answer.content) return status !== '200' && answer.description !== 'Default Response';
        return Object.values(answer.content).some((media) => typed(media.schema));
      });
      if (!good) untyped.push(name);
    }
    expect(untyped).toEqual([]);
  });

  it('gives every route its error answers in the documented shape, codes at their catalog status', () => {
    const wrong: string[] = [];
    for (const [name, op] of operations()) {
      const errors = Object.entries(op.responses ?? {}).filter(([status]) =>
        /^[45]\d\d$/.test(status),
      );
      if (errors.length === 0) wrong.push(`${name}: no error answers`);
      for (const [status, answer] of errors) {
        const schema = deref(answer.content?.['application/json']?.schema) as
          | { properties?: { error?: { properties?: { code?: { enum?: string[] } } } } }
          | undefined;
        // Not the error shape: an answer of its own (GET /api/ready's 503 says which check failed).
        if (!schema?.properties?.error) continue;
        const codes = schema.properties.error.properties?.code?.enum ?? [];
        if (codes.length === 0) wrong.push(`${name} ${status}: no codes`);
        for (const code of codes) {
          const entry = ERROR_CATALOG[code as keyof typeof ERROR_CATALOG];
          if (!entry || String(entry.status) !== status) wrong.push(`${name} ${status}: ${code}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('names the shared shapes as components', () => {
    expect(Object.keys(spec.components.schemas)).toEqual(
      expect.arrayContaining(['ConversationView', 'MessageView', 'ApiErrorBody']),
    );
  });
});

describe('answers go out through their schemas', () => {
  it('sends no field the schema does not name, and never an answer that breaks it', async () => {
    const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
    app.setSerializerCompiler(serializerCompiler);
    const message = {
      id: 'm1',
      conversationId: 'c1',
      seq: 1,
      author: 'operator' as const,
      authorId: 'o1',
      authorName: 'Olga',
      text: 'Hi',
      attachments: [],
      clientKey: null,
      createdAt: '2026-12-06T09:00:00.000Z',
    };
    // A presenter's result with a field too many, at the top and inside.
    const leaky = { message: { ...message, passwordHash: 'x' }, duplicate: false, secret: 's' };
    app.get('/leaky', { schema: { response: { 200: SentMessage } } }, async () => leaky);
    app.get('/broken', { schema: { response: { 200: SentMessage } } }, async () => ({
      ...leaky,
      duplicate: 'perhaps' as unknown as boolean,
    }));
    // An error at a status whose schema is another shape still goes out as the error shape.
    app.get('/unready', { schema: { response: { 503: SentMessage } } }, async (_r, reply) =>
      reply
        .status(503)
        .send({ error: { code: 'database_unavailable', message: 'm', field: null } } as never),
    );
    const sent = await app.inject('/leaky');
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toEqual({ message, duplicate: false });
    expect(sent.body).not.toContain('passwordHash');
    const broken = await app.inject('/broken');
    expect(broken.statusCode).toBe(500);
    expect(broken.body).not.toContain('perhaps');
    const unready = await app.inject('/unready');
    expect(unready.statusCode).toBe(503);
    expect(unready.json()).toEqual({
      error: { code: 'database_unavailable', message: 'm', field: null },
    });
    await app.close();
  });

  it("gives a visitor the public part of their conversation, not the staff's fields", async () => {
    const account = await buildAccount(server.sb.services, {
      operators: [{ name: 'Ivan', online: true }],
      channels: [{ name: 'widget' }],
    });
    const visitor = await visitorSession(server.url, account.channels.widget!.publicKey);
    const auth = { authorization: `Bearer ${visitor.token}` };
    const sent = await fetch(`${server.url}/api/v1/visitor/messages`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Hello', clientKey: randomUUID() }),
    });
    const { conversationId } = (await sent.json()) as { conversationId: string };
    // Staff leave a note on the conversation's close; the visitor must not read it.
    const ivan = await loginHeaders(server.url, account.operator('Ivan'));
    const closed = await fetch(`${server.url}/api/v1/conversations/${conversationId}/close`, {
      method: 'POST',
      headers: ivan,
      body: JSON.stringify({ note: 'rude client' }),
    });
    expect(closed.status).toBe(200);
    const list = await fetch(`${server.url}/api/v1/visitor/conversations`, { headers: auth });
    const [conversation] = ((await list.json()) as { conversations: Record<string, unknown>[] })
      .conversations;
    expect(Object.keys(conversation!).sort()).toEqual(
      [
        'channelId',
        'closedAt',
        'closedBy',
        'createdAt',
        'id',
        'lastSeq',
        'rating',
        'reopenedFromId',
        'state',
      ].sort(),
    );
    expect(JSON.stringify(conversation)).not.toContain('rude client');
  });
});

describe('the websocket protocol', () => {
  it('publishes its JSON Schema, and what both sockets receive fits it', async () => {
    const published = await fetch(`${server.url}/api/events.schema.json`);
    expect(published.headers.get('content-type')).toContain('application/schema+json');
    expect(await published.json()).toEqual(eventsJsonSchema());

    const account = await buildAccount(server.sb.services, {
      teams: [{ name: 'Desk', mode: 'manual' as const }],
      operators: [{ name: 'Ivan', teams: ['Desk'], online: true }],
      channels: [{ name: 'widget', team: 'Desk' }],
    });
    const admin = await loginHeaders(server.url, account.admin);
    const made = await fetch(`${server.url}/api/v1/api-tokens`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ name: 'ws' }),
    });
    const { token } = (await made.json()) as { token: string };
    const staff = await connect(`${server.wsUrl}/api/v1/ws?token=${token}`);
    staff.send({ type: 'hello' });
    await staff.waitFor((m) => m.type === 'ready');

    const visitor = await visitorSession(server.url, account.channels.widget!.publicKey);
    const socket = await connect(
      `${server.wsUrl}/api/v1/visitor/ws?token=${encodeURIComponent(visitor.token)}`,
    );
    socket.send({ type: 'hello' });
    await socket.waitFor((m) => m.type === 'ready');
    socket.send({ type: 'send', text: 'Hello', clientKey: 'k1' });
    const ack = await socket.waitFor((m) => m.type === 'ack');
    const conversationId = ack.conversationId as string;
    socket.send({ type: 'typing', conversationId, draft: 'Where is' });
    socket.send({ type: 'ping' });
    await socket.waitFor((m) => m.type === 'pong');
    const ivan = await loginHeaders(server.url, account.operator('Ivan'));
    await fetch(`${server.url}/api/v1/conversations/${conversationId}/take`, {
      method: 'POST',
      headers: { cookie: ivan.cookie, 'x-csrf-token': ivan['x-csrf-token'] },
    });
    await fetch(`${server.url}/api/v1/conversations/${conversationId}/notes`, {
      method: 'POST',
      headers: ivan,
      body: JSON.stringify({ text: 'a note' }),
    });
    await staff.waitFor(
      (m) => m.type === 'event' && (m.event as { type: string }).type === 'note.created',
    );
    await socket.waitFor(
      (m) => m.type === 'event' && (m.event as { type: string }).type === 'conversation.assigned',
    );
    socket.send({ type: 'send', text: 'x', clientKey: '' });
    await socket.waitFor((m) => m.type === 'error');

    const frames = [...staff.received, ...socket.received];
    expect(new Set(frames.map((f) => f.type))).toEqual(
      new Set(['ready', 'event', 'ack', 'typing', 'pong', 'error']),
    );
    for (const frame of frames) {
      const parsed = ServerMessage.safeParse(frame);
      expect(parsed.error?.issues ?? [], JSON.stringify(frame).slice(0, 300)).toEqual([]);
    }
    // Staff get whole events: each fits its own type's schema (payload and audience).
    for (const frame of staff.received.filter((f) => f.type === 'event')) {
      const parsed = StoredEvent.safeParse(frame.event);
      expect(parsed.error?.issues ?? [], JSON.stringify(frame).slice(0, 300)).toEqual([]);
    }
    await staff.close();
    await socket.close();
  });
});
