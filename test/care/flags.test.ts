// The angry/urgent flag on a real database and server (issue 17): a client
// message flags the conversation (with reasons, conversation.flagged to staff),
// the flagged one is assigned before an earlier calm one of the same priority
// and counted ahead of it in the client's queue position, and the flag
// statistics count it and time the first operator answer after it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perform } from '../../src/actions/context.js';
import { sendMessage } from '../../src/actions/messages/send-message.js';
import { setOperatorStatus } from '../../src/actions/operators/set-operator-status.js';
import { onLocalEvents } from '../../src/events/bus.js';
import type { StoredEvent } from '../../src/events/catalog.js';
import {
  buildAccount,
  type LoginHeaders,
  loginHeaders,
  startTestServer,
  type TestAccount,
  type TestServer,
  visitorSession,
} from '../support/harness.js';

let clock = Date.parse('2025-06-02T09:00:00Z');
let server: TestServer;
let account: TestAccount;
let supervisor: LoginHeaders;
const events: StoredEvent[] = [];

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date(clock) });
  account = await buildAccount(server.sb.services, {
    teams: [{ name: 'Desk', mode: 'least_loaded' }],
    operators: [
      { name: 'Tatiana', teams: ['Desk'], limit: 1 },
      { name: 'Natalia', role: 'supervisor', teams: ['Desk'], limit: 5 },
    ],
    channels: [{ name: 'site', kind: 'widget', team: 'Desk' }],
  });
  supervisor = await loginHeaders(server.url, account.operator('Natalia'));
  onLocalEvents(server.sb.services.bus, (batch) => events.push(...batch));
});

afterAll(async () => {
  await server?.close();
});

async function client(name: string, text: string) {
  const { token } = await visitorSession(server.url, account.channels.site!.publicKey, { name });
  const res = await fetch(`${server.url}/api/v1/visitor/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ text }),
  });
  expect(res.status).toBe(201);
  const conversationId = ((await res.json()) as { conversationId: string }).conversationId;
  const position = async () => {
    const r = await fetch(`${server.url}/api/v1/visitor/conversations/${conversationId}/queue`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return ((await r.json()) as { position: number | null }).position;
  };
  const own = async () => {
    const r = await fetch(`${server.url}/api/v1/visitor/conversations`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return ((await r.json()) as { conversations: Record<string, unknown>[] }).conversations;
  };
  return { conversationId, position, own };
}

const get = (path: string) => fetch(`${server.url}/api/v1${path}`, { headers: supervisor });

describe('angry or urgent clients', () => {
  it('flags the conversation and moves it ahead of calm ones of the same priority', async () => {
    const calm = await client('Anna', 'Hello, where is my parcel?');
    clock += 10_000;
    const angry = await client('Boris', 'Третий раз пишу, верните деньги!!!');
    const row = await server.sb.services.db
      .selectFrom('conversations')
      .select(['flagged_at', 'flag_reasons'])
      .where('id', '=', angry.conversationId)
      .executeTakeFirstOrThrow();
    expect(row.flagged_at).toEqual(new Date(clock));
    expect(row.flag_reasons).toEqual(['repeat_contact', 'refund_demand', 'punctuation']);
    const flagged = events.find((e) => e.type === 'conversation.flagged');
    expect(flagged?.audience).toBe('queue');
    expect(flagged?.conversationId).toBe(angry.conversationId);

    // The client is never told they were flagged.
    const seen = await angry.own();
    expect(seen.map((c) => c.id)).toEqual([angry.conversationId]);
    expect(seen[0]).not.toHaveProperty('flag');
    expect(seen[0]).not.toHaveProperty('closeNote');

    // The client's place in line counts the flag too.
    expect(await angry.position()).toBe(1);
    expect(await calm.position()).toBe(2);
    const list = await get('/conversations?state=queued');
    const queued = ((await list.json()) as { conversations: { id: string }[] }).conversations;
    expect(queued.map((c) => c.id)).toEqual([angry.conversationId, calm.conversationId]);

    // Tatiana comes online with one free slot: Boris gets it, though Anna came first.
    await perform(server.sb.services, account.system, (ctx) =>
      setOperatorStatus(ctx, { operatorId: account.operator('Tatiana').id, status: 'online' }),
    );
    await expect
      .poll(async () => {
        const c = await server.sb.services.db
          .selectFrom('conversations')
          .select(['id', 'state'])
          .where('id', 'in', [angry.conversationId, calm.conversationId])
          .execute();
        return Object.fromEntries(
          c.map((x) => [x.id === angry.conversationId ? 'angry' : 'calm', x.state]),
        );
      })
      .toEqual({ angry: 'assigned', calm: 'queued' });

    // Tatiana answers 45 s after the flag; a calm client's message never flags.
    clock += 45_000;
    await perform(server.sb.services, account.scopeOf('Tatiana'), (ctx) =>
      sendMessage(ctx, { conversationId: angry.conversationId, text: 'Сейчас разберусь' }),
    );
    const answered = await server.sb.services.db
      .selectFrom('conversations')
      .select(['flag_answered_at'])
      .where('id', '=', angry.conversationId)
      .executeTakeFirstOrThrow();
    expect(answered.flag_answered_at).toEqual(new Date(clock));

    const from = new Date(clock - 3_600_000).toISOString();
    const to = new Date(clock + 3_600_000).toISOString();
    const report = await get(`/reports/flags?by=channel&from=${from}&to=${to}`);
    expect(report.status).toBe(200);
    const body = (await report.json()) as { rows: Record<string, unknown>[] };
    expect(body.rows).toEqual([
      {
        key: account.channels.site!.id,
        label: 'site',
        conversations: 2,
        flagged: 1,
        flaggedShare: 0.5,
        answered: 1,
        answerAvgS: 45,
        answerMedianS: 45,
      },
    ]);
    const csv = await get(`/reports/flags?by=day&from=${from}&to=${to}&format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'key,label,conversations,flagged,flaggedShare,answered,answerAvgS,answerMedianS',
    );
    expect(lines[1]).toBe('2025-06-02T00:00:00.000Z,2025-06-02,2,1,0.5,1,45,45');
  });

  it('refuses the flag report to operators and bad filters with the field named', async () => {
    const tatiana = await loginHeaders(server.url, account.operator('Tatiana'));
    const refused = await fetch(`${server.url}/api/v1/reports/flags`, { headers: tatiana });
    expect(refused.status).toBe(403);
    const bad = await get('/reports/flags?by=month');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field?: string } }).error.field).toBe('by');
  });
});
