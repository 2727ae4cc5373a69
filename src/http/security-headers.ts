// Security headers on every answer (@fastify/helmet): the operator app, the
// demo page, the widget script and the API. One Content Security Policy for
// all of them, with no inline scripts or styles anywhere: the app is built by
// Vite into files, the demo page keeps its styles in /demo.css, and the widget
// puts its stylesheet into its shadow root as a constructed stylesheet.
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  // Attachments preview from blob: URLs before upload; Swagger UI draws data: icons.
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  // 'self' covers the same host's ws:// and wss:// (CSP Level 3).
  'connect-src': ["'self'"],
  'media-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  // The operator app may be framed by itself only (clickjacking).
  'frame-ancestors': ["'self'"],
};

export async function registerSecurityHeaders(app: FastifyInstance, publicUrl: string) {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    // Browsers ignore HSTS over plain HTTP; sent only when the server is public over HTTPS.
    strictTransportSecurity: publicUrl.startsWith('https://')
      ? { maxAge: 15_552_000, includeSubDomains: false }
      : false,
  });
  // The widget runs on customers' sites: its script, its API calls and the
  // attachments it shows in <img> are loaded cross-origin, and
  // Cross-Origin-Resource-Policy: same-origin would block the script and images.
  app.addHook('onSend', async (request, reply) => {
    if (crossOriginReadable(request)) reply.header('cross-origin-resource-policy', 'cross-origin');
  });
}

function crossOriginReadable(request: FastifyRequest): boolean {
  const path = request.url.split('?', 1)[0]!;
  return (
    path === '/widget.js' ||
    path.startsWith('/api/v1/widget/') ||
    path.startsWith('/api/v1/visitor/') ||
    request.principal?.kind === 'visitor'
  );
}
