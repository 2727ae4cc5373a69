// A routing pass run for an event that an earlier pass (of any node) has
// already seen ends at once; a pass for a newer event, or for no event, runs.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { identifyContact } from '../../src/actions/contacts/identify-contact.js';
import { perform, type Services } from '../../src/actions/context.js';
import { startConversation } from '../../src/actions/conversations/start-conversation.js';
import { assignQueued } from '../../src/actions/routing/assign-queued.js';
import { lockAndLoadRoutingSnapshot } from '../../src/actions/routing/routing-snapshot.js';
import type { Store } from '../../src/store/database.js';
import { buildAccount, openTestServices, storeName, type TestAccount } from '../support/harness.js';

let store: Store;
let services: Services;

beforeAll(async () => {
  ({ store, services } = await openTestServices());
});
afterAll(() => store.close());

/** Queues a conversation; gives its id and the seq of its `conversation.queued` event. */
async function queue(account: TestAccount) {
  const channelId = account.channels.widget!.id;
  const { result: contact } = await perform(services, account.system, (ctx) =>
    identifyContact(ctx, { channelId, externalId: crypto.randomUUID() }),
  );
  const { result, events } = await perform(services, account.system, (ctx) =>
    startConversation(ctx, { channelId, contactId: contact.id }),
  );
  const queued = events.find((e) => e.type === 'conversation.queued')!;
  return { id: result.conversation.id, seq: queued.seq };
}

const pass = (account: TestAccount, trigger: number | null) =>
  perform(services, account.system, (ctx) => assignQueued(ctx, { trigger })).then((r) => r.result);

const routedSeq = async (accountId: string) =>
  (
    await store.db
      .selectFrom('routing_state')
      .select('routed_seq')
      .where('account_id', '=', accountId)
      .executeTakeFirst()
  )?.routed_seq ?? null;

const stateOf = async (id: string) =>
  (
    await store.db
      .selectFrom('conversations')
      .select('state')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).state;

