import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCannedResponse } from '../../src/actions/catalog/create-canned-response.js';
import { createCategory } from '../../src/actions/catalog/create-category.js';
import { type ActionContext, perform } from '../../src/actions/context.js';
import { categorizeConversation } from '../../src/actions/conversations/categorize-conversation.js';
import { listCategories } from '../../src/store/queries/account.js';
import {
  buildAccount,
  loginHeaders,
  startTestServer,
  storeName,
  type TestAccount,
  type TestServer,
  visitorSession,
} from '../support/harness.js';

let server: TestServer;
let mine: TestAccount;
let theirs: TestAccount;

beforeAll(async () => {
  server = await startTestServer();
  const spec = {
    teams: [{ name: 'Support', mode: 'manual' as const }],
    operators: [
      { name: 'Natalia', role: 'supervisor' as const, teams: ['Support'], online: true },
      { name: 'Ivan', teams: ['Support'], online: true },
    ],
    channels: [{ name: 'widget', team: 'Support' }],
  };
  mine = await buildAccount(server.sb.services, spec);
  theirs = await buildAccount(server.sb.services, spec);
});
afterAll(() => server.close());

async function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
  const { 'content-type': _type, ...bare } = headers;
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: body === undefined ? bare : headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** A conversation with one client message, in the given account. */
async function conversationIn(account: TestAccount) {
  const visitor = await visitorSession(server.url, account.channels.widget!.publicKey);
  const sent = await call(
    'POST',
    '/api/v1/visitor/messages',
    { authorization: `Bearer ${visitor.token}`, 'content-type': 'application/json' },
    { text: 'Hello', clientKey: 'a' },
  );
  expect(sent.status).toBe(201);
  return {
    conversationId: sent.body.conversationId as string,
    contactId: visitor.contactId,
    token: visitor.token,
  };
}

