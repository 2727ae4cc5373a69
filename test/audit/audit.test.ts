import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perform } from '../../src/actions/context.js';
import { closeConversation } from '../../src/actions/conversations/close-conversation.js';
import { sendMessage } from '../../src/actions/messages/send-message.js';
import { AUDIT_CHECKS } from '../../src/domain/audit/index.js';
import { periodicSweepSince } from '../../src/processors/auditor.js';
import {
  BAD_DIALOG,
  GOOD_DIALOG,
  type Headers,
  playDialog,
  testClock,
  tokenHeaders,
} from '../support/dialogs.js';
import {
  buildAccount,
  startTestServer,
  storeName,
  type TestAccount,
  type TestServer,
} from '../support/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies; the assertions check their shape
type Body = any;

const clock = testClock('2026-11-23T10:00:00Z');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ now: clock.now });
});
afterAll(() => server.close());

// A manual team: nobody is routed automatically, so each test says who takes a dialog.
const spec = {
  teams: [{ name: 'Support', mode: 'manual' as const }],
  operators: [
    { name: 'Sofia', role: 'supervisor' as const },
    { name: 'Natalia', teams: ['Support'], online: true },
    { name: 'Maxim', teams: ['Support'], online: true },
  ],
  channels: [{ name: 'widget', team: 'Support' }],
};

async function setup() {
  const account = await buildAccount(server.sb.services, spec);
  const headers = await tokenHeaders(server.sb.services, account.scopeOf('Sofia'));
  return { account, headers };
}

let minute = 0;
/** Plays a dialog a fresh minute later than the last one (so closes are ordered) and audits it. */
async function closed(
  account: TestAccount,
  operator: string,
  lines = GOOD_DIALOG,
  contactName: string | null = 'Emily',
  contactEmail: string | null = null,
) {
  minute += 10;
  const startAt = Date.parse('2026-11-23T10:00:00Z') + minute * 60_000;
  const id = await playDialog(server.sb.services, clock, {
    account,
    operator,
    startAt,
    lines,
    contactName,
    contactEmail,
  });
  await server.sb.auditor.idle();
  return id;
}

async function get(path: string, headers: Headers) {
  const res = await fetch(`${server.url}/api/v1${path}`, { headers });
  return { status: res.status, body: (await res.json()) as Body };
}

async function send(method: string, path: string, headers: Headers, body: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers,
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Body };
}

// The period every query uses: the dialogs are played on the test clock.
const period = 'from=2026-11-20T00:00:00Z&to=2026-12-01T00:00:00Z';

