// GET /metrics for Prometheus: this node's counters plus the store gauges.
// Answers 404 unless METRICS_TOKEN is set (registered anyway, so the web app's
// fallback never serves the path), and then only to that bearer token: queue
// sizes and traffic of every account are not public.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Registry } from 'prom-client';
import { AppError, notFound } from '../../errors.js';
import { registry, storeRegistry } from '../../metrics.js';

export async function registerMetricsRoutes(app: FastifyInstance) {
  const token = app.deps.config.metricsToken;
  if (!token) {
    app.get('/metrics', { schema: { hide: true } }, async () => {
      throw notFound('Page');
    });
    return;
  }
  const expected = digest(token);
  const store = storeRegistry(app.deps.services.db);

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    const header = request.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    // Digests have one length, so the comparison takes the same time whatever was sent.
    if (!timingSafeEqual(digest(given), expected)) {
      reply.header('www-authenticate', 'Bearer');
      throw new AppError('unauthenticated', 'Send the metrics token as a bearer token.');
    }
    const merged = Registry.merge([registry, store]);
    reply.header('content-type', merged.contentType);
    return merged.metrics();
  });
}

const digest = (s: string) => createHash('sha256').update(s).digest();