describe(`routing passes covered by an earlier one (${storeName})`, () => {
  it('records the newest event a pass saw, and skips a pass for an event at or below it', async () => {
    const account = await buildAccount(services, {
      operators: [{ name: 'Natalia', online: false }],
    });
    const first = await queue(account);
    // Nobody online: the pass plans with the conversation in view, assigns nothing.
    const ran = await pass(account, first.seq);
    expect(ran).toMatchObject({ skipped: null, assigned: 0, waiting: 1 });
    const newest = await store.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('account_id', '=', account.accountId)
      .executeTakeFirstOrThrow();
    expect(await routedSeq(account.accountId)).toBe(Number(newest.seq));

    // The same trigger again (another node's pass for the same event): nothing to do.
    expect(await pass(account, first.seq)).toEqual({
      assigned: 0,
      waiting: 0,
      wakeAt: null,
      skipped: 'covered',
    });
    expect(await routedSeq(account.accountId)).toBe(Number(newest.seq));

    // A newer event is not covered: the pass runs and assigns.
    await store.db
      .updateTable('operators')
      .set({ status: 'online' })
      .where('id', '=', account.operator('Natalia').id)
      .execute();
    const second = await queue(account);
    expect(second.seq).toBeGreaterThan(first.seq);
    const again = await pass(account, second.seq);
    expect(again.skipped).toBeNull();
    expect(again.assigned).toBe(2);
    expect(await stateOf(first.id)).toBe('assigned');
    expect(await stateOf(second.id)).toBe('assigned');
    expect(await routedSeq(account.accountId)).toBeGreaterThanOrEqual(second.seq);
  });

  it('always runs a pass asked for without an event (the sweep, a timer)', async () => {
    const account = await buildAccount(services, {
      operators: [{ name: 'Tatiana', online: false }],
    });
    const q = await queue(account);
    expect((await pass(account, q.seq)).skipped).toBeNull();
    // The operator comes online without an event (as if the event was lost): only an
    // unconditional pass can notice.
    await store.db
      .updateTable('operators')
      .set({ status: 'online' })
      .where('id', '=', account.operator('Tatiana').id)
      .execute();
    expect((await pass(account, q.seq)).skipped).toBe('covered');
    expect(await stateOf(q.id)).toBe('queued');
    const swept = await pass(account, null);
    expect(swept).toMatchObject({ skipped: null, assigned: 1 });
    expect(await stateOf(q.id)).toBe('assigned');
  });

  it('claims nothing when the pass fails: the next one for the same event runs', async () => {
    const account = await buildAccount(services, {
      operators: [{ name: 'Maxim', online: false }],
    });
    const q = await queue(account);
    const before = await routedSeq(account.accountId);
    await expect(
      perform(services, account.system, async (ctx) => {
        await assignQueued(ctx, { trigger: q.seq });
        throw new Error('the node died mid-pass');
      }),
    ).rejects.toThrow('the node died mid-pass');
    expect(await routedSeq(account.accountId)).toBe(before);
    expect((await pass(account, q.seq)).skipped).toBeNull();
  });

  it('never holds the lock for a pass that the pass before it covered', async () => {
    const account = await buildAccount(services, {
      operators: [{ name: 'Yulia', online: false }],
    });
    const q = await queue(account);
    // Each pass in a transaction of its own, held open until told to commit.
    const open = (trigger: number | null) => {
      let commit!: () => void;
      const committed = new Promise<void>((r) => {
        commit = r;
      });
      let snapshot!: Promise<unknown>;
      const started = new Promise<void>((ready) => {
        const done = store.db.transaction().execute(async (trx) => {
          snapshot = lockAndLoadRoutingSnapshot(
            { ...account.system, trx, now: new Date(), random: Math.random, emit: () => {} },
            trigger,
          );
          ready();
          await snapshot;
          await committed;
        });
        void done.catch(() => {});
      });
      return { started, snapshot: () => snapshot, commit };
    };
    const waiting = async () =>
      Number(
        (
          await sql<{ n: string }>`
            SELECT count(*) AS n FROM pg_locks WHERE NOT granted`.execute(store.db)
        ).rows[0]!.n,
      );
    const baseline = await waiting();

    const first = open(null);
    await first.started;
    expect(await first.snapshot()).toHaveProperty('queue');
    const second = open(q.seq);
    await second.started;
    // The second waits for the first's row lock; the first's snapshot saw q.
    await vi.waitFor(async () => expect(await waiting()).toBeGreaterThan(baseline), {
      timeout: 30_000,
      interval: 20,
    });
    first.commit();
    expect(await second.snapshot()).toBe('covered');
    // Still open, the covered pass holds nothing: a third takes the lock at once.
    const third = open(null);
    await third.started;
    expect(await third.snapshot()).toHaveProperty('queue');
    third.commit();
    second.commit();
  });

  it('ends a pass without the lock when nothing is queued', async () => {
    const account = await buildAccount(services, {
      operators: [{ name: 'Oleg', online: true }],
    });
    const q = await queue(account);
    expect(await pass(account, q.seq)).toMatchObject({ skipped: null, assigned: 1 });
    const routed = await routedSeq(account.accountId);
    // The conversation closes (capacity frees up): nobody waits, so nothing to plan.
    await store.db
      .updateTable('conversations')
      .set({ state: 'closed', closed_at: new Date() })
      .where('id', '=', q.id)
      .execute();
    expect(await pass(account, routed! + 1)).toEqual({
      assigned: 0,
      waiting: 0,
      wakeAt: null,
      skipped: 'idle',
    });
    expect(await pass(account, null)).toMatchObject({ skipped: 'idle' });
    expect(await routedSeq(account.accountId)).toBe(routed);
    // Someone waits again: the pass runs.
    const next = await queue(account);
    expect(await pass(account, next.seq)).toMatchObject({ skipped: null, assigned: 1 });
  });
});
