// The built operator app at /, the widget script at /widget.js and the demo
// shop page at /demo. Built by `npm run build` (run before `npm start`).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { demoChannelKey } from '../../store/queries/channels.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const WEB_DIST = join(root, 'web', 'dist');
export const WIDGET_DIST = join(root, 'widget', 'dist');
const DEMO_PAGE = join(root, 'widget', 'demo', 'index.html');
const DEMO_STYLES = join(root, 'widget', 'demo', 'demo.css');

export async function registerStaticRoutes(app: FastifyInstance) {
  const { services } = app.deps;

  app.get('/widget.js', { schema: { hide: true } }, async (_request, reply) => {
    const file = join(WIDGET_DIST, 'widget.js');
    if (!existsSync(file)) return reply.status(404).send('widget not built: run npm run build');
    reply.header('content-type', 'application/javascript; charset=utf-8');
    reply.header('cache-control', 'public, max-age=300');
    reply.header('access-control-allow-origin', '*');
    return readFileSync(file);
  });

  app.get('/demo', { schema: { hide: true } }, async (_request, reply) => {
    if (!existsSync(DEMO_PAGE)) return reply.status(404).send('demo page missing');
    const key = await demoChannelKey(services.db);
    const html = readFileSync(DEMO_PAGE, 'utf8').replaceAll('%CHANNEL_KEY%', key ?? '');
    return reply.type('text/html; charset=utf-8').send(html);
  });

  // A file rather than a <style> element: the page's Content Security Policy allows no inline styles.
  app.get('/demo.css', { schema: { hide: true } }, async (_request, reply) => {
    if (!existsSync(DEMO_STYLES)) return reply.status(404).send('demo styles missing');
    return reply.type('text/css; charset=utf-8').send(readFileSync(DEMO_STYLES));
  });

  if (!existsSync(WEB_DIST)) {
    app.get('/', { schema: { hide: true } }, async (_r, reply) =>
      reply.type('text/plain').send('The operator app is not built: run npm run build.'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    prefix: '/',
    wildcard: false,
    index: 'index.html',
  });
  // Client-side routes of the single-page app fall back to index.html.
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply
        .status(404)
        .send({ error: { code: 'not_found', message: 'Not found.', field: null } });
    }
    return reply.sendFile('index.html');
  });
}
