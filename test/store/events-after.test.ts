// Resuming from an event id: within an account ids follow commit order, and an
// id may also be another account's (ids are one sequence for all). What
// follows it is what the account committed after it, read by seq.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyContact } from '../../src/actions/contacts/identify-contact.js';
import { perform, type Services } from '../../src/actions/context.js';
import { startConversation } from '../../src/actions/conversations/start-conversation.js';
import type { Store } from '../../src/store/database.js';
import { eventsAfter } from '../../src/store/queries/events.js';
import { buildAccount, openTestServices, storeName, type TestAccount } from '../support/harness.js';

let store: Store;
let services: Services;

beforeAll(async () => {
  ({ store, services } = await openTestServices());
});
afterAll(() => store.close());

/** Commits events for the account (a new conversation); gives their ids. */
async function commitSome(account: TestAccount): Promise<number[]> {
  const channelId = account.channels.widget!.id;
  const { result: contact } = await perform(services, account.system, (ctx) =>
    identifyContact(ctx, { channelId, externalId: crypto.randomUUID() }),
  );
  const { events } = await perform(services, account.system, (ctx) =>
    startConversation(ctx, { channelId, contactId: contact.id }),
  );
  expect(events.length).toBeGreaterThan(0);
  return events.map((e) => e.id);
}

describe(`events after a point (${storeName})`, () => {
  it('reads what follows an id of the account or of another, in seq order', async () => {
    const a = await buildAccount(services, {});
    const b = await buildAccount(services, {});
    // Commits of the two accounts take turns: their ids interleave.
    const ids = { a: [] as number[][], b: [] as number[][] };
    for (let i = 0; i < 4; i++) {
      ids.a.push(await commitSome(a));
      ids.b.push(await commitSome(b));
    }
    const last = (commit: number[] | undefined) => commit!.at(-1)!;
    const aFrom = (i: number) => ids.a.slice(i).flat();
    const newest = await store.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('account_id', '=', a.accountId)
      .executeTakeFirstOrThrow();
    const readAfter = async (id: number) =>
      (
        await eventsAfter(store.db, a.accountId, {
          after: { id },
          upToSeq: Number(newest.seq),
          limit: 100,
          visitor: null,
        })
      ).map((e) => e.id);
    // From one of its own ids, and from the other account's id just after it.
    expect(await readAfter(last(ids.a[1]))).toEqual(aFrom(2));
    expect(await readAfter(last(ids.b[1]))).toEqual(aFrom(2));
    expect(await readAfter(ids.b[1]![0]!)).toEqual(aFrom(2));
    expect(await readAfter(last(ids.a[3]))).toEqual([]);
    // From before anything, the account's whole history, ending with these.
    const all = await readAfter(0);
    expect(all.slice(-aFrom(0).length)).toEqual(aFrom(0));
    expect(all.some((id) => ids.b.flat().includes(id))).toBe(false);
  });
});
