import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/actions/context.js';
import { event, type PendingEvent, type StoredEvent } from '../../src/events/catalog.js';
import { appendEventsAndCommit } from '../../src/events/outbox.js';
import type { Store } from '../../src/store/database.js';
import { buildAccount, openTestServices, storeName } from '../support/harness.js';

let store: Store;
let services: Services;

beforeAll(async () => {
  ({ store, services } = await openTestServices());
});
afterAll(() => store.close());

/** Events of several shapes: with and without a conversation, routed and not. */
function pendingEvents(count: number, tag: string): PendingEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const conversationId = crypto.randomUUID();
    if (i % 3 === 0)
      return event('contact.updated', null, {
        contactId: crypto.randomUUID(),
        name: `${tag} ${i} "quoted" \\ back, {braces}`,
        email: null,
        blocked: i % 2 === 0,
      });
    return event(
      'visitor.navigate',
      conversationId,
      { conversationId, url: `https://shop.test/${tag}/${i}` },
      i % 3 === 1 ? { operatorId: crypto.randomUUID(), teamId: null } : undefined,
    );
  });
}

async function append(accountId: string, events: PendingEvent[]) {
  return services.db.transaction().execute((trx) => appendEventsAndCommit(trx, accountId, events));
}

async function expectStored(accountId: string, pending: PendingEvent[], stored: StoredEvent[]) {
  expect(stored).toHaveLength(pending.length);
  const ids = stored.map((e) => e.id);
  expect(ids.every((id, i) => i === 0 || id > ids[i - 1]!)).toBe(true);
  const rows = await store.db
    .selectFrom('events')
    .select(['id', 'type', 'conversation_id', 'payload', 'route_operator_id', 'routed'])
    .where('account_id', '=', accountId)
    .where('id', '>=', String(ids[0]))
    .orderBy('id')
    .execute();
  expect(rows.map((r) => Number(r.id))).toEqual(ids);
  for (const [i, row] of rows.entries()) {
    const e = pending[i]!;
    expect(stored[i]).toMatchObject({ type: e.type, payload: e.payload, accountId });
    expect(row.type).toBe(e.type);
    expect(row.conversation_id).toBe(e.conversationId);
    expect(row.payload).toEqual(e.payload);
    expect(row.routed).toBe(e.route !== null);
    expect(row.route_operator_id).toBe(e.route?.operatorId ?? null);
  }
}

describe(`the outbox (${storeName})`, () => {
  it('gives a large burst increasing ids in the order the events were emitted', async () => {
    const account = await buildAccount(services);
    const pending = pendingEvents(5_000, 'burst');
    const stored = await append(account.accountId, pending);
    await expectStored(account.accountId, pending, stored);
    const at = new Set(stored.map((e) => e.at));
    expect(at.size).toBe(1);
    const [createdAt] = await store.db
      .selectFrom('events')
      .select('created_at')
      .where('id', '=', String(stored[0]!.id))
      .execute();
    expect(new Date(createdAt!.created_at).toISOString()).toBe(stored[0]!.at);
  });

  it("keeps each account's events matched to their ids when accounts write at once", async () => {
    const [a, b] = await Promise.all([buildAccount(services), buildAccount(services)]);
    const pendingA = pendingEvents(800, 'a');
    const pendingB = pendingEvents(800, 'b');
    const [storedA, storedB] = await Promise.all([
      append(a.accountId, pendingA),
      append(b.accountId, pendingB),
    ]);
    await expectStored(a.accountId, pendingA, storedA);
    await expectStored(b.accountId, pendingB, storedB);
  });

  it("numbers an account's events 1, 2, 3… in commit order when transactions write at once", async () => {
    const account = await buildAccount(services);
    const before = await store.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('account_id', '=', account.accountId)
      .executeTakeFirst();
    const from = Number(before?.seq ?? 0);
    const stored = (
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          append(account.accountId, pendingEvents(1 + (i % 4), `t${i}`)),
        ),
      )
    ).flat();
    const rows = await store.db
      .selectFrom('events')
      .select(['id', 'seq'])
      .where('account_id', '=', account.accountId)
      .where('seq', '>', String(from))
      .orderBy('seq')
      .execute();
    // Gapless, and the same order as the ids: both follow commit order.
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => from + i + 1));
    expect(rows.map((r) => Number(r.id))).toEqual(
      [...rows.map((r) => Number(r.id))].sort((x, y) => x - y),
    );
    // What each transaction was told matches the table.
    const bySeq = new Map(rows.map((r) => [Number(r.seq), Number(r.id)]));
    for (const e of stored) expect(bySeq.get(e.seq)).toBe(e.id);
  });

  it('writes nothing for no events', async () => {
    const account = await buildAccount(services);
    expect(await append(account.accountId, [])).toEqual([]);
  });
});
