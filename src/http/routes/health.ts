// Liveness and readiness. /api/health answers from memory, at once, whatever
// the database does (a load balancer or orchestrator must not restart a node
// only because PostgreSQL is away: it recovers by itself). /api/ready says
// whether this node can serve now: the database answers within a second, the
// bus is connected and the migrations this code needs are applied.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Health, Readiness } from '../../contract/staff.js';
import { pendingMigrations } from '../../store/migrate.js';
import { replies } from '../replies.js';

/** The readiness probe's budget for the database. */
const READY_DATABASE_MS = 1_000;

type Check = 'ok' | 'unavailable' | 'pending';

export async function registerHealthRoutes(app: FastifyInstance) {
  app.get(
    '/api/health',
    {
      schema: {
        response: replies({ 200: Health }),
        tags: ['health'],
        summary: 'Liveness: the process answers (the database is not checked; see /api/ready)',
      },
    },
    async () => ({ status: 'ok', store: app.deps.storeKind }),
  );

  // Migrations only ever move forward: once current, they stay current.
  let migrationsCurrent = false;

  app.get(
    '/api/ready',
    {
      schema: {
        response: replies({ 200: Readiness, 503: Readiness }),
        tags: ['health'],
        summary: 'Readiness: database reachable, bus connected, migrations applied (else 503)',
      },
    },
    async (_req, reply) => {
      const { db, bus } = app.deps.services;
      const database = await within(READY_DATABASE_MS, async (): Promise<Check> => {
        await sql`SELECT 1`.execute(db);
        if (!migrationsCurrent) migrationsCurrent = (await pendingMigrations(db)).length === 0;
        return 'ok';
      });
      const checks = {
        database,
        bus: (bus.ready() ? 'ok' : 'unavailable') as Check,
        migrations: (database !== 'ok'
          ? 'unavailable'
          : migrationsCurrent
            ? 'ok'
            : 'pending') as Check,
      };
      const ready = Object.values(checks).every((c) => c === 'ok');
      return reply
        .status(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'unavailable', store: app.deps.storeKind, checks });
    },
  );
}

async function within(ms: number, check: () => Promise<Check>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Check>((resolve) => {
    timer = setTimeout(() => resolve('unavailable'), ms);
  });
  try {
    return await Promise.race([check().catch((): Check => 'unavailable'), late]);
  } finally {
    clearTimeout(timer);
  }
}