describe(`dialog audit storage and API (${storeName})`, () => {
  it('stores all ten outcomes of a closed dialog, pointing at its messages', async () => {
    const { account, headers } = await setup();
    const id = await closed(account, 'Natalia');
    const { status, body } = await get(`/audit/conversations/${id}`, headers);
    expect(status).toBe(200);
    expect(body.conversationId).toBe(id);
    expect(body.operatorId).toBe(account.operator('Natalia').id);
    expect(body.score).toBe(1);
    expect(body.checks.map((c: { check: string }) => c.check)).toEqual([...AUDIT_CHECKS]);
    expect(body.checks.every((c: { outcome: string }) => c.outcome === 'pass')).toBe(true);
    expect(body.review).toBeNull();
    // The greeting is the operator's first message.
    const greeting = body.checks.find((c: { check: string }) => c.check === 'greeting');
    const first = await server.sb.services.db
      .selectFrom('messages')
      .select('id')
      .where('conversation_id', '=', id)
      .where('author_kind', '=', 'operator')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    expect(greeting.messageId).toBe(first.id);
  });

  it('records a failing dialog with its failed checks and tells supervisors only', async () => {
    const { account, headers } = await setup();
    const id = await closed(account, 'Maxim', BAD_DIALOG, null);
    const { body } = await get(`/audit/conversations/${id}`, headers);
    const outcomes = Object.fromEntries(
      body.checks.map((c: { check: string; outcome: string }) => [c.check, c.outcome]),
    );
    expect(outcomes.greeting).toBe('fail');
    expect(outcomes.no_one_word).toBe('fail');
    expect(outcomes.no_phone_push).toBe('fail');
    expect(outcomes.wait_warning).toBe('na');
    expect(outcomes.no_brush_off).toBe('fail');
    expect(body.score).toBe(0);
    const events = await server.sb.services.db
      .selectFrom('events')
      .select(['type', 'audience'])
      .where('account_id', '=', account.accountId)
      .where('conversation_id', '=', id)
      .where('type', '=', 'audit.recorded')
      .execute();
    expect(events).toEqual([{ type: 'audit.recorded', audience: 'supervisors' }]);
  });

  it('audits once per close: a second run leaves the result and emits nothing', async () => {
    const { account } = await setup();
    const id = await closed(account, 'Natalia');
    const before = await server.sb.services.db
      .selectFrom('audit_results')
      .select('audited_at')
      .where('conversation_id', '=', id)
      .executeTakeFirstOrThrow();
    await server.sb.auditor.audit(account.accountId, id);
    // The sweep covers the whole database, which other test files share: assert on this dialog only.
    await server.sb.auditor.sweep();
    const after = await server.sb.services.db
      .selectFrom('audit_results')
      .select('audited_at')
      .where('conversation_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(after.audited_at).toEqual(before.audited_at);
    const events = await server.sb.services.db
      .selectFrom('events')
      .select('id')
      .where('conversation_id', '=', id)
      .where('type', '=', 'audit.recorded')
      .execute();
    expect(events).toHaveLength(1);
  });

  it('catches up on closes it missed (a restart) with the sweep', async () => {
    const { account, headers } = await setup();
    const id = await closed(account, 'Natalia');
    // As if the node died before auditing: the result is not there.
    await server.sb.services.db
      .deleteFrom('audit_results')
      .where('conversation_id', '=', id)
      .execute();
    expect((await get(`/audit/conversations/${id}`, headers)).status).toBe(404);
    expect(await server.sb.auditor.sweep()).toBeGreaterThanOrEqual(1);
    expect((await get(`/audit/conversations/${id}`, headers)).body.score).toBe(1);
  });

  it('sweeps only the closes since a given time when asked, every close otherwise', async () => {
    const { account, headers } = await setup();
    const older = await closed(account, 'Natalia');
    const newer = await closed(account, 'Natalia');
    const { db } = server.sb.services;
    const { closed_at } = await db
      .selectFrom('conversations')
      .select('closed_at')
      .where('id', '=', newer)
      .executeTakeFirstOrThrow();
    await db.deleteFrom('audit_results').where('conversation_id', 'in', [older, newer]).execute();

    await server.sb.auditor.sweep(new Date(closed_at!));
    expect((await get(`/audit/conversations/${newer}`, headers)).status).toBe(200);
    expect((await get(`/audit/conversations/${older}`, headers)).status).toBe(404);
    await server.sb.auditor.sweep();
    expect((await get(`/audit/conversations/${older}`, headers)).body.score).toBe(1);
  });

  it('plans periodic sweeps: every close at start and hourly, else the closes since the last full one', () => {
    const t = Date.parse('2026-11-23T10:00:00Z');
    const since = new Date(t - 5 * 60_000);
    expect(periodicSweepSince(null, t)).toBeNull();
    expect(periodicSweepSince(t, t + 60_000)).toEqual(since);
    expect(periodicSweepSince(t, t + 59 * 60_000)).toEqual(since);
    expect(periodicSweepSince(t, t + 60 * 60_000)).toBeNull();
  });

  it('re-audits a re-closed conversation and keeps the reviewer’s verdict', async () => {
    const { account, headers } = await setup();
    const id = await closed(account, 'Natalia');
    const verdicts = Object.fromEntries(AUDIT_CHECKS.map((c) => [c, 'pass']));
    verdicts.farewell = 'fail';
    const put = await send('PUT', `/audit/conversations/${id}/review`, headers, {
      verdicts,
      comment: 'Goodbye too short',
    });
    expect(put.status).toBe(200);
    // Reopened, the operator added a one-word reply, closed again later.
    await server.sb.services.db
      .updateTable('conversations')
      .set({ state: 'assigned', closed_at: null, closed_by: null })
      .where('id', '=', id)
      .execute();
    await server.sb.services.db
      .updateTable('operators')
      .set({ open_count: 1 })
      .where('id', '=', account.operator('Natalia').id)
      .execute();
    clock.set(clock.get() + 60_000);
    await perform(server.sb.services, account.scopeOf('Natalia'), (ctx) =>
      sendMessage(ctx, { conversationId: id, text: 'Ok.' }),
    );
    clock.set(clock.get() + 5_000);
    await perform(server.sb.services, account.scopeOf('Natalia'), (ctx) =>
      closeConversation(ctx, { conversationId: id }),
    );
    await server.sb.auditor.idle();
    const { body } = await get(`/audit/conversations/${id}`, headers);
    const oneWord = body.checks.find((c: { check: string }) => c.check === 'no_one_word');
    expect(oneWord.outcome).toBe('fail');
    expect(body.score).toBeLessThan(1);
    expect(body.closedAt).toBe(new Date(clock.get()).toISOString());
    expect(body.review.verdicts.farewell).toBe('fail');
    expect(body.review.comment).toBe('Goodbye too short');
    expect(body.review.reviewerId).toBe(account.operator('Sofia').id);
  });

  it('lists failing dialogs newest first, by check, with paging', async () => {
    const { account, headers } = await setup();
    const good = await closed(account, 'Natalia');
    const bad = [
      await closed(account, 'Maxim', BAD_DIALOG, null),
      await closed(account, 'Maxim', BAD_DIALOG, null),
      await closed(account, 'Natalia', BAD_DIALOG, null),
    ];
    const all = await get(`/audit/failing?${period}`, headers);
    expect(all.status).toBe(200);
    const ids = all.body.rows.map((r: { conversationId: string }) => r.conversationId);
    expect(ids).toEqual([...bad].reverse());
    expect(ids).not.toContain(good);
    expect(all.body.rows[0].failed).toContain('greeting');
    expect(all.body.rows[0].operatorName).toBe('Natalia');

    const page1 = await get(`/audit/failing?${period}&check=no_phone_push&limit=2`, headers);
    expect(page1.body.rows.map((r: { conversationId: string }) => r.conversationId)).toEqual([
      bad[2],
      bad[1],
    ]);
    const before = encodeURIComponent(page1.body.rows[1].closedAt);
    const page2 = await get(
      `/audit/failing?${period}&check=no_phone_push&limit=2&before=${before}`,
      headers,
    );
    expect(page2.body.rows.map((r: { conversationId: string }) => r.conversationId)).toEqual([
      bad[0],
    ]);
    const byOperator = await get(
      `/audit/failing?${period}&operatorId=${account.operator('Maxim').id}`,
      headers,
    );
    expect(byOperator.body.rows).toHaveLength(2);
    const none = await get(`/audit/failing?${period}&check=wait_warning`, headers);
    expect(none.body.rows).toEqual([]);
  });

  it('names each failing and sampled dialog by its client (name, else e-mail, else null) with its close time', async () => {
    const { account, headers } = await setup();
    const named = await closed(account, 'Natalia', BAD_DIALOG, 'Olena', 'olena@example.com');
    const mailed = await closed(account, 'Natalia', BAD_DIALOG, null, 'Max@Example.com');
    const anonymous = await closed(account, 'Natalia', BAD_DIALOG, null);
    const failing = await get(`/audit/failing?${period}`, headers);
    const byId = new Map(
      failing.body.rows.map((r: { conversationId: string }) => [r.conversationId, r]),
    );
    expect(byId.get(named)).toMatchObject({ contactName: 'Olena' });
    expect(byId.get(mailed)).toMatchObject({ contactName: 'max@example.com' });
    expect(byId.get(anonymous)).toMatchObject({ contactName: null });
    for (const r of failing.body.rows) expect(typeof r.contactId).toBe('string');

    const sample = await send('POST', '/audit/sample', headers, {
      size: 3,
      from: '2026-11-20T00:00:00Z',
      to: '2026-12-01T00:00:00Z',
    });
    expect(sample.status).toBe(200);
    expect(
      sample.body.conversations.map((c: { conversationId: string }) => c.conversationId),
    ).toEqual(sample.body.conversationIds);
    const drawn = new Map(
      sample.body.conversations.map((c: { conversationId: string }) => [c.conversationId, c]),
    );
    for (const [id, name] of [
      [named, 'Olena'],
      [mailed, 'max@example.com'],
      [anonymous, null],
    ] as const) {
      const row = byId.get(id) as { closedAt: string; contactId: string };
      expect(drawn.get(id)).toEqual({
        conversationId: id,
        contactId: row.contactId,
        contactName: name,
        closedAt: row.closedAt,
      });
    }

    const csv = await fetch(`${server.url}/api/v1/audit/failing?${period}&format=csv`, { headers });
    const [header, ...lines] = (await csv.text()).trim().split('\r\n');
    expect(header).toMatch(/^conversationId,contactName,operatorId,/);
    expect(lines.find((l) => l.startsWith(named))).toContain(',Olena,');
  });

  it('rolls scores up per operator, with outcome counts per check, as JSON and CSV', async () => {
    const { account, headers } = await setup();
    await closed(account, 'Natalia');
    await closed(account, 'Natalia', BAD_DIALOG, null);
    await closed(account, 'Maxim');
    const { body } = await get(`/audit/operators?${period}`, headers);
    const natalia = body.rows.find((r: { operatorName: string }) => r.operatorName === 'Natalia');
    expect(natalia.audited).toBe(2);
    expect(natalia.score).toBeCloseTo(0.5);
    expect(natalia.checks.greeting).toEqual({ pass: 1, fail: 1, na: 0 });
    expect(natalia.checks.wait_warning).toEqual({ pass: 1, fail: 0, na: 1 });
    const maxim = body.rows.find((r: { operatorName: string }) => r.operatorName === 'Maxim');
    expect(maxim.score).toBe(1);

    const res = await fetch(`${server.url}/api/v1/audit/operators?${period}&format=csv`, {
      headers,
    });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="audit-operators.csv"',
    );
    const [header, ...lines] = (await res.text()).trim().split('\r\n');
    expect(header).toMatch(/^operatorId,operatorName,audited,score,checks\.greeting\.pass,/);
    expect(lines).toHaveLength(2);
    expect(lines.find((l) => l.includes('Natalia'))).toMatch(/,2,0\.5,1,1,0,/);
  });

  it('samples unreviewed dialogs uniformly and never one already reviewed', async () => {
    const { account, headers } = await setup();
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await closed(account, 'Natalia'));
    const verdicts = Object.fromEntries(AUDIT_CHECKS.map((c) => [c, 'pass']));
    await send('PUT', `/audit/conversations/${ids[0]}/review`, headers, { verdicts });
    const all = await send('POST', '/audit/sample', headers, {
      size: 10,
      from: '2026-11-20T00:00:00Z',
      to: '2026-12-01T00:00:00Z',
    });
    expect(all.status).toBe(200);
    expect([...all.body.conversationIds].sort()).toEqual(ids.slice(1).sort());
    const two = await send('POST', '/audit/sample', headers, {
      size: 2,
      from: '2026-11-20T00:00:00Z',
      to: '2026-12-01T00:00:00Z',
    });
    expect(two.body.conversationIds).toHaveLength(2);
    expect(new Set(two.body.conversationIds).size).toBe(2);
    for (const id of two.body.conversationIds) expect(ids.slice(1)).toContain(id);
    const someoneElse = await send('POST', '/audit/sample', headers, {
      size: 5,
      from: '2026-11-20T00:00:00Z',
      to: '2026-12-01T00:00:00Z',
      operatorId: account.operator('Maxim').id,
    });
    expect(someoneElse.body.conversationIds).toEqual([]);
  });

  it('measures agreement between reviewers and the automatic audit', async () => {
    const { account, headers } = await setup();
    const a = await closed(account, 'Natalia');
    const b = await closed(account, 'Natalia');
    const allPass = Object.fromEntries(AUDIT_CHECKS.map((c) => [c, 'pass']));
    await send('PUT', `/audit/conversations/${a}/review`, headers, { verdicts: allPass });
    await send('PUT', `/audit/conversations/${b}/review`, headers, {
      verdicts: { ...allPass, name: 'fail' },
    });
    const { body } = await get(`/audit/agreement?${period}`, headers);
    expect(body.reviewed).toBe(2);
    expect(body.total).toBe(20);
    expect(body.agree).toBe(19);
    expect(body.perCheck.find((c: { check: string }) => c.check === 'name').agreement).toBe(0.5);
    expect(body.disagreements).toEqual([
      {
        conversationId: b,
        check: 'name',
        reviewer: 'fail',
        automatic: 'pass',
        note: expect.any(String),
      },
    ]);
  });

  it('rejects bad input naming the field', async () => {
    const { account, headers } = await setup();
    const id = await closed(account, 'Natalia');
    const partial = Object.fromEntries(AUDIT_CHECKS.slice(1).map((c) => [c, 'pass']));
    const cases: [string, string, string, unknown, string][] = [
      [
        'PUT',
        `/audit/conversations/${id}/review`,
        'missing',
        { verdicts: partial },
        'verdicts.greeting',
      ],
      [
        'PUT',
        `/audit/conversations/${id}/review`,
        'bad outcome',
        { verdicts: { ...partial, greeting: 'maybe' } },
        'verdicts.greeting',
      ],
      [
        'PUT',
        `/audit/conversations/${id}/review`,
        'long comment',
        { verdicts: { ...partial, greeting: 'pass' }, comment: 'x'.repeat(2001) },
        'comment',
      ],
      ['POST', '/audit/sample', 'size', { size: 0 }, 'size'],
      ['POST', '/audit/sample', 'size', { size: 201 }, 'size'],
      ['POST', '/audit/sample', 'from', { size: 1, from: 'yesterday' }, 'from'],
    ];
    for (const [method, path, what, body, field] of cases) {
      const res = await send(method, path, headers, body);
      expect(res.status, what).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', field });
    }
    const queries: [string, string][] = [
      ['/audit/failing?check=politeness', 'check'],
      ['/audit/failing?limit=0', 'limit'],
      ['/audit/failing?before=soon', 'before'],
      ['/audit/operators?from=2026-11-30T00:00:00Z&to=2026-11-01T00:00:00Z', 'from'],
      ['/audit/operators?teamId=nope', 'teamId'],
      [`/audit/operators?channelId=${crypto.randomUUID()}`, 'channelId'],
    ];
    for (const [path, field] of queries) {
      const res = await get(path, headers);
      expect(res.status, path).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'validation_failed', field });
    }
    const missing = await get(`/audit/conversations/${crypto.randomUUID()}`, headers);
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('conversation_not_found');
  });

  it('answers operators 403 on every audit endpoint', async () => {
    const { account } = await setup();
    const id = await closed(account, 'Natalia');
    const headers = await tokenHeaders(server.sb.services, account.scopeOf('Natalia'));
    const verdicts = Object.fromEntries(AUDIT_CHECKS.map((c) => [c, 'pass']));
    const responses = [
      await get('/audit/operators', headers),
      await get('/audit/failing', headers),
      await get(`/audit/conversations/${id}`, headers),
      await get('/audit/agreement', headers),
      await send('POST', '/audit/sample', headers, { size: 1 }),
      await send('PUT', `/audit/conversations/${id}/review`, headers, { verdicts }),
    ];
    for (const res of responses) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });

  it('keeps every account to itself', async () => {
    const mine = await setup();
    const theirs = await setup();
    const id = await closed(theirs.account, 'Natalia', BAD_DIALOG, null);
    await closed(mine.account, 'Natalia');
    expect((await get(`/audit/conversations/${id}`, mine.headers)).status).toBe(404);
    const verdicts = Object.fromEntries(AUDIT_CHECKS.map((c) => [c, 'pass']));
    const review = await send('PUT', `/audit/conversations/${id}/review`, mine.headers, {
      verdicts,
    });
    expect(review.status).toBe(404);
    expect((await get(`/audit/conversations/${id}`, theirs.headers)).body.review).toBeNull();
    const failing = await get(`/audit/failing?${period}`, mine.headers);
    expect(failing.body.rows).toEqual([]);
    const operators = await get(`/audit/operators?${period}`, mine.headers);
    expect(operators.body.rows.map((r: { operatorId: string }) => r.operatorId)).toEqual([
      mine.account.operator('Natalia').id,
    ]);
    const sample = await send('POST', '/audit/sample', mine.headers, {
      size: 50,
      from: '2026-11-20T00:00:00Z',
      to: '2026-12-01T00:00:00Z',
    });
    expect(sample.body.conversationIds).not.toContain(id);
    const foreignOperator = await get(
      `/audit/failing?operatorId=${theirs.account.operator('Natalia').id}`,
      mine.headers,
    );
    expect(foreignOperator.status).toBe(400);
    expect(foreignOperator.body.error.field).toBe('operatorId');
  });
});
