// Reports read stored rows for closed conversations: they must follow every
// change that happens to a conversation — a transfer before the close, a
// rating or a new category after it, and a client coming back (a reopen is a
// new conversation, DESIGN §1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeName } from '../support/harness.js';
import { Play, startWorld, T0, type World } from './support.js';

interface Row {
  operatorId: string;
  conversations: number;
  firstResponseAvgS: number | null;
  answeredClientMessages: number;
  unansweredClientMessages: number;
  likes: number;
  dislikes: number;
  likedConversationIds: string[];
  dislikedConversationIds: string[];
  targeted: number;
  nonTargeted: number;
}
interface Breakdown {
  rows: { key: string | null; conversations: number; waitAvgS: number | null; targeted: number }[];
}

let world: World;
const at = (seconds: number) => world.at(T0 + seconds * 1000);

beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

async function operators(play: Play): Promise<Record<string, Row>> {
  const { body } = await play.get<{ rows: (Row & { operatorName: string })[] }>(
    '/reports/operators',
  );
  return Object.fromEntries(body.rows.map((r) => [r.operatorName, r]));
}

describe(`reports stay correct as conversations change (${storeName})`, () => {
  it('credits a transferred conversation to the operator who has it at the close', async () => {
    const play = await Play.create(world);
    const client = await play.contact();
    at(0);
    const id = await play.says(client);
    at(10);
    await play.take('Natalia', id);
    at(20);
    await play.reply('Natalia', id);
    at(30);
    await play.transfer('Natalia', id, { operator: 'Maxim' });
    at(40);
    await play.says(client, 'Still there?');
    at(50);
    await play.reply('Maxim', id);
    const whileOpen = await operators(play);
    expect(Object.keys(whileOpen)).toEqual(['Maxim']);
    at(60);
    await play.closeBy('Maxim', id, { targeted: true });
    at(3600);
    const closed = await operators(play);
    expect(Object.keys(closed)).toEqual(['Maxim']);
    // First response is the conversation's, whoever gave it (Natalia, after 20 s).
    expect(closed.Maxim).toMatchObject({
      conversations: 1,
      firstResponseAvgS: 20,
      answeredClientMessages: 2,
      unansweredClientMessages: 0,
      targeted: 1,
    });
  });

  it('measures the wait to the new assignment after a transfer back to the queue', async () => {
    const play = await Play.create(world);
    const client = await play.contact();
    at(0);
    const id = await play.says(client);
    at(10);
    await play.take('Natalia', id);
    at(30);
    await play.transfer('Natalia', id, { team: 'sales' });
    at(45);
    await play.take('Maxim', id);
    at(50);
    await play.reply('Maxim', id);
    at(60);
    await play.closeBy('Maxim', id);
    at(3600);
    const { body } = await play.get<Breakdown>('/reports/breakdown?by=team');
    // It keeps its place in line (queued at 0) and ends in sales, assigned at 45.
    expect(body.rows).toMatchObject([
      { key: play.account.teams.sales, conversations: 1, waitAvgS: 45 },
    ]);
    expect(Object.keys(await operators(play))).toEqual(['Maxim']);
  });

  it('follows a category or target flag corrected after the close', async () => {
    const play = await Play.create(world);
    const refund = await play.category('refund');
    const delivery = await play.category('delivery');
    const client = await play.contact();
    at(0);
    const id = await play.says(client);
    await play.take('Natalia', id);
    await play.reply('Natalia', id);
    await play.closeBy('Natalia', id, { category: 'refund', targeted: false });
    at(3600);
    const before = await play.get<Breakdown>('/reports/breakdown?by=category');
    expect(before.body.rows.map((r) => [r.key, r.targeted])).toEqual([[refund, 0]]);

    const fixed = await play.patch(
      `/conversations/${id}/category`,
      { categoryId: delivery, targeted: true },
      'Sveta',
    );
    expect(fixed.status).toBe(200);
    const after = await play.get<Breakdown>('/reports/breakdown?by=category');
    expect(after.body.rows.map((r) => [r.key, r.targeted])).toEqual([[delivery, 1]]);
    const channel = play.account.channels.widget!.id;
    const perChannel = await play.get<{ rows: { categoryId: string | null }[] }>(
      `/reports/categories-by-channel?channelId=${channel}`,
    );
    expect(perChannel.body.rows.map((r) => r.categoryId)).toEqual([delivery]);

    const cleared = await play.patch(
      `/conversations/${id}/category`,
      { categoryId: null },
      'Sveta',
    );
    expect(cleared.status).toBe(200);
    const none = await play.get<Breakdown>('/reports/breakdown?by=category');
    expect(none.body.rows.map((r) => r.key)).toEqual([null]);
  });

  it('lets only the operator of the conversation or a supervisor re-categorise, within the account', async () => {
    const play = await Play.create(world);
    const refund = await play.category('refund');
    const client = await play.contact();
    at(0);
    const id = await play.says(client);
    await play.take('Natalia', id);
    await play.closeBy('Natalia', id);
    const maxim = await play.patch(
      `/conversations/${id}/category`,
      { categoryId: refund },
      'Maxim',
    );
    expect(maxim).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    const natalia = await play.patch(
      `/conversations/${id}/category`,
      { categoryId: refund },
      'Natalia',
    );
    expect(natalia.status).toBe(200);
    const other = await Play.create(world);
    const foreign = await other.category('refund');
    const wrong = await play.patch(`/conversations/${id}/category`, { categoryId: foreign });
    expect(wrong).toMatchObject({
      status: 400,
      body: { error: { code: 'validation_failed', field: 'categoryId' } },
    });
    const notOurs = await other.patch(`/conversations/${id}/category`, { categoryId: foreign });
    expect(notOurs).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });

  it('follows a rating given or changed after the close', async () => {
    const play = await Play.create(world);
    const client = await play.contact();
    at(0);
    const id = await play.says(client);
    await play.take('Natalia', id);
    await play.reply('Natalia', id);
    await play.closeBy(client, id);
    at(3600);
    expect((await operators(play)).Natalia).toMatchObject({ likes: 0, dislikes: 0 });
    await play.rate(client, id, 'like');
    expect((await operators(play)).Natalia).toMatchObject({
      likes: 1,
      likedConversationIds: [id],
    });
    await play.rate(client, id, 'dislike');
    expect((await operators(play)).Natalia).toMatchObject({
      likes: 0,
      dislikes: 1,
      likedConversationIds: [],
      dislikedConversationIds: [id],
    });
  });

  it('counts a reopened dialog as a new conversation and never lets it answer the old one', async () => {
    const play = await Play.create(world);
    const client = await play.contact();
    at(0);
    const first = await play.says(client, 'Hello');
    at(10);
    await play.take('Natalia', first);
    at(20);
    await play.reply('Natalia', first);
    at(30);
    await play.says(client, 'One more thing');
    at(40);
    await play.closeBy('Natalia', first);
    const closedFirst = await operators(play);
    expect(closedFirst.Natalia).toMatchObject({
      conversations: 1,
      answeredClientMessages: 1,
      unansweredClientMessages: 1,
    });

    at(100);
    const second = await play.says(client, 'About that one more thing');
    expect(second).not.toBe(first);
    at(110);
    await play.take('Natalia', second);
    at(115);
    await play.reply('Natalia', second);
    at(3600);
    const reopened = await operators(play);
    // The old conversation keeps its unanswered message; the new one is answered in 15 s.
    expect(reopened.Natalia).toMatchObject({
      conversations: 2,
      firstResponseAvgS: (20 + 15) / 2,
      answeredClientMessages: 2,
      unansweredClientMessages: 1,
    });
  });
});