describe(`HTTP API (${storeName})`, () => {
  it('answers health (liveness) and readiness with the database checked', async () => {
    const res = await call('GET', '/api/health', {});
    // The test server is given the run's database by URL, as any external PostgreSQL.
    expect(res).toMatchObject({ status: 200, body: { status: 'ok', store: 'postgres' } });
    const ready = await call('GET', '/api/ready', {});
    expect(ready).toMatchObject({
      status: 200,
      body: { status: 'ready', checks: { database: 'ok', bus: 'ok', migrations: 'ok' } },
    });
  });

  it('serves OpenAPI 3.1 describing the routes', async () => {
    const res = await call('GET', '/api/openapi.json', {});
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toContain('/api/v1/conversations/{id}/take');
  });

  it('names the field in validation errors and writes nothing', async () => {
    const admin = await loginHeaders(server.url, mine.admin);
    const res = await call('POST', '/api/v1/operators', admin, {
      email: 'not-an-email',
      name: 'X',
      role: 'operator',
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', field: 'email' });
  });

  it('refuses a wrong password with a stable code', async () => {
    const res = await call(
      'POST',
      '/api/v1/auth/login',
      { 'content-type': 'application/json' },
      { email: mine.admin.email, password: 'wrong' },
    );
    expect(res).toMatchObject({ status: 401, body: { error: { code: 'invalid_credentials' } } });
  });

  it('requires the CSRF header on cookie-authenticated writes', async () => {
    const { 'x-csrf-token': _csrf, ...noCsrf } = await loginHeaders(server.url, mine.admin);
    const res = await call('POST', '/api/v1/categories', noCsrf, { name: 'Refunds' });
    expect(res).toMatchObject({ status: 403, body: { error: { code: 'csrf_failed' } } });
  });

  it('lets only admins configure the account and only supervisors manage operators', async () => {
    const ivan = await loginHeaders(server.url, mine.operator('Ivan'));
    const natalia = await loginHeaders(server.url, mine.operator('Natalia'));
    expect((await call('POST', '/api/v1/categories', ivan, { name: 'Nope' })).body.error.code).toBe(
      'forbidden',
    );
    expect((await call('POST', '/api/v1/categories', natalia, { name: 'Nope' })).status).toBe(403);
    expect(
      (await call('PATCH', `/api/v1/operators/${mine.operator('Natalia').id}`, ivan, { limit: 9 }))
        .status,
    ).toBe(403);
    expect(
      (await call('PATCH', `/api/v1/operators/${mine.operator('Ivan').id}`, natalia, { limit: 3 }))
        .status,
    ).toBe(200);
    expect(
      (
        await call('PUT', `/api/v1/operators/${mine.operator('Natalia').id}/status`, ivan, {
          status: 'away',
        })
      ).status,
    ).toBe(403);
  });

  it('answers 404 to every route for another account’s conversation, leaking nothing', async () => {
    const other = await conversationIn(theirs);
    const natalia = await loginHeaders(server.url, mine.operator('Natalia'));
    const id = other.conversationId;
    const attempts = [
      call('GET', `/api/v1/conversations/${id}`, natalia),
      call('GET', `/api/v1/conversations/${id}/messages`, natalia),
      call('POST', `/api/v1/conversations/${id}/messages`, natalia, { text: 'hi' }),
      call('POST', `/api/v1/conversations/${id}/take`, natalia, undefined),
      call('POST', `/api/v1/conversations/${id}/close`, natalia, {}),
      call('POST', `/api/v1/conversations/${id}/assign`, natalia, {
        operatorId: mine.operator('Ivan').id,
      }),
      call('POST', `/api/v1/conversations/${id}/transfer`, natalia, {
        toTeamId: mine.teams.Support,
      }),
      call('POST', `/api/v1/conversations/${id}/navigate`, natalia, { url: 'https://example.com' }),
      call('GET', `/api/v1/contacts/${other.contactId}`, natalia),
      call('POST', `/api/v1/contacts/${other.contactId}/block`, natalia, { blocked: true }),
      call(
        'PATCH',
        `/api/v1/teams/${theirs.teams.Support}`,
        await loginHeaders(server.url, mine.admin),
        { mode: 'random' },
      ),
      call('PATCH', `/api/v1/operators/${theirs.operator('Ivan').id}`, natalia, { limit: 1 }),
      call('PUT', `/api/v1/operators/${theirs.operator('Ivan').id}/status`, natalia, {
        status: 'offline',
      }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('Hello');
    }
    const list = await call('GET', '/api/v1/conversations', natalia);
    expect(list.body.conversations.map((c: { id: string }) => c.id)).not.toContain(id);
    const visitorOfMine = await conversationIn(mine);
    const peek = await call('GET', `/api/v1/visitor/conversations/${id}/messages`, {
      authorization: `Bearer ${visitorOfMine.token}`,
    });
    expect(peek.status).toBe(404);
  });

  it('renames categories and canned responses, naming the field of a taken name, within the account only', async () => {
    const admin = await loginHeaders(server.url, mine.admin);
    const create = async (name: string) =>
      (await call('POST', '/api/v1/categories', admin, { name })).body.id as string;
    const billing = await create('Billing');
    await create('Refunds');
    const rename = (id: string, name: string, as = admin) =>
      call('PATCH', `/api/v1/categories/${id}`, as, { name });

    expect(await rename(billing, ' Refunds ')).toMatchObject({
      status: 409,
      body: { error: { code: 'conflict', field: 'name' } },
    });
    expect(await rename(billing, '   ')).toMatchObject({
      status: 400,
      body: { error: { code: 'validation_failed', field: 'name' } },
    });
    expect((await call('POST', '/api/v1/categories', admin, { name: ' ' })).status).toBe(400);

    // A category closed conversations use cannot go, but it can be renamed.
    const { conversationId } = await conversationIn(mine);
    const set = await call('PATCH', `/api/v1/conversations/${conversationId}/category`, admin, {
      categoryId: billing,
    });
    expect(set.status).toBe(200);
    expect(await call('DELETE', `/api/v1/categories/${billing}`, admin)).toMatchObject({
      status: 409,
      body: { error: { code: 'conflict', field: 'categoryId' } },
    });
    expect(await rename(billing, 'Payments')).toMatchObject({
      status: 200,
      body: { id: billing, name: 'Payments' },
    });
    const names = (await call('GET', '/api/v1/categories', admin)).body.categories.map(
      (c: { name: string }) => c.name,
    );
    expect(names).toContain('Payments');
    expect(names).not.toContain('Billing');

    const canned = async (shortcut: string) =>
      (await call('POST', '/api/v1/canned-responses', admin, { shortcut, text: 'Hi' })).body
        .id as string;
    const hello = await canned('hello');
    await canned('bye');
    expect(
      await call('PATCH', `/api/v1/canned-responses/${hello}`, admin, { shortcut: '/bye' }),
    ).toMatchObject({ status: 409, body: { error: { code: 'conflict', field: 'shortcut' } } });
    expect(
      await call('PATCH', `/api/v1/canned-responses/${hello}`, admin, { shortcut: 'hi' }),
    ).toMatchObject({ status: 200, body: { shortcut: 'hi' } });

    // Another account's category — even one in use — and canned response: 404, nothing changed.
    const asTheirAdmin = <T>(action: (ctx: ActionContext) => Promise<T>) =>
      perform(server.sb.services, theirs.scopeOf('admin'), action).then((r) => r.result);
    const theirCategory = (await asTheirAdmin((ctx) => createCategory(ctx, { name: 'Theirs' }))).id;
    const theirConversation = await conversationIn(theirs);
    await asTheirAdmin((ctx) =>
      categorizeConversation(ctx, {
        conversationId: theirConversation.conversationId,
        categoryId: theirCategory,
      }),
    );
    const theirCanned = (
      await asTheirAdmin((ctx) => createCannedResponse(ctx, { shortcut: 'x', text: 'X' }))
    ).id;
    for (const res of [
      await call('DELETE', `/api/v1/categories/${theirCategory}`, admin),
      await rename(theirCategory, 'Mine now'),
      await call('PATCH', `/api/v1/canned-responses/${theirCanned}`, admin, { text: 'Mine' }),
      await call('DELETE', `/api/v1/canned-responses/${theirCanned}`, admin),
    ])
      expect(res).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect(await listCategories(server.sb.services.db, theirs.accountId)).toContainEqual({
      id: theirCategory,
      name: 'Theirs',
    });
  });

  it('lets the first of two operators take a manual conversation; the second hears "already taken"', async () => {
    const { conversationId } = await conversationIn(mine);
    const [a, b] = await Promise.all([
      loginHeaders(server.url, mine.operator('Natalia')),
      loginHeaders(server.url, mine.operator('Ivan')),
    ]);
    const results = await Promise.all([
      call('POST', `/api/v1/conversations/${conversationId}/take`, a, undefined),
      call('POST', `/api/v1/conversations/${conversationId}/take`, b, undefined),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe(
      'conversation_already_taken',
    );
  });

  it('refuses a forged visitor token', async () => {
    const res = await call('GET', '/api/v1/visitor/conversations', {
      authorization: 'Bearer v1.eyJjb250YWN0SWQiOiJ4In0.forged',
    });
    expect(res.body.error.code).toBe('unauthenticated');
  });
});
