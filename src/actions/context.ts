// How every action runs: one transaction, events appended to the outbox in it,
// published on the bus only after commit. Routes, socket handlers, channel
// adapters, the bot and the CLI call actions through `perform`; none of them
// writes SQL or emits events.
import type { Kysely, Transaction } from 'kysely';
import type { Bus } from '../events/bus.js';
import type { PendingEvent, StoredEvent } from '../events/catalog.js';
import { appendEvents } from '../events/outbox.js';
import type { Database, Role } from '../store/schema.js';

export type Actor =
  | { kind: 'operator'; id: string; role: Role }
  | { kind: 'contact'; id: string; channelId: string }
  | { kind: 'system' };

export interface Services {
  db: Kysely<Database>;
  bus: Bus;
  /** The clock and the random source, parameters so tests and simulations control them. */
  now: () => Date;
  random: () => number;
}

export interface ActionContext {
  trx: Transaction<Database>;
  accountId: string;
  actor: Actor;
  now: Date;
  random: () => number;
  emit(event: PendingEvent): void;
}

export interface Scope {
  accountId: string;
  actor: Actor;
}

export interface ActionResult<T> {
  result: T;
  events: StoredEvent[];
}

export async function perform<T>(
  services: Services,
  scope: Scope,
  action: (ctx: ActionContext) => Promise<T>,
): Promise<ActionResult<T>> {
  const { result, events } = await services.db.transaction().execute(async (trx) => {
    const pending: PendingEvent[] = [];
    const ctx: ActionContext = {
      trx,
      accountId: scope.accountId,
      actor: scope.actor,
      now: services.now(),
      random: services.random,
      emit: (e) => pending.push(e),
    };
    const result = await action(ctx);
    const events = await appendEvents(trx, scope.accountId, pending);
    return { result, events };
  });
  if (events.length > 0) await publish(services, events);
  return { result, events };
}

export async function publish(services: Services, events: StoredEvent[]): Promise<void> {
  // A bus failure must not fail a committed action: clients resume from the table.
  await services.bus.publish({ kind: 'events', node: services.bus.node, events }).catch(() => {});
}
