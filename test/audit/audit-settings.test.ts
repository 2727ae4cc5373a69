import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Headers,
  type Line,
  playDialog,
  testClock,
  tokenHeaders,
} from '../support/dialogs.js';
import { buildAccount, startTestServer, storeName, type TestServer } from '../support/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies; the assertions check their shape
type Body = any;

const clock = testClock('2026-11-23T10:00:00Z');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ now: clock.now });
});
afterAll(() => server.close());

const spec = {
  teams: [{ name: 'Support', mode: 'manual' as const }],
  operators: [
    { name: 'Sofia', role: 'supervisor' as const },
    { name: 'Natalia', teams: ['Support'], online: true },
  ],
  channels: [{ name: 'widget', team: 'Support' }],
};

async function setup() {
  const account = await buildAccount(server.sb.services, spec);
  const supervisor = await tokenHeaders(server.sb.services, account.scopeOf('Sofia'));
  const admin = await tokenHeaders(server.sb.services, account.scopeOf('admin'));
  return { account, supervisor, admin };
}

async function call(method: string, path: string, headers: Headers, body?: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Body };
}

const empty = { greeting: [], farewell: [], banned: [] };
const settings = (over: Partial<{ disabled: string[]; en: Record<string, string[]> }> = {}) => ({
  disabled: over.disabled ?? [],
  phrases: { ru: empty, uk: empty, en: { ...empty, ...over.en } },
});

let minute = 0;
async function closedDialog(
  account: Awaited<ReturnType<typeof setup>>['account'],
  lines: readonly Line[],
  takeAt?: number,
) {
  minute += 10;
  const id = await playDialog(server.sb.services, clock, {
    account,
    operator: 'Natalia',
    startAt: Date.parse('2026-11-23T10:00:00Z') + minute * 60_000,
    lines,
    contactName: null,
    ...(takeAt === undefined ? {} : { takeAt }),
  });
  await server.sb.auditor.idle();
  return id;
}

const outcomesOf = (body: Body): Record<string, string> =>
  Object.fromEntries(
    body.checks.map((c: { check: string; outcome: string }) => [c.check, c.outcome]),
  );

describe(`audit settings per account (${storeName})`, () => {
  it('starts from the defaults, and only admins change them', async () => {
    const { supervisor, admin } = await setup();
    const initial = await call('GET', '/audit/settings', supervisor);
    expect(initial.status).toBe(200);
    expect(initial.body).toEqual({ ...settings(), updatedAt: null });
    const denied = await call('PUT', '/audit/settings', supervisor, settings());
    expect(denied.status).toBe(403);
    const saved = await call(
      'PUT',
      '/audit/settings',
      admin,
      settings({ disabled: ['name'], en: { greeting: ['  Salutations,   traveller '] } }),
    );
    expect(saved.status).toBe(200);
    expect(saved.body.disabled).toEqual(['name']);
    expect(saved.body.phrases.en.greeting).toEqual(['Salutations, traveller']);
    expect(saved.body.updatedAt).toEqual(expect.any(String));
  });

  it('rejects bad settings naming the field, and writes nothing', async () => {
    const { supervisor, admin } = await setup();
    const unknown = await call('PUT', '/audit/settings', admin, settings({ disabled: ['speed'] }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toBe('disabled.0');
    const blank = await call('PUT', '/audit/settings', admin, settings({ en: { banned: ['!!'] } }));
    expect(blank.status).toBe(400);
    expect(blank.body.error.field).toBe('phrases.en.banned.0');
    const after = await call('GET', '/audit/settings', supervisor);
    expect(after.body.updatedAt).toBeNull();
  });

  it("audits with the account's phrases and leaves switched-off checks out of the score", async () => {
    const { account, supervisor, admin } = await setup();
    await call(
      'PUT',
      '/audit/settings',
      admin,
      settings({
        disabled: ['name', 'wait_warning'],
        en: { greeting: ['salutations'], banned: ['calm down'] },
      }),
    );
    const id = await closedDialog(account, [
      ['contact', 0, 'My parcel is late!!'],
      ['operator', 10, 'Salutations! Calm down please, which order number is it?'],
      ['contact', 30, '5512'],
      ['operator', 40, 'It is at the depot and will be delivered tomorrow morning.'],
    ]);
    const { body } = await call('GET', `/audit/conversations/${id}`, supervisor);
    const outcomes = outcomesOf(body);
    expect(outcomes.greeting).toBe('pass');
    expect(outcomes.name).toBe('na');
    expect(outcomes.wait_warning).toBe('na');
    expect(outcomes.no_brush_off).toBe('fail');
    const banned = body.checks.find((c: { check: string }) => c.check === 'no_brush_off');
    expect(banned.span).toEqual(['Salutations! '.length, 'Salutations! Calm down'.length]);
  });

  it("counts a taken dialog the operator never answered in the operator's score", async () => {
    const { account, supervisor } = await setup();
    const id = await closedDialog(account, [['contact', 0, 'Hello, my card payment fails']], 30);
    const { body } = await call('GET', `/audit/conversations/${id}`, supervisor);
    const outcomes = outcomesOf(body);
    for (const check of [
      'greeting',
      'name',
      'clarifying_question',
      'helped_check',
      'anything_else',
      'farewell',
    ])
      expect(outcomes[check], check).toBe('fail');
    expect(body.score).toBeLessThan(0.5);
    const period = 'from=2026-11-20T00:00:00Z&to=2026-12-01T00:00:00Z';
    const operators = await call('GET', `/audit/operators?${period}`, supervisor);
    const natalia = operators.body.rows.find(
      (r: { operatorName: string }) => r.operatorName === 'Natalia',
    );
    expect(natalia.audited).toBe(1);
    expect(natalia.score).toBeCloseTo(body.score);
  });
});
