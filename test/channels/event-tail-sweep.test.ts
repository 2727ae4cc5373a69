import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateAccount } from '../../src/actions/account/update-settings.js';
import { perform, type Scope, type Services } from '../../src/actions/context.js';
import {
  OUTBOUND_CONSUMER,
  queueOutboundDeliveries,
} from '../../src/actions/deliveries/queue-outbound-deliveries.js';
import { createWebhook } from '../../src/actions/webhooks/create-webhook.js';
import { fanOutWebhookEvents } from '../../src/actions/webhooks/fan-out-webhook-events.js';
import { systemScope } from '../../src/channels/worker-deps.js';
import type { Store } from '../../src/store/database.js';
import { accountsWithUnreadEvents } from '../../src/store/queries/events.js';
import { buildAccount, openTestServices, storeName } from '../support/harness.js';

let store: Store;
let services: Services;

beforeAll(async () => {
  ({ store, services } = await openTestServices());
});
afterAll(() => store.close());

const behind = () => accountsWithUnreadEvents(services.db, OUTBOUND_CONSUMER);

async function tailOnce(accountId: string) {
  const scope = systemScope(accountId);
  await perform(services, scope, (ctx) => queueOutboundDeliveries(ctx, { batch: 1000 }));
  await perform(services, scope, (ctx) => fanOutWebhookEvents(ctx, { batch: 1000 }));
}

/** Any event of the account: the tail reads them all, deliverable or not. */
async function somethingHappens(account: { scopeOf(name: string): Scope }) {
  await perform(services, account.scopeOf('admin'), (ctx) =>
    updateAccount(ctx, { name: `Renamed ${randomUUID()}` }),
  );
}

describe(`the event tail's safety-net sweep (${storeName})`, () => {
  it('visits only accounts whose outbound cursor or webhook is behind their events', async () => {
    const external = await buildAccount(services, {
      channels: [
        { name: 'widget', kind: 'widget' },
        { name: 'vk', kind: 'api', settings: { outboundUrl: 'http://127.0.0.1:9/out' } },
      ],
    });
    const widgetOnly = await buildAccount(services, {});
    const hooked = await buildAccount(services, {});
    await perform(services, hooked.scopeOf('admin'), (ctx) =>
      createWebhook(ctx, { url: 'http://127.0.0.1:9/hook', events: ['message.created'] }),
    );

    // A new external channel has no cursor yet: it is visited once to get one.
    expect(await behind()).toContain(external.accountId);
    await tailOnce(external.accountId);
    expect(await behind()).not.toContain(external.accountId);

    // A webhook starts at the account's newest event: nothing to read yet.
    expect(await behind()).not.toContain(hooked.accountId);
    for (const a of [external, widgetOnly, hooked]) await somethingHappens(a);
    const after = await behind();
    expect(after).toContain(external.accountId);
    expect(after).toContain(hooked.accountId);
    // Widget-only accounts have nothing for the tail, whatever happens in them.
    expect(after).not.toContain(widgetOnly.accountId);

    for (const a of [external, hooked]) await tailOnce(a.accountId);
    const caughtUp = await behind();
    expect(caughtUp).not.toContain(external.accountId);
    expect(caughtUp).not.toContain(hooked.accountId);
  });
});
