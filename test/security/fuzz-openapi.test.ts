// Every route of the OpenAPI description, fed bad input: wrong types, missing
// fields, huge, NUL-laden, lone-surrogate and deeply nested values, bad path
// and query parameters, wrong content types, `Origin: null`, no credentials.
// The server must answer each with a 2xx or a 4xx in the documented error
// shape — never a 5xx, never an answer of another shape. Inputs come from
// fast-check with a fixed seed (the same requests on every run); requests go
// through app.inject, a bounded number per route.
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiInboundSchema } from '../../src/channels/api/payload.js';
import { signedHeaders } from '../../src/channels/signature.js';
import { webhookSecret } from '../../src/channels/telegram/settings.js';
import { ERROR_CATALOG } from '../../src/errors.js';
import {
  type BodyCase,
  badBodies,
  type HeaderCase,
  headerCase,
  type JsonSchema,
  type KnownValues,
  Nested,
  nastyRawParam,
  plausible,
  toJson,
} from '../support/fuzz-inputs.js';
import {
  buildAccount,
  startTestServer,
  storeName,
  type TestAccount,
  type TestServer,
} from '../support/harness.js';

const SEED = 20_261_206;
const RUNS_PER_ROUTE = 45;

interface Operation {
  method: string;
  path: string;
  parameters?: { in: 'path' | 'query'; name: string; schema?: JsonSchema; required?: boolean }[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
}

let server: TestServer;
let app: FastifyInstance;
let account: TestAccount;
let known: KnownValues;
let adminToken: string;
let visitorToken: string;
let operations: Operation[];

async function json<T = { id: string }>(method: string, url: string, body: unknown, auth: string) {
  const res = await app.inject({
    method: method as 'POST',
    url,
    headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

beforeAll(async () => {
  server = await startTestServer(process.env.FUZZ_LOG ? { logger: pino({ level: 'error' }) } : {});
  app = server.sb.app;
  account = await buildAccount(server.sb.services, {
    teams: [
      { name: 'Billing', mode: 'least_loaded' },
      { name: 'Sales', mode: 'manual' },
    ],
    operators: [{ name: 'Victim', role: 'operator', teams: ['Billing'] }],
    channels: [
      { name: 'widget', kind: 'widget' },
      { name: 'telegram', kind: 'telegram' },
      { name: 'api', kind: 'api', settings: { hmacSecret: 'a-long-enough-hmac-secret-123456' } },
    ],
  });
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: account.admin.email, password: account.admin.password },
  });
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const token = await app.inject({
    method: 'POST',
    url: '/api/v1/api-tokens',
    headers: { cookie, 'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken },
    payload: { name: 'fuzz' },
  });
  adminToken = token.json<{ token: string }>().token;

  const categories = [
    await json('POST', '/api/v1/categories', { name: 'Refund' }, adminToken),
    await json('POST', '/api/v1/categories', { name: 'Delivery' }, adminToken),
  ];
  const canned = [
    await json('POST', '/api/v1/canned-responses', { shortcut: 'hello', text: 'Hi' }, adminToken),
    await json('POST', '/api/v1/canned-responses', { shortcut: 'bye', text: 'Bye' }, adminToken),
  ];
  const webhook = await json<{ webhook: { id: string } }>(
    'POST',
    '/api/v1/webhooks',
    { url: 'https://crm.example/hook', events: ['message.created'] },
    adminToken,
  );
  const session = await app.inject({
    method: 'POST',
    url: '/api/v1/widget/session',
    payload: { channelKey: account.channels.widget!.publicKey },
  });
  const visitor = session.json<{ token: string; contactId: string }>();
  visitorToken = visitor.token;
  const sent = await json<{ conversationId: string }>(
    'POST',
    '/api/v1/visitor/messages',
    { text: 'Hello', clientKey: 'fuzz-1' },
    visitorToken,
  );
  const conversationId = sent.conversationId;

  known = {
    ids: {
      team: account.teams.Sales!,
      operator: account.operator('Victim').id,
      conversation: conversationId,
      contact: visitor.contactId,
      channel: account.channels.widget!.id,
      channelKey: account.channels.widget!.publicKey,
      category: categories[1]!.id,
      cannedResponse: canned[1]!.id,
      webhook: webhook.webhook.id,
    },
    taken: ['Billing', 'Refund', 'hello', account.admin.email, 'widget'],
  };

  const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
    paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
  }>();
  operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path })),
  );
  // Deletions last, so the other routes meet existing rows.
  operations.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
}, 120_000);
afterAll(() => server?.close());

