// "Assign to me" (issue 15): a free operator takes a waiting conversation from
// a queue they see in every distribution mode; at the limit, or not online,
// the refusal speaks to them. No router runs here, so what waits stays waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyContact } from '../../src/actions/contacts/identify-contact.js';
import { perform, type Services } from '../../src/actions/context.js';
import { startConversation } from '../../src/actions/conversations/start-conversation.js';
import { takeConversation } from '../../src/actions/conversations/take-conversation.js';
import { setOperatorStatus } from '../../src/actions/operators/set-operator-status.js';
import type { AppError } from '../../src/errors.js';
import type { Store } from '../../src/store/database.js';
import type { DistributionMode } from '../../src/store/schema.js';
import { buildAccount, openTestServices, storeName, type TestAccount } from '../support/harness.js';

let store: Store;
let services: Services;
beforeAll(async () => {
  ({ store, services } = await openTestServices());
});
afterAll(() => store.close());

async function waiting(account: TestAccount): Promise<string> {
  const channelId = account.channels.widget!.id;
  const { result: contact } = await perform(services, account.system, (ctx) =>
    identifyContact(ctx, { channelId, externalId: crypto.randomUUID() }),
  );
  const { result } = await perform(services, account.system, (ctx) =>
    startConversation(ctx, { channelId, contactId: contact.id }),
  );
  expect(result.conversation.state).toBe('queued');
  return result.conversation.id;
}

const take = (account: TestAccount, name: string, conversationId: string) =>
  perform(services, account.scopeOf(name), (ctx) =>
    takeConversation(ctx, { conversationId, operatorId: account.operator(name).id }),
  );

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe(`taking a waiting conversation (${storeName})`, () => {
  it.each<DistributionMode>(['least_loaded', 'random', 'manual', 'round_robin'])(
    'a free operator takes one from a %s team',
    async (mode) => {
      const account = await buildAccount(services, {
        teams: [{ name: 'Support', mode }],
        operators: [{ name: 'Tatiana', teams: ['Support'], online: true }],
        channels: [{ name: 'widget', kind: 'widget', team: 'Support' }],
      });
      const id = await waiting(account);
      const { result } = await take(account, 'Tatiana', id);
      expect(result).toMatchObject({
        state: 'assigned',
        operator_id: account.operator('Tatiana').id,
      });
    },
  );

  it('tells me I am at my limit, or not online, or that it waits in another team', async () => {
    const account = await buildAccount(services, {
      teams: [
        { name: 'Support', mode: 'manual' },
        { name: 'Sales', mode: 'manual' },
      ],
      operators: [
        { name: 'Ivan', teams: ['Support'], limit: 1, online: true },
        { name: 'Maxim', teams: ['Sales'], online: true },
      ],
      channels: [{ name: 'widget', kind: 'widget', team: 'Support' }],
    });
    await take(account, 'Ivan', await waiting(account));
    const second = await waiting(account);
    const atLimit = await refusal(take(account, 'Ivan', second));
    expect(atLimit).toMatchObject({
      code: 'operator_at_limit',
      message: 'You are at your limit of 1 open conversation.',
    });
    const otherTeam = await refusal(take(account, 'Maxim', second));
    expect(otherTeam).toMatchObject({ code: 'forbidden' });
    expect(otherTeam.message).toMatch(/^This conversation waits in another team's queue; you can/);
    await perform(services, account.system, (ctx) =>
      setOperatorStatus(ctx, { operatorId: account.operator('Ivan').id, status: 'away' }),
    );
    const away = await refusal(take(account, 'Ivan', second));
    expect(away).toMatchObject({
      code: 'operator_not_online',
      message: 'You are not online. Go Online to take conversations.',
    });
  });
});
