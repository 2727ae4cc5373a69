import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';

export async function registerHealthRoutes(app: FastifyInstance) {
  app.get(
    '/api/health',
    { schema: { tags: ['health'], summary: 'Liveness with the database checked' } },
    async (_req, reply) => {
      try {
        await sql`SELECT 1`.execute(app.deps.services.db);
        return { status: 'ok', store: app.deps.storeKind };
      } catch {
        return reply.status(503).send({ status: 'unavailable', store: app.deps.storeKind });
      }
    },
  );
}