/** The id a route's `{id}` stands for, so valid-looking requests reach the actions. */
function pathId(path: string): string {
  const rules: [RegExp, string][] = [
    [/\/operators\//, 'operator'],
    [/\/teams\//, 'team'],
    [/\/channels\//, 'channel'],
    [/\/categories\//, 'category'],
    [/\/canned-responses\//, 'cannedResponse'],
    [/\/contacts\//, 'contact'],
    [/\/webhooks\//, 'webhook'],
    [/\/conversations\//, 'conversation'],
  ];
  const kind = rules.find(([re]) => re.test(path))?.[1];
  return (kind && known.ids[kind]) || '00000000-0000-4000-8000-000000000000';
}

function pathKey(path: string): string {
  if (path.includes('/telegram/')) return account.channels.telegram!.publicKey;
  if (path.includes('/channels/api/')) return account.channels.api!.publicKey;
  return known.ids.channelKey!;
}

const TELEGRAM_UPDATE: JsonSchema = {
  type: 'object',
  required: ['update_id', 'message'],
  properties: {
    update_id: { type: 'integer', minimum: 1 },
    message: {
      type: 'object',
      required: ['message_id', 'date', 'chat', 'from', 'text'],
      properties: {
        message_id: { type: 'integer', minimum: 1 },
        date: { type: 'integer', minimum: 1 },
        chat: {
          type: 'object',
          required: ['id', 'type'],
          properties: { id: { type: 'integer', minimum: 7 }, type: { enum: ['private'] } },
        },
        from: {
          type: 'object',
          required: ['id', 'first_name'],
          properties: { id: { type: 'integer', minimum: 7 }, first_name: { type: 'string' } },
        },
        text: { type: 'string' },
      },
    },
  },
};

/** The JSON schema of a route's body: from the description, or the channel's own for webhooks. */
function bodySchema(op: Operation): JsonSchema | undefined {
  if (op.path.includes('/telegram/')) return TELEGRAM_UPDATE;
  if (op.path.includes('/channels/api/'))
    return z.toJSONSchema(apiInboundSchema, { io: 'input' }) as JsonSchema;
  return op.requestBody?.content['application/json']?.schema;
}

interface Case {
  params: 'real' | string;
  query: Record<string, string>;
  headers: HeaderCase;
  body: BodyCase | null;
}

function cases(op: Operation): Case[] {
  const hasBody = !['GET', 'DELETE'].includes(op.method);
  const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
  const hasPathParam = (op.parameters ?? []).some((p) => p.in === 'path');
  const queryValue = (p: NonNullable<Operation['parameters']>[number]) =>
    fc.oneof(
      fc.constant<string | null>(null),
      fc.constant(encodeURIComponent(String(plausible(p.schema, p.name, known)))),
      nastyRawParam,
    );
  const arbitrary = fc.record({
    params: hasPathParam
      ? fc.oneof(
          { weight: 3, arbitrary: fc.constant('real') },
          { weight: 1, arbitrary: nastyRawParam },
        )
      : fc.constant('real'),
    query: fc
      .tuple(...queryParams.map((p) => queryValue(p).map((v) => [p.name, v] as const)))
      .map(
        (pairs) =>
          Object.fromEntries(pairs.filter(([, v]) => v !== null)) as Record<string, string>,
      ),
    headers: headerCase,
    body: hasBody ? badBodies(bodySchema(op), known) : fc.constant(null),
  });
  return fc.sample(arbitrary, { seed: SEED, numRuns: RUNS_PER_ROUTE });
}

function request(op: Operation, c: Case) {
  const url =
    op.path
      .replace('{id}', c.params === 'real' ? pathId(op.path) : c.params)
      .replace('{key}', c.params === 'real' ? pathKey(op.path) : c.params) +
    (Object.keys(c.query).length > 0
      ? `?${Object.entries(c.query)
          .map(([k, v]) => `${k}=${v}`)
          .join('&')}`
      : '');
  const headers: Record<string, string> = {};
  const visitor = op.path.startsWith('/api/v1/visitor/');
  if (c.headers !== 'unauthenticated')
    headers.authorization = `Bearer ${visitor ? visitorToken : adminToken}`;
  if (c.headers === 'origin null') headers.origin = 'null';
  let payload: string | undefined;
  if (c.body) {
    payload = c.headers === 'malformed json' ? '{"a":' : toJson(c.body.body);
    const type =
      c.headers === 'json' || c.headers === 'origin null' || c.headers === 'unauthenticated'
        ? 'application/json'
        : c.headers === 'malformed json'
          ? 'application/json'
          : c.headers === 'no content-type'
            ? null
            : c.headers;
    if (type) headers['content-type'] = type;
  }
  if (op.path.includes('/telegram/') && c.headers !== 'unauthenticated') {
    const channel = account.channels.telegram!;
    headers['x-telegram-bot-api-secret-token'] = webhookSecret(
      {},
      channel.id,
      server.sb.config.secrets.current(),
    );
  }
  if (op.path.includes('/channels/api/') && c.headers !== 'unauthenticated')
    Object.assign(
      headers,
      signedHeaders('a-long-enough-hmac-secret-123456', payload ?? '', new Date()),
    );
  return { method: op.method as 'POST', url, headers, payload };
}

/** Why an answer breaks the contract, or null when it keeps it. */
function violation(res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `${res.statusCode}`;
  if (res.statusCode < 400) return null;
  let body: { error?: { code?: unknown; message?: unknown; field?: unknown } } | null;
  try {
    body = res.json();
  } catch {
    return `${res.statusCode} off-shape: not JSON`;
  }
  const e = body?.error;
  if (!e || typeof e.code !== 'string' || typeof e.message !== 'string')
    return `${res.statusCode} off-shape: ${JSON.stringify(body).slice(0, 80)}`;
  if (!(e.field === undefined || e.field === null || typeof e.field === 'string'))
    return `${res.statusCode} off-shape: field ${typeof e.field}`;
  const entry = ERROR_CATALOG[e.code as keyof typeof ERROR_CATALOG];
  if (!entry) return `${res.statusCode} off-shape: unknown code ${e.code}`;
  if (entry.status !== res.statusCode)
    return `${res.statusCode} off-shape: ${e.code} is documented as ${entry.status}`;
  return null;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return 'NUL';
    if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value))
      return 'lone surrogate';
    if (value.length > 10_000) return 'huge string';
    if (known.taken.includes(value)) return 'taken name';
    return 'string';
  }
  if (value instanceof Nested) return 'deep nesting';
  if (Array.isArray(value)) return value.length > 1000 ? 'long array' : 'array';
  if (value && typeof value === 'object') return Object.keys(value).length ? 'object' : '{}';
  return value === null ? 'null' : typeof value;
}

function caseLabel(c: Case): string {
  const parts: string[] = [c.headers];
  if (c.params !== 'real') parts.push(`param ${c.params.slice(0, 20)}`);
  if (Object.keys(c.query).length) parts.push('query');
  if (c.body) {
    const b = c.body;
    if (b.kind === 'bad-field') {
      const value = b.field
        .split('.')
        .reduce<unknown>((v, k) => (v as Record<string, unknown> | null)?.[k], b.body);
      parts.push(`${b.field}=${describeValue(value)}`);
    } else if (b.kind === 'missing-field') parts.push(`without ${b.field}`);
    else parts.push(`${b.kind} ${describeValue(b.body)}`);
  }
  return parts.join(', ');
}

describe(`fuzzing every route of the OpenAPI description (${storeName})`, () => {
  it('answers bad input with a 4xx in the error shape, never a 5xx', async () => {
    expect(operations.length).toBeGreaterThan(50);
    const failures = new Map<string, number>();
    let sent = 0;
    for (const op of operations) {
      for (const c of cases(op)) {
        const res = await app.inject(request(op, c));
        sent++;
        const broken = violation(res);
        if (!broken) continue;
        const key = `${broken} — ${op.method} ${op.path} — ${caseLabel(c)}`;
        failures.set(key, (failures.get(key) ?? 0) + 1);
      }
    }
    const report = [...failures].map(([key, n]) => `${n}× ${key}`).sort();
    if (process.env.FUZZ_REPORT) console.log(`${sent} requests\n${report.join('\n')}`);
    expect(report).toEqual([]);
  }, 240_000);
});
