// How every action runs: one transaction, events appended to the outbox in it,
// published on the bus only after commit. Routes, socket handlers, channel
// adapters, the bot and the CLI call actions through `perform`; none of them
// writes SQL or emits events.
import type { Kysely, Transaction } from 'kysely';
import type { Bus } from '../events/bus.js';
import type { PendingEvent, StoredEvent } from '../events/catalog.js';
import { appendEventsAndCommit } from '../events/outbox.js';
import { stalledFor, withDatabaseRetry } from '../store/resilience.js';
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
  /** How long an action waits for an unreachable database before `database_unavailable`. */
  databaseWaitMs?: number;
}

/** DB_UNAVAILABLE_WAIT_MS's default (README § Configuration). */
export const DEFAULT_DATABASE_WAIT_MS = 10_000;

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
  // A deadlock is retried, a lost database waited for (bounded), a commit whose
  // outcome is unknown reported as database_unavailable (src/store/resilience.ts).
  const run = (committing: () => void) =>
    services.db.transaction().execute(async (trx) => {
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
      // The events' write carries the COMMIT (appendEventsAndCommit); without
      // events, Kysely commits when this returns.
      committing();
      const events = await appendEventsAndCommit(trx, scope.accountId, pending);
      return { result, events };
    });
  const { result, events } = await withDatabaseRetry(
    run,
    services.databaseWaitMs ?? DEFAULT_DATABASE_WAIT_MS,
    () => stalledFor(services.db),
  );
  if (events.length > 0) await publish(services, events);
  return { result, events };
}

export async function publish(services: Services, events: StoredEvent[]): Promise<void> {
  // A bus failure must not fail a committed action: clients resume from the table.
  await services.bus.publish({ kind: 'events', node: services.bus.node, events }).catch(() => {});
}
