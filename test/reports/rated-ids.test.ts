// The operator report's liked ids: at most MAX_RATED_IDS per operator, the
// newest conversations first — and the exact median of first responses over
// an even number of them — on conversations played through the real actions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RATED_IDS, operatorReport } from '../../src/store/queries/reports.js';
import { Play, startWorld, T0, type World } from './support.js';

let world: World;
let play: Play;
const liked: string[] = [];

beforeAll(async () => {
  world = await startWorld();
  play = await Play.create(world);
  // MAX_RATED_IDS + 2 liked conversations of Natalia, a minute apart; first
  // responses 1 s, 2 s, … so the median of the even count is a mean of two.
  for (let i = 0; i < MAX_RATED_IDS + 2; i++) {
    const client = await play.contact('widget', `Client ${i}`);
    world.at(T0 + i * 60_000);
    const id = await play.says(client, 'Hello');
    await play.take('Natalia', id);
    world.tick(i + 1);
    await play.reply('Natalia', id);
    await play.closeBy('Natalia', id);
    await play.rate(client, id, 'like');
    liked.push(id);
  }
}, 120_000);

afterAll(() => world?.close());

describe('operator report: rated ids and the median', () => {
  it('lists the newest liked conversations first, at most MAX_RATED_IDS', async () => {
    const [natalia] = await operatorReport(world.server.sb.services.db, {
      accountId: play.account.accountId,
      from: new Date(T0 - 3_600_000),
      to: new Date(T0 + 86_400_000),
    });
    expect(natalia).toMatchObject({ operatorName: 'Natalia', likes: MAX_RATED_IDS + 2 });
    expect(natalia!.likedConversationIds).toEqual(liked.slice(-MAX_RATED_IDS).reverse());
    expect(natalia!.dislikedConversationIds).toEqual([]);
    // 52 first responses 1..52 s: the median is (26 + 27) / 2 s.
    expect(natalia!.firstResponseMedianMs).toBe(26_500);
  });
});
