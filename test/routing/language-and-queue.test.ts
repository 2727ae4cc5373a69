// Language override and queue position over HTTP, on the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateTeam } from '../../src/actions/account/update-settings.js';
import { identifyContact } from '../../src/actions/contacts/identify-contact.js';
import { perform } from '../../src/actions/context.js';
import { startConversation } from '../../src/actions/conversations/start-conversation.js';
import { setOperatorStatus } from '../../src/actions/operators/set-operator-status.js';
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
let clock = Date.parse('2026-11-23T10:00:00Z');

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date(clock) });
});
afterAll(() => server.close());

const db = () => server.sb.services.db;

async function queueConversation(account: TestAccount): Promise<string> {
  const services = server.sb.services;
  const channelId = account.channels.widget!.id;
  const { result: contact } = await perform(services, account.system, (ctx) =>
    identifyContact(ctx, { channelId, externalId: crypto.randomUUID() }),
  );
  const { result } = await perform(services, account.system, (ctx) =>
    startConversation(ctx, { channelId, contactId: contact.id }),
  );
  clock += 1000;
  await server.sb.router.route(account.accountId);
  return result.conversation.id;
}

const conversation = (id: string) =>
  db()
    .selectFrom('conversations')
    .select(['state', 'operator_id', 'language'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

/** The router runs on the event in the background: wait until it is done with this one. */
async function untilState(id: string, state: string) {
  for (let i = 0; i < 500; i++) {
    if ((await conversation(id)).state === state) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`conversation never became ${state}`);
}

async function putLanguage(headers: Record<string, string>, id: string, language: string) {
  return fetch(`${server.url}/api/v1/conversations/${id}/language`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ language }),
  });
}

describe(`language override (${storeName})`, () => {
  it('routes a queued conversation by the language a supervisor sets', async () => {
    const account = await buildAccount(server.sb.services, {
      teams: [{ name: 'Support', mode: 'least_loaded' }],
      operators: [{ name: 'Olena', teams: ['Support'], languages: ['uk'] }],
      channels: [{ name: 'widget', team: 'Support' }],
    });
    await perform(server.sb.services, account.scopeOf('admin'), (ctx) =>
      updateTeam(ctx, { teamId: account.teams.Support!, languageRouting: true }),
    );
    const admin = await loginHeaders(server.url, account.admin);
    const id = await queueConversation(account);

    const ru = await putLanguage(admin, id, 'RU');
    expect(ru.status).toBe(200);
    expect(
      ((await ru.json()) as { conversation: { language: string } }).conversation.language,
    ).toBe('ru');
    await perform(server.sb.services, account.system, (ctx) =>
      setOperatorStatus(ctx, { operatorId: account.operator('Olena').id, status: 'online' }),
    );
    await server.sb.router.route(account.accountId);
    expect((await conversation(id)).state).toBe('queued');

    expect((await putLanguage(admin, id, 'uk')).status).toBe(200);
    await untilState(id, 'assigned');
    expect((await conversation(id)).operator_id).toBe(account.operator('Olena').id);
  });

  it('lets the conversation’s own operator change it, and nobody else below supervisor', async () => {
    const account = await buildAccount(server.sb.services, {
      operators: [{ name: 'Natalia', online: true }, { name: 'Maxim' }],
    });
    const id = await queueConversation(account);
    expect((await conversation(id)).operator_id).toBe(account.operator('Natalia').id);
    const natalia = await loginHeaders(server.url, account.operator('Natalia'));
    const maxim = await loginHeaders(server.url, account.operator('Maxim'));

    const other = await putLanguage(maxim, id, 'en');
    expect(other.status).toBe(403);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('forbidden');

    expect((await putLanguage(natalia, id, 'en')).status).toBe(200);
    expect((await conversation(id)).language).toBe('en');
  });

  it('refuses an unknown code, naming the field', async () => {
    const account = await buildAccount(server.sb.services, {
      operators: [{ name: 'Natalia', online: true }],
    });
    const id = await queueConversation(account);
    const admin = await loginHeaders(server.url, account.admin);
    for (const bad of ['xx', 'english']) {
      const res = await putLanguage(admin, id, bad);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; field: string } };
      expect(body.error).toMatchObject({ code: 'validation_failed', field: 'language' });
    }
    expect((await conversation(id)).language).toBeNull();
  });
});

interface Standing {
  position: number | null;
  ahead: number | null;
  estimatedWaitS: number | null;
}

describe(`queue position and estimated wait (${storeName})`, () => {
  it('gives place in line and wait to operators, and nulls once assigned', async () => {
    const account = await buildAccount(server.sb.services, {
      operators: [{ name: 'Ivan', limit: 1, online: true }],
    });
    const served = await queueConversation(account);
    const second = await queueConversation(account);
    const third = await queueConversation(account);
    const admin = await loginHeaders(server.url, account.admin);
    const standing = async (id: string) => {
      const res = await fetch(`${server.url}/api/v1/conversations/${id}/queue`, {
        headers: admin,
      });
      expect(res.status).toBe(200);
      return (await res.json()) as Standing;
    };
    expect(await standing(served)).toEqual({ position: null, ahead: null, estimatedWaitS: null });
    // One slot, busy; no handle times measured yet, so 5 min each; one
    // assignment in 15 min is slower than that and does not count.
    expect(await standing(second)).toEqual({ position: 1, ahead: 0, estimatedWaitS: 300 });
    expect(await standing(third)).toEqual({ position: 2, ahead: 1, estimatedWaitS: 600 });
    // The client's queued notice tells the same estimate.
    const notice = await server.sb.services.db
      .selectFrom('messages')
      .select('text')
      .where('conversation_id', '=', third)
      .where('author_kind', '=', 'system')
      .executeTakeFirstOrThrow();
    expect(notice.text).toContain('#2 in line');
    expect(notice.text).toContain('about 10 min');
  });

  it('shows visitors their own conversation only', async () => {
    const account = await buildAccount(server.sb.services, {
      operators: [{ name: 'Ivan', limit: 1, online: true }],
    });
    const key = account.channels.widget!.publicKey;
    const visitors = [await visitorSession(server.url, key), await visitorSession(server.url, key)];
    const conversations: string[] = [];
    for (const v of visitors) {
      const res = await fetch(`${server.url}/api/v1/visitor/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${v.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'Hello, I need help with my order' }),
      });
      expect(res.status).toBe(201);
      conversations.push(((await res.json()) as { conversationId: string }).conversationId);
      await server.sb.router.route(account.accountId);
    }
    const ask = (token: string, id: string) =>
      fetch(`${server.url}/api/v1/visitor/conversations/${id}/queue`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const own = await ask(visitors[1]!.token, conversations[1]!);
    expect(own.status).toBe(200);
    expect(((await own.json()) as Standing).position).toBe(1);
    expect((await ask(visitors[1]!.token, conversations[0]!)).status).toBe(404);
  });
});
